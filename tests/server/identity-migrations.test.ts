// Migration 0002 (identity) on both databases: it goes down and up again on top of 0001, and
// its constraints hold even for writes that bypass the repositories.
import { Migrator, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { MIGRATIONS, migrateToLatest } from '../../server/db/migrate';
import type { Database } from '../../server/db/tables';
import { createQuarter } from '../../server/repos/quarter.repo';
import { QUARTER } from './support/fixtures';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

/** Names of the migrations after `name`, in order (what migrateToLatest applies from there). */
const migrationsAfter = (name: string) => Object.keys(MIGRATIONS).filter((other) => other > name);

const IDENTITY_TABLES = ['devices', 'enrolment_codes', 'users'];

describeEachDialect('migration 0002-identity', (dialect) => {
  const fresh = useFreshDatabase(dialect, { migrate: false });

  async function tableNames(db: Kysely<Database>) {
    const tables = await db.introspection.getTables();
    return tables.map((table) => table.name).filter((name) => !name.startsWith('kysely_'));
  }

  it('goes down to 0001 and up again, leaving the reference data alone', async () => {
    const { db } = fresh();
    await migrateToLatest(db);
    await createQuarter(db, QUARTER);
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    });

    const down = await migrator.migrateTo('0001-reference-data');
    expect(down.error).toBeUndefined();
    expect(down.results?.map((result) => result.migrationName)).toEqual(
      migrationsAfter('0001-reference-data').reverse(),
    );
    const after = await tableNames(db);
    for (const table of IDENTITY_TABLES) expect(after).not.toContain(table);
    expect(await db.selectFrom('quarters').select('id').execute()).toEqual([{ id: QUARTER.id }]);

    expect(await migrateToLatest(db)).toEqual(migrationsAfter('0001-reference-data'));
    expect(await tableNames(db)).toEqual(expect.arrayContaining(IDENTITY_TABLES));
  });

  it('enforces roles, unique names per quarter and existing quarters', async () => {
    const { db } = fresh();
    await migrateToLatest(db);
    await createQuarter(db, QUARTER);
    const user = (id: string, name: string, role: string, quarterId = QUARTER.id) =>
      db
        .insertInto('users')
        .values({
          id,
          quarter_id: quarterId,
          name,
          role: role as 'volunteer',
          pin_hash: null,
          created_at: '2030-01-01T00:00:00.000Z',
          disabled_at: null,
          is_example: 0,
        })
        .execute();
    await user('u1', 'Erika M.', 'volunteer');
    await expect(user('u2', 'Erika M.', 'staff')).rejects.toThrow();
    await expect(user('u3', 'Otto', 'boss')).rejects.toThrow();
    await expect(user('u4', 'Otto', 'staff', 'no-such-quarter')).rejects.toThrow();
    expect(await db.selectFrom('users').select('id').execute()).toEqual([{ id: 'u1' }]);
  });
});
