// Entries of every kind (calls, advice sessions, …; migration 0008). Written only by pushed
// mutations, inside the push transaction (a `WriteContext`), so every row carries the version
// of the push that wrote it and a pull sees it after that version (G4). Deletes are tombstones
// without content that are never purged: a late create or update of a deleted entry must find
// it and stay without effect (delete wins). How values map to columns is db/entry-row.ts's business.
import { CompiledQuery, sql, type Insertable, type Kysely } from 'kysely';
import type { PullResponseBody } from '../../src/shared/protocol';
import {
  ENTRY_KIND_NAMES,
  ENTRY_KINDS,
  ENTRY_LISTS,
  type EntryList,
} from '../../src/shared/entry-kinds';
import { compiledOnce, dialectOf } from '../db/database';
import {
  kindOfRow,
  NO_FIGURES,
  readValues,
  toEntryRecord,
  type AnyEntryKind,
  type EntryRow,
  type EntryValueColumns,
} from '../db/entry-row';
import type { Database, EntriesTable } from '../db/tables';
import type { WriteContext } from './quarter-version.repo';
import { stamp } from './synced-row.repo';

export interface NewEntry {
  /** Client-generated. */
  id: string;
  kind: string;
  authorId: string;
  deviceId: string;
  columns: EntryValueColumns;
}

/**
 * Inserts an entry; an entry with the same id in the quarter (live or deleted, of any kind)
 * stays as it is, so a create sent again under a new seq (e.g. re-queued after a reset) has no
 * second effect (G2), and a create cannot bring back a deleted entry. Catalogue references in
 * the fields are not checked: an entry made offline may name an activity deleted since, and
 * keeps its snapshot of the names (G11). Returns false for an existing id.
 */
export async function insertEntry(w: WriteContext, entry: NewEntry): Promise<boolean> {
  const row = entryRow(w, entry);
  const result = await w.tx.executeQuery(
    CompiledQuery.raw(insertEntrySql(w.tx, [row]), Object.values(row)),
  );
  return (result.numAffectedRows ?? 0n) > 0n;
}

/** Rows per INSERT of an entry batch: a push of 200 (PUSH_MAX_MUTATIONS) sends two. */
const ENTRY_ROWS_PER_INSERT = 100;

/**
 * New entries written together, a few INSERTs of many rows instead of one per entry: a push's
 * first attempt collects its plain creates here (push.service.ts), which made the push 12–19 %
 * faster on SQLite (docs/benchmarks.md, measure 4). `write` sends what was added and answers
 * false when an id was taken already (a create sent again, or an entry of another kind with
 * that id); the caller then runs the push again one mutation at a time, where each create
 * finds out what that means for it.
 */
export interface EntryBatch {
  add(entry: NewEntry): void;
  write(): Promise<boolean>;
}

export function entryBatch(w: WriteContext): EntryBatch {
  let rows: Insertable<EntriesTable>[] = [];
  return {
    add: (entry) => void rows.push(entryRow(w, entry)),
    async write() {
      const all = rows;
      rows = [];
      for (let start = 0; start < all.length; start += ENTRY_ROWS_PER_INSERT) {
        const part = all.slice(start, start + ENTRY_ROWS_PER_INSERT);
        const text = insertEntrySql(w.tx, part);
        const result = await w.tx.executeQuery(
          CompiledQuery.raw(
            text,
            part.flatMap((row) => Object.values(row)),
          ),
        );
        if (Number(result.numAffectedRows ?? 0n) < part.length) return false;
      }
      return true;
    },
  };
}

function entryRow(w: WriteContext, entry: NewEntry): Insertable<EntriesTable> {
  // No value may be undefined, and the keys always come in this order: the parameters of the
  // compiled INSERT (below) are the values in the order this SQL was compiled with.
  return {
    quarter_id: w.quarterId,
    id: entry.id,
    kind: entry.kind,
    author_user_id: entry.authorId,
    device_id: entry.deviceId,
    occurred_at: entry.columns.occurred_at,
    concern: entry.columns.concern,
    conflict: 0,
    fields: entry.columns.fields,
    fig_activity_id: entry.columns.fig_activity_id,
    fig_reached: entry.columns.fig_reached,
    fig_seconds: entry.columns.fig_seconds,
    fig_participants: entry.columns.fig_participants,
    fig_walking_aids: entry.columns.fig_walking_aids,
    fig_wheelchairs: entry.columns.fig_wheelchairs,
    fig_metres: entry.columns.fig_metres,
    fig_week: entry.columns.fig_week,
    created_at: w.updatedAt,
    ...stamp(w),
  };
}

/** The INSERT of `rows.length` entries (one text per number of rows and dialect). */
function insertEntrySql(tx: Kysely<Database>, rows: Insertable<EntriesTable>[]): string {
  return compiledOnce(tx, `insert entries ×${rows.length}`, () =>
    tx
      .insertInto('entries')
      .values(rows)
      .onConflict((oc) => oc.columns(['quarter_id', 'id']).doNothing())
      .compile(),
  );
}

/** The entry of the writer's quarter, of any kind, deleted or not; undefined when there is none. */
export async function findEntry(w: WriteContext, id: string): Promise<EntryRow | undefined> {
  return w.tx
    .selectFrom('entries')
    .selectAll()
    .where('quarter_id', '=', w.quarterId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Writes changed values with the transaction's version. `conflict` only ever sets the flag:
 * an entry stays flagged until staff have reviewed it, whatever later edits do.
 */
export async function writeEntryFields(
  w: WriteContext,
  id: string,
  columns: Partial<EntryValueColumns>,
  conflict: boolean,
): Promise<void> {
  await w.tx
    .updateTable('entries')
    .set({ ...columns, version: w.version, updated_at: w.updatedAt })
    .$if(conflict, (qb) => qb.set({ conflict: 1 }))
    .where('quarter_id', '=', w.quarterId)
    .where('id', '=', id)
    .execute();
}

/** Tombstones a live entry (G8): its id goes out as deleted with this version. */
/**
 * Deletes an entry: what stays is its id, kind, author, time and the fact of the deletion (a
 * tombstone, which devices learn from their next pull and a late create or update finds);
 * never its content. Its fields, flags and figures are emptied, and what hangs on it goes in
 * the same transaction: the history of its old values, a walk's route and staff's follow-ups of
 * its concern or conflict (issue 11: "deleting deletes").
 */
export async function tombstoneEntry(w: WriteContext, id: string): Promise<void> {
  const result = await w.tx
    .updateTable('entries')
    .set({
      ...TOMBSTONE_CONTENT,
      deleted: 1,
      version: w.version,
      updated_at: w.updatedAt,
    })
    .where('quarter_id', '=', w.quarterId)
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return;
  await deleteWhatHangsOn(w, [id]);
}

/**
 * What hangs on these entries and says something about them: the history of their old values,
 * a walk's route, staff's follow-ups (of a concern, a conflict, a partner's unanswered calls).
 */
export async function deleteWhatHangsOn(w: WriteContext, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await w.tx
    .deleteFrom('entry_history')
    .where('quarter_id', '=', w.quarterId)
    .where('entry_id', 'in', ids)
    .execute();
  await w.tx
    .deleteFrom('walk_track_chunks')
    .where('quarter_id', '=', w.quarterId)
    .where('walk_id', 'in', ids)
    .execute();
  await w.tx
    .deleteFrom('follow_ups')
    .where('quarter_id', '=', w.quarterId)
    .where('subject_id', 'in', ids)
    .execute();
}

/** The columns of a deleted entry: nothing of what it said, nothing it adds to the figures. */
export const TOMBSTONE_CONTENT = {
  fields: '{}',
  concern: 0,
  conflict: 0,
  ...NO_FIGURES,
} as const satisfies Partial<EntriesTable>;

/** Per kind's list (`calls`, `advice`): the records a pull brings, and the deleted ids. */
export interface AuthorsEntries {
  changes: Pick<PullResponseBody['changes'], EntryList>;
  deleted: Pick<PullResponseBody['deleted'], EntryList>;
}

const emptyLists = <T>() =>
  Object.fromEntries(ENTRY_LISTS.map((list) => [list, [] as T[]])) as Record<EntryList, T[]>;

/** Kinds whose entries reach devices by membership (`access.membersField`), not authorship. */
const MEMBER_KINDS: readonly AnyEntryKind[] = ENTRY_KIND_NAMES.map(
  (name) => ENTRY_KINDS[name] as AnyEntryKind,
).filter((kind) => kind.access?.membersField !== undefined);
const MEMBER_KIND_NAMES = MEMBER_KINDS.map((kind) => kind.kind);

/**
 * The entries of the device's view for a pull, in each kind's list; inside the pull's snapshot
 * transaction. `since` null (a reset): every live entry. A number: every entry with a higher
 * version, live ones as changes and tombstones as deleted ids. In version order, like the
 * reference rows. Rows of a kind this server does not know are left out.
 * - Entries of most kinds: those authored by `userIds`.
 * - Entries of a kind with a `membersField` (call partners): those that list one of `userIds`
 *   there, whoever made them. One changed since the cookie that lists none of them goes out as
 *   deleted, so a device drops a partner that was unassigned (a device that never had it simply
 *   ignores the id).
 */
export async function readViewEntries(
  db: Kysely<Database>,
  quarterId: string,
  userIds: readonly string[],
  since: number | null,
): Promise<AuthorsEntries> {
  const changes = emptyLists<Record<string, unknown>>();
  const deleted = emptyLists<string>();
  if (userIds.length > 0) {
    const authored = await selectChanged(db, quarterId, since)
      .where('author_user_id', 'in', [...userIds])
      .$if(MEMBER_KIND_NAMES.length > 0, (qb) => qb.where('kind', 'not in', MEMBER_KIND_NAMES))
      .execute();
    for (const row of authored) {
      const kind = kindOfRow(row);
      if (!kind) continue;
      if (row.deleted === 1) deleted[kind.list].push(row.id);
      else changes[kind.list].push(toEntryRecord(row));
    }
    await addMemberEntries(db, quarterId, userIds, since, changes, deleted);
  }
  // The stored values passed the kind's schema when they were written.
  return { changes: changes as unknown as AuthorsEntries['changes'], deleted };
}

/** Entries of the quarter: all live ones (since null), or all changed after `since`. */
function selectChanged(db: Kysely<Database>, quarterId: string, since: number | null) {
  const query = db.selectFrom('entries').selectAll().where('quarter_id', '=', quarterId);
  return (since === null ? query.where('deleted', '=', 0) : query.where('version', '>', since))
    .orderBy('version')
    .orderBy('id');
}

async function addMemberEntries(
  db: Kysely<Database>,
  quarterId: string,
  userIds: readonly string[],
  since: number | null,
  changes: Record<EntryList, Record<string, unknown>[]>,
  deleted: Record<EntryList, string[]>,
): Promise<void> {
  if (MEMBER_KINDS.length === 0) return;
  const rows = await selectChanged(db, quarterId, since)
    .where('kind', 'in', MEMBER_KIND_NAMES)
    .execute();
  const viewers = new Set(userIds);
  // The members are inside the JSON `fields`, so they are filtered here rather than in SQL
  // (which SQLite and PostgreSQL would write differently). Call partners are few per quarter —
  // tens, not thousands — so reading all changed ones costs little.
  for (const row of rows) {
    const kind = kindOfRow(row);
    const field = kind?.access?.membersField;
    if (!kind || field === undefined) continue;
    const members = readValues(row)[field];
    const listed = Array.isArray(members) && members.some((id) => viewers.has(id as string));
    if (row.deleted === 0 && listed) changes[kind.list].push(toEntryRecord(row));
    else if (since !== null) deleted[kind.list].push(row.id);
  }
}

/** A call of a registered partner, as staff's flag for unanswered calls needs it. */
export interface PartnerCall {
  partnerId: string;
  occurredAt: string;
  reached: boolean;
}

/**
 * The live calls of the quarter that name a registered partner (`partnerId`), in no particular
 * order. The partner's id is read out of the JSON `fields` by each database's own JSON function,
 * so only those calls leave the database.
 */
export async function readPartnerCalls(
  db: Kysely<Database>,
  quarterId: string,
): Promise<PartnerCall[]> {
  const partnerId =
    dialectOf(db) === 'postgres'
      ? sql<string | null>`(fields::jsonb ->> 'partnerId')`
      : sql<string | null>`json_extract(fields, '$.partnerId')`;
  const rows = await db
    .selectFrom('entries')
    .select(['occurred_at', 'fields', partnerId.as('partner_id')])
    .where('quarter_id', '=', quarterId)
    .where('kind', '=', 'call')
    .where('deleted', '=', 0)
    .where(partnerId, 'is not', null)
    .execute();
  return rows.flatMap((row) => {
    if (row.partner_id === null) return [];
    const fields = JSON.parse(row.fields) as { reached?: unknown };
    return [
      { partnerId: row.partner_id, occurredAt: row.occurred_at, reached: fields.reached === true },
    ];
  });
}

/** The live entries of `kind` in the quarter, in version order (staff's lists, the admin CLI). */
export async function readLiveEntries(
  db: Kysely<Database>,
  quarterId: string,
  kind: string,
): Promise<EntryRow[]> {
  return db
    .selectFrom('entries')
    .selectAll()
    .where('quarter_id', '=', quarterId)
    .where('kind', '=', kind)
    .where('deleted', '=', 0)
    .orderBy('version')
    .orderBy('id')
    .execute();
}
