// What the database holds about a person (issue 11, "Auskunft"): for EVERY table, whether it
// can hold anything about a call partner or a volunteer/staff member, and how its rows about
// them are found. The export (privacy/person-export.ts) follows this table, and
// tests/server/person-export.test.ts compares its keys with the tables the database really
// has, so a table added later cannot be forgotten here. Later parts (erasure) start from the
// same table. The queries themselves are in repos/person-data.repo.ts.
import type { Database } from '../db/tables';

export type TableName = keyof Database;

/** How one table relates to a person. */
export type PersonRelation =
  | {
      personal: false;
      /** Why nothing in it is about a person. */
      why: string;
    }
  | {
      personal: true;
      /** Which rows are about a call partner ('—': none can be). */
      partner: string;
      /** Which rows are about a user (volunteer or staff; '—': none can be). */
      person: string;
      /** Columns never exported (hashes of PINs, passwords, credentials, codes). */
      withheld?: readonly string[];
    };

export const PERSON_DATA: { readonly [T in TableName]: PersonRelation } = {
  meta: { personal: false, why: 'settings of the server itself (schema version, flags)' },
  quarters: { personal: false, why: 'the quarter’s name and change counter' },
  themes: { personal: false, why: 'catalogue: themes of activities' },
  institutions: { personal: false, why: 'catalogue: institutions, not people' },
  activities: { personal: false, why: 'catalogue: what the quarter offers' },
  storefronts: { personal: false, why: 'the shop’s address and opening hours' },
  opening_exceptions: { personal: false, why: 'days the shop opens differently' },
  topics: { personal: false, why: 'catalogue: topics of advice sessions' },
  devices: {
    personal: false,
    why: 'the quarter’s tablets; who used which one is in device_users',
  },
  sync_clients: { personal: false, why: 'a tablet’s change counter, no person in it' },
  users: {
    personal: true,
    partner: '—',
    person: 'their own row; PIN and password are said to exist, never exported',
    withheld: ['pin_hash', 'password_hash'],
  },
  entries: {
    personal: true,
    partner: 'the partner entry itself, and every entry whose fields name it (partnerId)',
    person: 'every entry they wrote (author_user_id), of every kind',
  },
  entry_history: {
    personal: true,
    partner: 'the history of those entries',
    person: 'the history of the entries they wrote',
  },
  walk_track_chunks: {
    personal: true,
    partner: '—',
    person: 'the routes of their walks (author_user_id)',
  },
  mutation_log: {
    personal: true,
    partner: '—',
    person: 'the changes their tablets sent in their name (author_user_id)',
  },
  device_users: { personal: true, partner: '—', person: 'which tablets they signed in on' },
  person_sessions: {
    personal: true,
    partner: '—',
    person: 'their sign-ins on tablets, without the credential',
    withheld: ['credential_hash'],
  },
  staff_sessions: {
    personal: true,
    partner: '—',
    person: 'their sign-ins on the staff screens, without the token',
    withheld: ['token_hash'],
  },
  sign_in_guards: {
    personal: true,
    partner: '—',
    person: 'wrong PINs typed under their name',
  },
  enrolment_codes: {
    personal: true,
    partner: '—',
    person: 'codes they issued to enrol a tablet, without the code',
    withheld: ['code_hash'],
  },
  follow_ups: {
    personal: true,
    partner: 'follow-ups of the partner or of their calls (subject_id)',
    person: 'follow-ups they own or last changed',
  },
  audit_log: {
    personal: true,
    partner: 'lines about the partner or their calls, or naming the partner’s id',
    person:
      'lines where they acted, they or an entry they wrote is the subject, or their id is named',
  },
};

/** The tables that can hold something about a person, in the registry's order. */
export const PERSONAL_TABLES: readonly TableName[] = (
  Object.keys(PERSON_DATA) as TableName[]
).filter((table) => PERSON_DATA[table].personal);

/** The row without the columns the registry withholds for its table. */
export function withoutWithheld(
  table: TableName,
  row: Record<string, unknown>,
): Record<string, unknown> {
  const relation = PERSON_DATA[table];
  if (!relation.personal || !relation.withheld) return row;
  const kept = { ...row };
  for (const column of relation.withheld) delete kept[column];
  return kept;
}
