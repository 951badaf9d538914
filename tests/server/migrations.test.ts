import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { dialectOf } from '../../server/db/database';
import { migrateDownAll, migrateToLatest } from '../../server/db/migrate';
import { getEpoch } from '../../server/repos/meta.repo';
import { describeEachDialect, useFreshDatabase } from './support/test-database';
import { seedSmallQuarter } from './support/fixtures';

const SYNCED_TABLES = [
  'themes',
  'institutions',
  'activities',
  'storefronts',
  'opening_exceptions',
  'topics',
];
const PUSH_TABLES = ['sync_clients', 'mutation_log'];
const VIEW_TABLES = ['device_users'];
const TRACK_TABLES = ['walk_track_chunks'];
const SESSION_TABLES = ['person_sessions'];
const GUARD_TABLES = ['sign_in_guards'];
const ENTRY_TABLES = ['entries', 'entry_history'];
const STAFF_TABLES = ['staff_sessions', 'follow_ups', 'audit_log'];
const TABLES = [
  'meta',
  'quarters',
  ...SYNCED_TABLES,
  'users',
  'enrolment_codes',
  'devices',
  ...PUSH_TABLES,
  ...VIEW_TABLES,
  ...TRACK_TABLES,
  ...SESSION_TABLES,
  ...GUARD_TABLES,
  ...ENTRY_TABLES,
  ...STAFF_TABLES,
];
const MIGRATIONS = [
  '0001-reference-data',
  '0002-identity',
  '0003-push',
  '0004-device-view',
  '0005-walk-tracks',
  '0006-person-sessions',
  '0007-sign-in-guard',
  '0008-entries',
  '0009-staff',
  '0010-deleting-deletes',
  '0011-erasure',
];

describeEachDialect('migrations', (dialect) => {
  const fresh = useFreshDatabase(dialect, { migrate: false });

  async function tableNames() {
    const tables = await fresh().db.introspection.getTables();
    return tables.map((table) => table.name).filter((name) => !name.startsWith('kysely_'));
  }

  it('reports its dialect', () => {
    expect(dialectOf(fresh().db)).toBe(dialect);
  });

  it('go up, down and up again', async () => {
    const { db } = fresh();
    expect(await migrateToLatest(db)).toEqual(MIGRATIONS);
    expect((await tableNames()).sort()).toEqual([...TABLES].sort());
    const firstEpoch = await getEpoch(db);
    expect(firstEpoch).toMatch(/^[0-9a-f]{16}$/);
    await seedSmallQuarter(db);

    expect(await migrateDownAll(db)).toEqual([...MIGRATIONS].reverse());
    expect(await tableNames()).toEqual([]);

    expect(await migrateToLatest(db)).toEqual(MIGRATIONS);
    expect((await tableNames()).sort()).toEqual([...TABLES].sort());
    // A recreated database is a new epoch: devices holding old cookies will reset.
    expect(await getEpoch(db)).not.toBe(firstEpoch);
    expect(await db.selectFrom('quarters').selectAll().execute()).toEqual([]);
    // The schema is usable again.
    await seedSmallQuarter(db);
  });

  it('is a no-op when already at the latest version', async () => {
    const { db } = fresh();
    await migrateToLatest(db);
    const epoch = await getEpoch(db);
    expect(await migrateToLatest(db)).toEqual([]);
    expect(await getEpoch(db)).toBe(epoch);
  });

  it('indexes every synced table by (quarter_id, version)', async () => {
    const { db } = fresh();
    await migrateToLatest(db);
    const query =
      dialect === 'sqlite'
        ? sql<{ name: string }>`select name from sqlite_master where type = 'index'`
        : sql<{
            name: string;
          }>`select indexname as name from pg_indexes where schemaname = 'public'`;
    const names = (await query.execute(db)).rows.map((row) => row.name);
    for (const table of [...SYNCED_TABLES, 'entries']) {
      expect(names).toContain(`${table}_quarter_version_idx`);
    }
  });
});
