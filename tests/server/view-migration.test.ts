// Migration 0004 (device view, call history, reached, demo people) on both databases: calls
// stored before it count as reached and unflagged, it goes down to 0003 and up again, and its
// keys and checks hold even for writes that bypass the repositories. Its tables `calls` and
// `call_history` live on in `entries` and `entry_history` since 0008 (entries-migration.test.ts),
// so these tests stop at 0007 where they look at them.
import { Migrator, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { MIGRATIONS, migrateToLatest } from '../../server/db/migrate';
import type { Database } from '../../server/db/tables';
import { createQuarter } from '../../server/repos/quarter.repo';
import { QUARTER } from './support/fixtures';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

/** Names of the migrations after `name`, in order (what migrateToLatest applies from there). */
const migrationsAfter = (name: string) => Object.keys(MIGRATIONS).filter((other) => other > name);

const AT = '2030-01-01T00:00:00.000Z';
const VIEW_TABLES = ['device_users', 'call_history'];
const BEFORE_ENTRIES = '0007-sign-in-guard';

/** The database without today's table types: `calls` is not one of them any more. */
type Untyped = Kysely<Record<string, Record<string, unknown>>>;

describeEachDialect('migration 0004-device-view', (dialect) => {
  const fresh = useFreshDatabase(dialect, { migrate: false });

  function migrator(db: Kysely<Database>) {
    return new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
  }

  async function tableNames(db: Kysely<Database>) {
    return (await db.introspection.getTables()).map((table) => table.name);
  }

  /**
   * A quarter, a person, a device and one call, with only the columns 0003 had (so it works
   * before 0004, and after it the new columns come from their defaults). Returns the person.
   */
  async function seedAt0003(typed: Kysely<Database>): Promise<string> {
    const db = typed as unknown as Untyped;
    await createQuarter(typed, QUARTER);
    const person = { quarter_id: QUARTER.id, role: 'volunteer', created_at: AT };
    await db
      .insertInto('users')
      .values({ ...person, id: 'u1', name: 'Erika M.' })
      .execute();
    const device = { id: 'd1', quarter_id: QUARTER.id, credential_hash: 'h', label: '' };
    await db
      .insertInto('devices')
      .values({ ...device, created_at: AT })
      .execute();
    await db
      .insertInto('calls')
      .values({
        quarter_id: QUARTER.id,
        id: 'old-call',
        author_user_id: 'u1',
        device_id: 'd1',
        occurred_at: AT,
        partner: 'Frau K.',
        duration_minutes: 10,
        concern: 0,
        note: '',
        created_at: AT,
        version: 1,
        updated_at: AT,
      })
      .execute();
    return 'u1';
  }

  it('keeps calls from before as reached and unflagged, and goes down to 0003 and up', async () => {
    const { db } = fresh();
    expect((await migrator(db).migrateTo('0003-push')).error).toBeUndefined();
    const userId = await seedAt0003(db);

    const up = await migrator(db).migrateTo(BEFORE_ENTRIES);
    expect(up.error).toBeUndefined();
    const old = db as unknown as Untyped;
    const calls = await old.selectFrom('calls').select(['id', 'reached', 'conflict']).execute();
    expect(calls).toEqual([{ id: 'old-call', reached: 1, conflict: 0 }]);
    // Through 0008 and back, the call is unchanged.
    expect(await migrateToLatest(db)).toEqual(migrationsAfter(BEFORE_ENTRIES));
    expect(await db.selectFrom('users').select(['id', 'is_example']).execute()).toEqual([
      { id: userId, is_example: 0 },
    ]);

    const down = await migrator(db).migrateTo('0003-push');
    expect(down.error).toBeUndefined();
    expect(down.results?.map((result) => result.migrationName)).toEqual(
      migrationsAfter('0003-push').reverse(),
    );
    for (const table of VIEW_TABLES) expect(await tableNames(db)).not.toContain(table);
    expect(await old.selectFrom('calls').select('id').execute()).toEqual([{ id: 'old-call' }]);

    expect(await migrateToLatest(db)).toEqual(migrationsAfter('0003-push'));
    expect(await tableNames(db)).toContain('device_users');
    const entries = await db.selectFrom('entries').select(['id', 'kind', 'fields']).execute();
    expect(entries).toEqual([
      {
        id: 'old-call',
        kind: 'call',
        fields: JSON.stringify({
          partner: 'Frau K.',
          durationMinutes: 10,
          note: '',
          activity: null,
          reached: true,
        }),
      },
    ]);
  });

  it('keeps one link per device and person, and one history row per mutation and field', async () => {
    const { db } = fresh();
    expect((await migrator(db).migrateTo(BEFORE_ENTRIES)).error).toBeUndefined();
    const userId = await seedAt0003(db);
    const old = db as unknown as Untyped;
    const link = (deviceId: string, user: string) =>
      db
        .insertInto('device_users')
        .values({
          device_id: deviceId,
          user_id: user,
          first_signed_in_at: AT,
          last_signed_in_at: AT,
        })
        .execute();
    await link('d1', userId);
    await expect(link('d1', userId)).rejects.toThrow();
    await expect(link('no-device', userId)).rejects.toThrow();
    await expect(link('d1', 'nobody')).rejects.toThrow();

    const change = (field: string, conflict: number) =>
      old
        .insertInto('call_history')
        .values({
          quarter_id: QUARTER.id,
          call_id: 'old-call',
          field,
          old_value: '""',
          new_value: '"neu"',
          version: 2,
          author_user_id: userId,
          device_id: 'd1',
          client_id: 'c1',
          seq: 1,
          conflict,
          recorded_at: AT,
        })
        .execute();
    await change('note', 0);
    await change('partner', 1);
    await expect(change('note', 0)).rejects.toThrow();
    await expect(change('concern', 2)).rejects.toThrow();
    const flag = (column: 'reached' | 'conflict') =>
      old
        .updateTable('calls')
        .set({ [column]: 2 } as never)
        .execute();
    await expect(flag('reached')).rejects.toThrow();
    await expect(flag('conflict')).rejects.toThrow();
  });
});
