// Who read what (issue 11): reads of personal data leave a line in the audit log, apart from
// changes by their action (`read.<what>`, src/shared/staff/audit-actions.ts). A line says who
// read, whose data or which thing, and how many rows of each kind — never the content: no
// partner's name, no phone number, no note (the log is readable by every staff member of the
// quarter and kept longer than some of what it protects). A read that showed nothing personal
// (an empty list, a pull of catalogue rows only) writes nothing, so the log stays readable.
// The line is written before the answer leaves: if it cannot be written, the data is not sent.
import type { Kysely } from 'kysely';
import { ENTRY_LISTS } from '../../src/shared/entry-kinds';
import type { PullResponseBody } from '../../src/shared/protocol';
import { READ_ACTIONS } from '../../src/shared/staff/audit-actions';
import type { EntryHistoryResponse, StaffWeekResponse } from '../../src/shared/staff/staff-week';
import type { Database } from '../db/tables';
import type { AuthenticatedDevice } from '../identity/authenticated-device';
import { recordAudit, recordDeviceRead } from '../repos/audit.repo';

/** The staff member who read (staff-auth.ts `StaffActor` has these and more). */
export interface Reader {
  quarterId: string;
  userId: string;
  name: string;
}

/** How many rows of each kind were shown; kinds with none are left out. */
export type ReadCounts = Record<string, number>;

function nonZero(counts: ReadCounts): ReadCounts | null {
  const kept = Object.entries(counts).filter(([, n]) => n > 0);
  return kept.length === 0 ? null : Object.fromEntries(kept);
}

async function recordRead(
  db: Kysely<Database>,
  reader: Reader,
  read: {
    action: string;
    subjectType: string;
    subjectId: string;
    detail: Record<string, unknown>;
  },
  now: Date,
): Promise<void> {
  await recordAudit(
    db,
    { quarterId: reader.quarterId, actor: { userId: reader.userId, name: reader.name }, ...read },
    now,
  );
}

/** GET /staff/partners: names, phone numbers and notes of the quarter's call partners. */
export async function auditPartnersRead(
  db: Kysely<Database>,
  reader: Reader,
  shown: { partners: readonly unknown[] },
  now: Date,
): Promise<void> {
  if (shown.partners.length === 0) return;
  await recordRead(
    db,
    reader,
    {
      action: READ_ACTIONS.partners,
      subjectType: 'quarter',
      subjectId: reader.quarterId,
      detail: { counts: { partners: shown.partners.length } },
    },
    now,
  );
}

/** GET /staff/people: the quarter's volunteers and staff by name. */
export async function auditPeopleRead(
  db: Kysely<Database>,
  reader: Reader,
  shown: { people: readonly unknown[] },
  now: Date,
): Promise<void> {
  if (shown.people.length === 0) return;
  await recordRead(
    db,
    reader,
    {
      action: READ_ACTIONS.people,
      subjectType: 'quarter',
      subjectId: reader.quarterId,
      detail: { counts: { people: shown.people.length } },
    },
    now,
  );
}

/**
 * The personal part of a week as shown: what needs a person with a partner's name or a
 * concern's note, and the walks with their guide's name and route. Figures and the Ampel are
 * counts and catalogue, not personal.
 */
export function weekReadCounts(week: StaffWeekResponse): ReadCounts | null {
  return nonZero({
    attention: week.attention.filter(
      (item) => item.partnerName !== null || item.notePreview !== null,
    ).length,
    walks: week.walks.length,
  });
}

/** GET /staff/week: one line per view that showed personal data, naming how much. */
export async function auditWeekRead(
  db: Kysely<Database>,
  reader: Reader,
  week: StaffWeekResponse,
  now: Date,
): Promise<void> {
  const counts = weekReadCounts(week);
  if (!counts) return;
  await recordRead(
    db,
    reader,
    {
      action: READ_ACTIONS.week,
      subjectType: 'week',
      subjectId: week.week.id,
      detail: { counts },
    },
    now,
  );
}

/** GET /staff/entries/:id/history: the entry with its values and every old one. */
export async function auditHistoryRead(
  db: Kysely<Database>,
  reader: Reader,
  history: EntryHistoryResponse,
  now: Date,
): Promise<void> {
  await recordRead(
    db,
    reader,
    {
      action: READ_ACTIONS.entryHistory,
      subjectType: 'entry',
      subjectId: history.entry.id,
      detail: { kind: history.entry.kind, counts: { changes: history.changes.length } },
    },
    now,
  );
}

/**
 * The personal rows a pull delivers: live entries per kind (`calls`, `partners`, …) and route
 * chunks (`tracks`). Reference rows (catalogue, hours, topics) and deletions (ids only) are not
 * personal; null when there is none.
 */
export function pullReadCounts(response: PullResponseBody): ReadCounts | null {
  const counts: ReadCounts = {};
  for (const list of ENTRY_LISTS) counts[list] = response.changes[list].length;
  counts.tracks = response.changes.tracks.length;
  return nonZero(counts);
}

/**
 * A pull that delivered personal rows: one line, the tablet as the actor and the subject it
 * went to, the signed-in people whose view it was (ids) and the counts. One INSERT, after the
 * snapshot (the pull's transaction is read-only), before the answer leaves.
 */
export async function auditPullRead(
  db: Kysely<Database>,
  device: AuthenticatedDevice,
  people: readonly string[],
  response: PullResponseBody,
  now: Date,
): Promise<void> {
  const counts = pullReadCounts(response);
  if (!counts) return;
  await recordDeviceRead(
    db,
    {
      quarterId: device.quarterId,
      deviceId: device.id,
      action: READ_ACTIONS.pull,
      detail: { people: [...people].sort(), counts },
    },
    now,
  );
}
