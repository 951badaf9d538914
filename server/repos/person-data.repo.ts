// The rows the database holds about one call partner or one user of a quarter (issue 11,
// "Auskunft"), table by table as server/privacy/person-data.ts describes them. Rows come back
// as stored (snake_case, JSON columns as text); the caller drops the columns the registry
// withholds. Every query is scoped by the quarter. Ids are plainId (letters, digits, _ . : -),
// so a LIKE on them can over-match only through `_`: each LIKE is checked again exactly here.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, EntriesTable } from '../db/tables';
import type { TableName } from '../privacy/person-data';

export type Row = Record<string, unknown>;
export type PersonRows = Partial<Record<TableName, Row[]>>;

type Db = Kysely<Database>;
type EntriesRow = Selectable<EntriesTable>;

/** `"<id>"` as it appears inside JSON text. */
const quoted = (id: string) => `"${id}"`;

async function historyOf(db: Db, quarterId: string, entryIds: string[]): Promise<Row[]> {
  if (entryIds.length === 0) return [];
  return db
    .selectFrom('entry_history')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where('entry_id', 'in', entryIds)
    .orderBy('version')
    .orderBy('field')
    .execute();
}

/** Audit lines about one of `subjectIds`, or whose actor is `actorId`, or whose detail names `namedId`. */
async function auditLinesOf(
  db: Db,
  quarterId: string,
  match: { subjectIds: string[]; actorId?: string; namedId: string },
): Promise<Row[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where((eb) =>
      eb.or([
        eb('subject_id', 'in', match.subjectIds),
        eb('detail', 'like', `%${quoted(match.namedId)}%`),
        ...(match.actorId ? [eb('actor_user_id', '=', match.actorId)] : []),
      ]),
    )
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.filter(
    (row) =>
      match.subjectIds.includes(row.subject_id) ||
      row.detail.includes(quoted(match.namedId)) ||
      (match.actorId !== undefined && row.actor_user_id === match.actorId),
  );
}

/**
 * Entries whose fields name the partner (calls today), deleted ones too, oldest first. The JSON
 * text is prefiltered with LIKE, then read exactly. Also used by erasure (person-erasure.ts).
 */
export async function entriesNamingPartner(
  db: Db | Transaction<Database>,
  quarterId: string,
  partnerId: string,
): Promise<EntriesRow[]> {
  const rows = await db
    .selectFrom('entries')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where('fields', 'like', `%"partnerId":${quoted(partnerId)}%`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.filter(
    (row) => (JSON.parse(row.fields) as { partnerId?: unknown }).partnerId === partnerId,
  );
}

/** The partner's name as stored, or null when the quarter has no partner entry with this id. */
export async function partnerRows(
  db: Db,
  quarterId: string,
  partnerId: string,
): Promise<{ name: string; rows: PersonRows } | null> {
  const partner = await db
    .selectFrom('entries')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where('kind', '=', 'partner')
    .where('id', '=', partnerId)
    .executeTakeFirst();
  if (!partner) return null;
  const entries = [partner, ...(await entriesNamingPartner(db, quarterId, partnerId))];
  const ids = entries.map((row) => row.id);
  const followUps = await db
    .selectFrom('follow_ups')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where('subject_id', 'in', ids)
    .orderBy('created_at')
    .execute();
  const fields = JSON.parse(partner.fields) as { name?: unknown };
  return {
    name: typeof fields.name === 'string' ? fields.name : '',
    rows: {
      entries,
      entry_history: await historyOf(db, quarterId, ids),
      follow_ups: followUps,
      audit_log: await auditLinesOf(db, quarterId, { subjectIds: ids, namedId: partnerId }),
    },
  };
}

/** The user's name, or null when the quarter has no user with this id. */
export async function userRows(
  db: Db,
  quarterId: string,
  userId: string,
): Promise<{ name: string; rows: PersonRows } | null> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return null;
  // The hashes are never exported; that they exist is the person's data.
  const { pin_hash: pinHash, password_hash: passwordHash, ...own } = user;
  const entries = await db
    .selectFrom('entries')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where('author_user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const ids = entries.map((row) => row.id);
  const personSessions = await db
    .selectFrom('person_sessions')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const staffSessions = await db
    .selectFrom('staff_sessions')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  return {
    name: user.name,
    rows: {
      users: [{ ...own, has_pin: pinHash !== null, has_password: passwordHash !== null }],
      entries,
      entry_history: await historyOf(db, quarterId, ids),
      walk_track_chunks: await db
        .selectFrom('walk_track_chunks')
        .selectAll()
        .where('quarter_id', '=', quarterId)
        .where('author_user_id', '=', userId)
        .orderBy('walk_id')
        .orderBy('chunk')
        .execute(),
      // Mutation lines have no quarter: their client's does.
      mutation_log: await db
        .selectFrom('mutation_log as m')
        .innerJoin('sync_clients as c', 'c.client_id', 'm.client_id')
        .selectAll('m')
        .where('c.quarter_id', '=', quarterId)
        .where('m.author_user_id', '=', userId)
        .orderBy('m.received_at')
        .orderBy('m.client_id')
        .orderBy('m.seq')
        .execute(),
      // A user id belongs to one quarter, so their device_users rows are this quarter's.
      device_users: await db
        .selectFrom('device_users')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('first_signed_in_at')
        .execute(),
      person_sessions: personSessions,
      staff_sessions: staffSessions,
      sign_in_guards: await db
        .selectFrom('sign_in_guards')
        .selectAll()
        .where('quarter_id', '=', quarterId)
        .where('name', '=', user.name)
        .execute(),
      enrolment_codes: await db
        .selectFrom('enrolment_codes')
        .selectAll()
        .where('quarter_id', '=', quarterId)
        .where('created_by_user_id', '=', userId)
        .orderBy('created_at')
        .execute(),
      follow_ups: await db
        .selectFrom('follow_ups')
        .selectAll()
        .where('quarter_id', '=', quarterId)
        .where((eb) =>
          eb.or([eb('owner_user_id', '=', userId), eb('updated_by_user_id', '=', userId)]),
        )
        .orderBy('created_at')
        .execute(),
      audit_log: await auditLinesOf(db, quarterId, {
        subjectIds: [userId, ...ids],
        actorId: userId,
        namedId: userId,
      }),
    },
  };
}

/** The tables the database has, as it says itself (not Kysely's own). */
export async function databaseTables(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables();
  // PostgreSQL lists every schema's tables; the names are what counts.
  const names = new Set(tables.map((table) => table.name));
  return [...names].filter((name) => !name.startsWith('kysely_')).sort();
}
