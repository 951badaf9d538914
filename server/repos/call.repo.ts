// Calls (the first entry type, issue 3). Written only by pushed mutations, inside the push
// transaction (a `WriteContext`), so every row carries the version of the push that wrote it
// and a pull sees it after that version (G4). Deletes are tombstones that are never purged: a
// late create or update of a deleted call must find it and stay without effect.
import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import type { CallRecord } from '../../src/shared/push';
import { dialectOf, type DialectName } from '../db/database';
import type { CallsTable, Database } from '../db/tables';
import { toCallRecord, type CallRow } from './call-columns';
import type { WriteContext } from './quarter-version.repo';
import { stamp, toFlag } from './synced-row.repo';

export interface NewCall {
  /** Client-generated. */
  id: string;
  authorId: string;
  deviceId: string;
  occurredAt: string;
  partner: string;
  durationMinutes: number;
  concern: boolean;
  note: string;
  activity: { id: string; name: string; themeName: string } | null;
  reached: boolean;
}

/**
 * Inserts a call; a call with the same id in the quarter (live or deleted) stays as it is, so a
 * create sent again under a new seq (e.g. re-queued after a reset) has no second effect (G2),
 * and a create cannot bring back a deleted call. The activity is not checked against the
 * catalogue: an entry made offline may name an activity deleted since, and keeps its snapshot
 * of the names (G11). Returns false for an existing id.
 */
export async function insertCall(w: WriteContext, call: NewCall): Promise<boolean> {
  const row = callRow(w, call);
  const result = await w.tx.executeQuery(
    CompiledQuery.raw(insertCallSql(w.tx, row), Object.values(row)),
  );
  return (result.numAffectedRows ?? 0n) > 0n;
}

function callRow(w: WriteContext, call: NewCall): Insertable<CallsTable> {
  // No value may be undefined: Kysely would leave its column out, and the parameters of the
  // compiled INSERT (below) would no longer line up with its columns.
  return {
    quarter_id: w.quarterId,
    id: call.id,
    author_user_id: call.authorId,
    device_id: call.deviceId,
    occurred_at: call.occurredAt,
    partner: call.partner,
    duration_minutes: call.durationMinutes,
    concern: toFlag(call.concern),
    note: call.note,
    activity_id: call.activity?.id ?? null,
    activity_name: call.activity?.name ?? null,
    theme_name: call.activity?.themeName ?? null,
    reached: toFlag(call.reached),
    conflict: 0,
    created_at: w.updatedAt,
    ...stamp(w),
  };
}

/**
 * The SQL of the INSERT of one call, compiled by Kysely once per dialect: building and
 * compiling it for every call of a push cost more than running it (docs/benchmarks.md,
 * measure 4). Every row `callRow` makes has the same keys in the same order, so its values
 * are the parameters in the order this SQL was compiled with.
 */
const insertCallSqls = new Map<DialectName, string>();

function insertCallSql(tx: Kysely<Database>, row: Insertable<CallsTable>): string {
  const dialect = dialectOf(tx);
  const known = insertCallSqls.get(dialect);
  if (known !== undefined) return known;
  const { sql } = tx
    .insertInto('calls')
    .values(row)
    .onConflict((oc) => oc.columns(['quarter_id', 'id']).doNothing())
    .compile();
  insertCallSqls.set(dialect, sql);
  return sql;
}

/** The call of the writer's quarter, deleted or not; undefined when there is none. */
export async function findCall(w: WriteContext, id: string): Promise<CallRow | undefined> {
  return w.tx
    .selectFrom('calls')
    .selectAll()
    .where('quarter_id', '=', w.quarterId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Writes changed fields with the transaction's version. `conflict` only ever sets the flag:
 * a call stays flagged until staff have reviewed it, whatever later edits do.
 */
export async function writeCallFields(
  w: WriteContext,
  id: string,
  columns: Partial<CallRow>,
  conflict: boolean,
): Promise<void> {
  await w.tx
    .updateTable('calls')
    .set({ ...columns, version: w.version, updated_at: w.updatedAt })
    .$if(conflict, (qb) => qb.set({ conflict: 1 }))
    .where('quarter_id', '=', w.quarterId)
    .where('id', '=', id)
    .execute();
}

/** Tombstones a live call (G8): its id goes out as deleted with this version. */
export async function tombstoneCall(w: WriteContext, id: string): Promise<void> {
  await w.tx
    .updateTable('calls')
    .set({ deleted: 1, version: w.version, updated_at: w.updatedAt })
    .where('quarter_id', '=', w.quarterId)
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .execute();
}

/**
 * The calls of `authorIds` in the quarter for a pull; inside the pull's snapshot transaction.
 * `since` null (a reset): every live call. A number: every call with a higher version, live
 * ones as changes and tombstones as deleted ids. In version order, like the reference rows.
 */
export async function readAuthorsCalls(
  db: Kysely<Database>,
  quarterId: string,
  authorIds: readonly string[],
  since: number | null,
): Promise<{ changes: CallRecord[]; deleted: string[] }> {
  if (authorIds.length === 0) return { changes: [], deleted: [] };
  const query = db
    .selectFrom('calls')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where('author_user_id', 'in', [...authorIds]);
  const rows = await (
    since === null ? query.where('deleted', '=', 0) : query.where('version', '>', since)
  )
    .orderBy('version')
    .orderBy('id')
    .execute();
  return {
    changes: rows.filter((row) => row.deleted === 0).map(toCallRecord),
    deleted: rows.filter((row) => row.deleted === 1).map((row) => row.id),
  };
}
