// Migration 0003 (push) on both databases: it goes down to 0002 and up again, and the mutation
// log's key and checks hold even for writes that bypass the repositories.
import { Migrator, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { MIGRATIONS, migrateToLatest } from '../../server/db/migrate';
import type { Database, MutationLogTable } from '../../server/db/tables';
import { createQuarter } from '../../server/repos/quarter.repo';
import { createUser } from '../../server/repos/user.repo';
import { QUARTER } from './support/fixtures';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

/** Names of the migrations after `name`, in order (what migrateToLatest applies from there). */
const migrationsAfter = (name: string) => Object.keys(MIGRATIONS).filter((other) => other > name);

/** What 0003 created; its calls live in `entries` since 0008. */
const PUSH_TABLES = ['mutation_log', 'sync_clients'];
const AT = '2030-01-01T00:00:00.000Z';

describeEachDialect('migration 0003-push', (dialect) => {
  const fresh = useFreshDatabase(dialect, { migrate: false });

  async function tableNames(db: Kysely<Database>) {
    return (await db.introspection.getTables()).map((table) => table.name);
  }

  it('goes down to 0002 and up again, leaving people alone', async () => {
    const { db } = fresh();
    await migrateToLatest(db);
    await createQuarter(db, QUARTER);
    await createUser(db, { quarterId: QUARTER.id, name: 'Erika M.', role: 'volunteer' });
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    });
    const down = await migrator.migrateTo('0002-identity');
    expect(down.error).toBeUndefined();
    expect(down.results?.map((result) => result.migrationName)).toEqual(
      migrationsAfter('0002-identity').reverse(),
    );
    for (const table of [...PUSH_TABLES, 'calls', 'entries']) {
      expect(await tableNames(db)).not.toContain(table);
    }
    expect(await db.selectFrom('users').select('name').execute()).toEqual([{ name: 'Erika M.' }]);

    expect(await migrateToLatest(db)).toEqual(migrationsAfter('0002-identity'));
    expect(await tableNames(db)).toEqual(expect.arrayContaining(PUSH_TABLES));
  });

  it('keeps one mutation_log row per (client_id, seq) and only known statuses', async () => {
    const { db } = fresh();
    await migrateToLatest(db);
    await createQuarter(db, QUARTER);
    await db
      .insertInto('devices')
      .values({ id: 'd1', quarter_id: QUARTER.id, credential_hash: 'h', label: '', created_at: AT })
      .execute();
    await db
      .insertInto('sync_clients')
      .values({
        client_id: 'c1',
        device_id: 'd1',
        quarter_id: QUARTER.id,
        last_seq: 0,
        created_at: AT,
        updated_at: AT,
      })
      .execute();
    const log = (seq: number, status: string, clientId = 'c1') =>
      db
        .insertInto('mutation_log')
        .values({
          client_id: clientId,
          seq,
          name: 'call.create',
          v: 1,
          author_user_id: 'u1',
          status: status as MutationLogTable['status'],
          received_at: AT,
        })
        .execute();
    await log(1, 'applied');
    await expect(log(1, 'applied')).rejects.toThrow();
    await expect(log(2, 'maybe')).rejects.toThrow();
    await expect(log(3, 'applied', 'no-such-client')).rejects.toThrow();
    expect(await db.selectFrom('mutation_log').select('seq').execute()).toEqual([{ seq: 1 }]);
  });
});
