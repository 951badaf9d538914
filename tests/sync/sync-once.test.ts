// The real client sync (transport → pull → apply on Dexie/fake-indexeddb) against the real
// server app listening on a local port, on SQLite and on PostgreSQL, with the demo data.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { QuartiersbuchDb } from '../../src/db/db';
import { readPullState } from '../../src/db/pull';
import { syncOnce } from '../../src/sync/sync-once';
import { SyncError, type FetchLike } from '../../src/sync/transport';
import { removeExampleData } from '../../server/demo/remove-examples';
import { seedDemoData } from '../../server/demo/seed';
import { upsertActivity } from '../../server/repos/catalogue.repo';
import { softDelete } from '../../server/repos/tombstone.repo';
import { buildTestApp } from '../server/support/test-app';
import { describeEachDialect, useFreshDatabase } from '../server/support/test-database';

const QUARTER = 'krefeld-sued';
let n = 0;

describeEachDialect('client sync against the server', (dialect) => {
  const database = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let baseUrl: string;
  let device: QuartiersbuchDb;
  const sync = (fetchImpl: FetchLike = fetch) =>
    syncOnce({ db: device, fetch: fetchImpl, now: () => 1_000, baseUrl });

  beforeEach(async () => {
    await seedDemoData(database().db, new Date('2026-11-25T10:00:00Z'));
    ({ app } = await buildTestApp(database().db));
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    device = new QuartiersbuchDb(`sync-${dialect}-${++n}`);
  });
  afterEach(async () => {
    await app.close();
    await device.delete();
  });

  it('a first pull fills the catalogue and opening hours', async () => {
    expect(await sync()).toBe('apply');
    expect(await device.themes.count()).toBe(5);
    expect(await device.activities.count()).toBe(18);
    expect(await device.activities.filter((a) => a.ampel === 'green').count()).toBe(14);
    expect(await device.storefronts.count()).toBe(1);
    expect(await device.openingExceptions.count()).toBeGreaterThan(0);
    expect((await readPullState(device))?.quarterId).toBe(QUARTER);
  });

  it('later pulls bring edits and deletions, and the cookie only advances', async () => {
    await sync();
    const first = await readPullState(device);
    const [a, b] = await device.activities.orderBy('id').limit(2).toArray();
    if (!a || !b) throw new Error('demo data missing');
    await upsertActivity(database().db, QUARTER, { ...a, name: 'Umbenannt' });
    await softDelete(database().db, QUARTER, 'activities', b.id);
    await sync();
    expect((await device.activities.get(a.id))?.name).toBe('Umbenannt');
    expect(await device.activities.get(b.id)).toBeUndefined();
    expect(await device.activities.count()).toBe(17);
    const second = await readPullState(device);
    expect(second?.head).toBeGreaterThan(first?.head ?? Infinity);
  });

  it('removing the example data on the server removes it from the device', async () => {
    await sync();
    await removeExampleData(database().db);
    await sync();
    expect(await device.activities.count()).toBe(0);
    expect(await device.themes.count()).toBe(5); // themes are facts, not examples
  });

  it('a captive-portal page or a network failure leaves the replica as it was', async () => {
    await sync();
    const before = await readPullState(device);
    const portal: FetchLike = async () =>
      new Response('<html>Bitte anmelden</html>', { headers: { 'content-type': 'text/html' } });
    await expect(sync(portal)).rejects.toMatchObject({ kind: 'invalid' });
    const down: FetchLike = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(sync(down)).rejects.toBeInstanceOf(SyncError);
    expect(await device.activities.count()).toBe(18);
    expect(await readPullState(device)).toEqual(before);
  });
});
