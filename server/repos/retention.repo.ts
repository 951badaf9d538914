// The statements of the retention job (retention/retention.job.ts): find what has expired and
// delete it. Entry changes run inside `writeInQuarter` (devices must learn them with a new
// version); the logs and the history are server-only and are deleted with plain statements.
// Every statement re-checks its condition, so two server processes running the job at once
// (several behind one PostgreSQL) do the same work twice at worst, never anything else.
import type { Kysely, Transaction } from 'kysely';
import { activitySnapshotOf } from '../../src/domain/entry-figure-values';
import { OLDER_READ_ACTIONS, READ_ACTION_PREFIX } from '../../src/shared/staff/audit-actions';
import type { Database } from '../db/tables';
import { deleteWhatHangsOn } from './entry.repo';
import type { WriteContext } from './quarter-version.repo';

type Executor = Kysely<Database> | Transaction<Database>;

/** Rows per round: small enough that a round's transaction stays short. */
export const RETENTION_BATCH = 500;

export interface ExpiringEntry {
  id: string;
  fields: string;
}

/**
 * Live entries of `kinds` that happened before `before`, oldest first, one batch; with
 * `withNote`, only those whose JSON holds a non-empty `"note"` (the fields are written by
 * JSON.stringify, without spaces, so a text match finds them on both databases).
 */
export async function liveEntriesBefore(
  db: Executor,
  quarterId: string,
  kinds: readonly string[],
  before: string,
  options: { withNote?: boolean } = {},
): Promise<ExpiringEntry[]> {
  let query = db
    .selectFrom('entries')
    .select(['id', 'fields'])
    .where('quarter_id', '=', quarterId)
    .where('kind', 'in', [...kinds])
    .where('occurred_at', '<', before)
    .where('deleted', '=', 0);
  if (options.withNote) {
    query = query.where('fields', 'like', '%"note":"%').where('fields', 'not like', '%"note":""%');
  }
  return query.orderBy('occurred_at').orderBy('id').limit(RETENTION_BATCH).execute();
}

/** Live call partners whose status is `ended` and that were last changed before `before`. */
export async function endedPartnersBefore(
  db: Executor,
  quarterId: string,
  before: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('entries')
    .select('id')
    .where('quarter_id', '=', quarterId)
    .where('kind', '=', 'partner')
    .where('deleted', '=', 0)
    .where('updated_at', '<', before)
    .where('fields', 'like', '%"status":"ended"%')
    .orderBy('id')
    .limit(RETENTION_BATCH)
    .execute();
  return rows.map((row) => row.id);
}

/** New fields for entries, each with the write's version (devices pull the change). */
export async function rewriteFields(
  w: WriteContext,
  rows: readonly ExpiringEntry[],
): Promise<void> {
  for (const row of rows) {
    await w.tx
      .updateTable('entries')
      .set({ fields: row.fields, version: w.version, updated_at: w.updatedAt })
      .where('quarter_id', '=', w.quarterId)
      .where('id', '=', row.id)
      .execute();
  }
}

/**
 * What an expired or erased entry keeps of its fields: only the activity it counted under (a
 * name from the catalogue, nothing personal), so the figures by activity still add up.
 */
export function withCountsOnly(row: ExpiringEntry): ExpiringEntry {
  const activity = activitySnapshotOf(JSON.parse(row.fields) as Record<string, unknown>);
  return { id: row.id, fields: JSON.stringify(activity ? { activity } : {}) };
}

/**
 * Entries whose period ended (or that were erased, privacy/person-erasure.ts): a tombstone for devices (`deleted`), their fields reduced to
 * `fields` (nothing personal), the conflict flag and what hangs on them gone — but their figure
 * columns and concern flag kept, so the week's and month's figures still count them.
 */
export async function expireEntries(
  w: WriteContext,
  rows: readonly ExpiringEntry[],
): Promise<void> {
  for (const row of rows) {
    await w.tx
      .updateTable('entries')
      .set({
        fields: row.fields,
        conflict: 0,
        deleted: 1,
        version: w.version,
        updated_at: w.updatedAt,
      })
      .where('quarter_id', '=', w.quarterId)
      .where('id', '=', row.id)
      .where('deleted', '=', 0)
      .execute();
  }
  await deleteWhatHangsOn(
    w,
    rows.map((row) => row.id),
  );
}

/** The ids of every quarter (the job goes through them one by one). */
export async function quarterIds(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('quarters').select('id').orderBy('id').execute();
  return rows.map((row) => row.id);
}

/** Old values of entries' history recorded before `before`, of one quarter. */
export async function deleteHistoryBefore(
  db: Kysely<Database>,
  quarterId: string,
  before: string,
): Promise<number> {
  const result = await db
    .deleteFrom('entry_history')
    .where('quarter_id', '=', quarterId)
    .where('recorded_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Route chunks of walks that started before `before`, of one quarter. */
export async function deleteRoutesBefore(
  db: Kysely<Database>,
  quarterId: string,
  before: string,
): Promise<number> {
  const result = await db
    .deleteFrom('walk_track_chunks')
    .where('quarter_id', '=', quarterId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('entries')
          .select('entries.id')
          .whereRef('entries.quarter_id', '=', 'walk_track_chunks.quarter_id')
          .whereRef('entries.id', '=', 'walk_track_chunks.walk_id')
          .where('entries.occurred_at', '<', before),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Push-log rows received before `before` (all quarters: the log has no quarter column). */
export async function deletePushLogBefore(db: Kysely<Database>, before: string): Promise<number> {
  const result = await db
    .deleteFrom('mutation_log')
    .where('received_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Audit lines of one quarter written before `before`: the reads of personal data (`read.*` and
 * the two older read actions, src/shared/staff/audit-actions.ts) or all the others.
 */
export async function deleteAuditBefore(
  db: Kysely<Database>,
  quarterId: string,
  before: string,
  which: 'reads' | 'changes',
): Promise<number> {
  const older = [...OLDER_READ_ACTIONS];
  const result = await db
    .deleteFrom('audit_log')
    .where('quarter_id', '=', quarterId)
    .where('at', '<', before)
    .where((eb) =>
      which === 'reads'
        ? eb.or([eb('action', 'like', `${READ_ACTION_PREFIX}%`), eb('action', 'in', older)])
        : eb.and([
            eb('action', 'not like', `${READ_ACTION_PREFIX}%`),
            eb('action', 'not in', older),
          ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
