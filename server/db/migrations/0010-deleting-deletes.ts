// Deleting deletes (issue 11): a deleted entry keeps its id, kind, author, time and the fact of
// its deletion, never its content. From now on the delete itself empties it
// (repos/entry.repo.ts `tombstoneEntry`); this empties the tombstones written before: their
// fields, flags and figures, the history of their old values, a deleted walk's route and
// staff's follow-ups of them. Portable SQL (an EXISTS per table, no tuple IN); nothing to
// undo: what was deleted stays deleted.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update entries set fields = '{}', concern = 0, conflict = 0,
      fig_activity_id = null, fig_reached = null, fig_seconds = 0, fig_participants = 0,
      fig_walking_aids = 0, fig_wheelchairs = 0, fig_metres = 0, fig_week = null
    where deleted = 1`.execute(db);
  const ofTombstone = (table: string, idColumn: string) => sql`
    delete from ${sql.table(table)}
    where exists (
      select 1 from entries
      where entries.quarter_id = ${sql.ref(`${table}.quarter_id`)}
        and entries.id = ${sql.ref(`${table}.${idColumn}`)}
        and entries.deleted = 1
    )`;
  await ofTombstone('entry_history', 'entry_id').execute(db);
  await ofTombstone('walk_track_chunks', 'walk_id').execute(db);
  await ofTombstone('follow_ups', 'subject_id').execute(db);
}

export async function down(): Promise<void> {
  // Nothing to restore: the content of deleted entries is gone for good.
}
