// Reference data: quarters, catalogue (themes, institutions, activities) and opening hours.
// Portable on purpose: only Kysely's schema builder and plain SQL that SQLite and PostgreSQL
// both accept. Booleans are integers 0/1, arrays are JSON text, times are ISO text.
// Migrations take `Kysely<unknown>`: they must not depend on today's table types.
import { sql, type Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';

const SYNCED_TABLES = [
  'themes',
  'institutions',
  'activities',
  'storefronts',
  'opening_exceptions',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();
  // The epoch names this database. A recreated database gets a new one, so cookies issued by
  // the old one are recognised as foreign and answered with a full reset (G4).
  // The first epoch (repos/meta.repo.ts makes later ones the same way; migrations are frozen).
  const epoch = randomBytes(8).toString('hex');
  await sql`insert into meta (key, value) values ('epoch', ${epoch})`.execute(db);

  await db.schema
    .createTable('quarters')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('tombstone_horizon', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await synced(db, 'themes')
    .addColumn('number', 'integer', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .execute();

  await synced(db, 'institutions')
    .addColumn('name', 'text', (col) => col.notNull())
    .execute();

  await synced(db, 'activities')
    .addColumn('theme_id', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('actor_ids', 'text', (col) => col.notNull())
    .addColumn('schedule', 'text', (col) => col.notNull())
    .addColumn('place', 'text', (col) => col.notNull())
    .addColumn('contact', 'text', (col) => col.notNull())
    .addColumn('ampel', 'text', (col) => col.notNull())
    .addColumn('ampel_condition', 'text', (col) => col.notNull())
    .addColumn('is_example', 'integer', (col) => col.notNull().defaultTo(0))
    .addCheckConstraint('activities_ampel_check', sql`ampel in ('green', 'yellow', 'red')`)
    .execute();

  await synced(db, 'storefronts')
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('address', 'text', (col) => col.notNull())
    .addColumn('weekly', 'text', (col) => col.notNull())
    .addColumn('holidays_closed', 'integer', (col) => col.notNull())
    .addColumn('is_example', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  await synced(db, 'opening_exceptions')
    .addColumn('storefront_id', 'text', (col) => col.notNull())
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('closed', 'integer', (col) => col.notNull())
    .addColumn('intervals', 'text', (col) => col.notNull())
    .addColumn('note', 'text', (col) => col.notNull())
    .addColumn('is_example', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  for (const table of SYNCED_TABLES) {
    // Every pull asks "rows of this quarter newer than version N".
    await db.schema
      .createIndex(`${table}_quarter_version_idx`)
      .on(table)
      .columns(['quarter_id', 'version'])
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...SYNCED_TABLES].reverse()) await db.schema.dropTable(table).execute();
  await db.schema.dropTable('quarters').execute();
  await db.schema.dropTable('meta').execute();
}

/**
 * The columns every synced table shares. The key is (quarter_id, id) so two quarters can never
 * overwrite each other's rows, whatever ids their staff choose. Rows reference each other
 * (activity → theme) without foreign keys on purpose: tombstones are purged later, and a
 * device keeps a snapshot of names anyway (G11); the repositories check references on write.
 */
function synced(db: Kysely<unknown>, table: (typeof SYNCED_TABLES)[number]) {
  return db.schema
    .createTable(table)
    .addColumn('quarter_id', 'text', (col) => col.notNull().references('quarters.id'))
    .addColumn('id', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint(`${table}_pk`, ['quarter_id', 'id'])
    .addCheckConstraint(`${table}_deleted_check`, sql`deleted in (0, 1)`);
}
