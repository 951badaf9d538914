// GPS routes of walks (issue 3: route points travel in chunks before walk logging exists).
// One row per chunk a device sent with `walk.track`; the key (quarter_id, walk_id, chunk)
// makes a resent chunk a no-op. Portable like 0001–0004: Kysely's schema builder only, the
// points as JSON text, times as ISO text.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('walk_track_chunks')
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('walk_id', 'text', (col) => col.notNull())
    .addColumn('chunk', 'integer', (col) => col.notNull())
    .addColumn('author_user_id', 'text', (col) => col.notNull())
    .addColumn('device_id', 'text', (col) => col.notNull())
    // JSON text: [{ t, lat, lon, accuracy }, …] in route order.
    .addColumn('points', 'text', (col) => col.notNull())
    .addColumn('point_count', 'integer', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('walk_track_chunks_pk', ['quarter_id', 'walk_id', 'chunk'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('walk_track_chunks').execute();
}
