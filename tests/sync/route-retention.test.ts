// Routes past their period on the tablet (issue 11), with the real client code (fake-indexeddb)
// against the real server app on SQLite and PostgreSQL, configured with
// RETENTION_ROUTES_DAYS=30: the tablet learns the periods with its pull; a tablet offline
// across the routes' day drops the route with its next pull (the server's job deleted it
// meanwhile) but keeps the walk and its distance, and a newer walk's route; a walk being
// recorded, or whose route has not reached the server, keeps its points however old it is;
// an older server (no periods in its answer) drops nothing, and an answer with a period no
// server may have is refused whole, changing nothing.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { runRetention } from '../../server/retention/retention.job';
import { loadRetention } from '../../server/retention/retention-rules';
import { readTrackChunks } from '../../server/repos/walk-track.repo';
import type { QuartiersbuchDb } from '../../src/db/db';
import { readPullState } from '../../src/db/pull-state';
import { readWalkPoints } from '../../src/db/walk-points';
import { recordFix, startWalk, stopWalk } from '../../src/db/walk-recording';
import { RETENTION_DEFAULT_DAYS } from '../../src/shared/retention-defaults';
import { syncOnce } from '../../src/sync/sync-once';
import type { FetchLike } from '../../src/sync/transport';
import { QUARTER } from '../server/support/fixtures';
import { describeEachDialect } from '../server/support/test-database';
import { offline, useSyncWorld } from './sync-world';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const CONFIGURED = { RETENTION_ROUTES_DAYS: '30' };

/** Records a walk of `fixes` points (17 m and 12 s apart) from `start`; stops it unless told not to. */
async function recordWalk(
  device: QuartiersbuchDb,
  author: string,
  start: number,
  options: { fixes?: number; stop?: boolean } = {},
): Promise<string> {
  const walkId = await startWalk(device, { author, now: start, title: 'Runde' });
  for (let i = 0; i < (options.fixes ?? 3); i += 1) {
    const t = new Date(start + i * 12_000).toISOString();
    await recordFix(device, walkId, { t, lat: 51.33 + i * 0.00015, lon: 6.56, accuracy: 4 });
  }
  if (options.stop !== false) await stopWalk(device, walkId, { author, now: start + 60_000 });
  return walkId;
}

/** fetch that changes the body of every pull answer on its way to the device. */
function rewritePulls(change: (body: Record<string, unknown>) => void): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!input.includes('/pull')) return response;
    const body = (await response.json()) as Record<string, unknown>;
    change(body);
    return new Response(JSON.stringify(body), {
      status: response.status,
      headers: { 'content-type': 'application/json' },
    });
  };
}

/** fetch whose pushes never arrive (the connection drops after the pull). */
const pushesFail: FetchLike = (input, init) =>
  input.endsWith('/push') ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init);

describeEachDialect('routes past their period on the tablet', (dialect) => {
  const world = useSyncWorld(dialect);
  let configured: FastifyInstance;
  let baseUrl = '';

  // The same database behind a server whose operator set RETENTION_ROUTES_DAYS=30.
  beforeEach(async () => {
    configured = await buildApp({
      db: world().server,
      config: { staticDir: '/nonexistent/quartiersbuch-static', logLevel: 'silent' },
      logger: false,
      retention: loadRetention(CONFIGURED),
    });
    baseUrl = await configured.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await configured.close();
  });

  /** One sync round of `device` at `now` by its own clock. */
  const syncAt = (device: QuartiersbuchDb, now: number, fetchImpl: FetchLike = fetch) =>
    syncOnce({ ...world().deps(device, fetchImpl), baseUrl, now: () => now });

  const points = async (device: QuartiersbuchDb, walkId: string) =>
    (await readWalkPoints(device, walkId)).length;

  it('a tablet offline across the routes’ day drops the route with its next pull and keeps the walk', async () => {
    const w = world();
    await w.person('Erika');
    const erika = await w.signIn(w.device, 'Erika');
    const day0 = Date.now() - 25 * DAY;
    const old = await recordWalk(w.device, erika, day0);
    const newer = await recordWalk(w.device, erika, day0 + 20 * DAY);
    expect(await syncAt(w.device, day0 + 20 * DAY + HOUR)).toMatchObject({
      status: 'synced',
      waiting: 0,
    });
    // The tablet learned the periods in force: 30 days for routes, the defaults for the rest.
    expect((await readPullState(w.device))?.retention).toEqual({
      ...RETENTION_DEFAULT_DAYS,
      routes: 30,
    });
    expect(await points(w.device, old)).toBe(3);
    const before = await w.device.entries.get(old);
    expect(before).toMatchObject({ kind: 'walk', state: 'delivered' });
    expect(before?.kind === 'walk' && before.distanceMetres).toBeGreaterThan(0);

    // Day 31: the server's job deletes the old walk's route; the tablet is offline.
    const report = await runRetention(
      w.server,
      loadRetention(CONFIGURED),
      new Date(day0 + 31 * DAY),
    );
    expect(report.routes).toBe(1);
    expect(await readTrackChunks(w.server, QUARTER.id, old)).toEqual([]);
    await expect(syncAt(w.device, day0 + 31 * DAY, offline)).rejects.toMatchObject({
      kind: 'network',
    });
    expect(await points(w.device, old)).toBe(3);

    // Day 32, back online: the route goes from the tablet too; the walk and its distance stay.
    expect(await syncAt(w.device, day0 + 32 * DAY)).toMatchObject({ status: 'synced' });
    expect(await points(w.device, old)).toBe(0);
    expect(await w.device.entries.get(old)).toEqual(before);
    // The newer walk (12 days old) keeps its route on the tablet and on the server.
    expect(await points(w.device, newer)).toBe(3);
    expect(await readTrackChunks(w.server, QUARTER.id, newer)).toHaveLength(1);
  });

  it('never drops the points of a walk being recorded or whose route has not reached the server', async () => {
    const w = world();
    await w.person('Erika');
    const erika = await w.signIn(w.device, 'Erika');
    const longAgo = Date.now() - 60 * DAY;
    // Stopped 60 days ago, never sent; then a recording left running since.
    const unsent = await recordWalk(w.device, erika, longAgo);
    const recording = await recordWalk(w.device, erika, longAgo + HOUR, { stop: false });

    // The pull comes through (the periods with it), the push does not.
    await expect(syncAt(w.device, Date.now(), pushesFail)).rejects.toMatchObject({
      kind: 'network',
    });
    expect((await readPullState(w.device))?.retention?.routes).toBe(30);
    expect(await w.device.outbox.count()).toBeGreaterThan(0);
    expect(await points(w.device, unsent)).toBe(3);
    expect(await points(w.device, recording)).toBe(3);

    // Delivered now: the route reached the server, so the tablet's copy of the expired route
    // goes with the pull after the push; the recording's points stay.
    expect(await syncAt(w.device, Date.now())).toMatchObject({ status: 'synced' });
    expect(await readTrackChunks(w.server, QUARTER.id, unsent)).toHaveLength(1);
    expect(await points(w.device, unsent)).toBe(0);
    expect(await w.device.entries.get(unsent)).toMatchObject({ kind: 'walk', state: 'delivered' });
    expect(await points(w.device, recording)).toBe(3);
    expect(await w.device.recordings.get(recording)).toBeDefined();
  });

  it('drops nothing for an older server without periods, nor for an answer with an impossible one', async () => {
    const w = world();
    await w.person('Erika');
    const erika = await w.signIn(w.device, 'Erika');
    const walkId = await recordWalk(w.device, erika, Date.now() - 60 * DAY);

    // An older server names no periods: the tablet cannot know them and keeps the route.
    const older = rewritePulls((body) => delete body.retention);
    expect(await syncAt(w.device, Date.now(), older)).toMatchObject({
      status: 'synced',
      waiting: 0,
    });
    expect((await readPullState(w.device))?.retention).toBeUndefined();
    expect(await points(w.device, walkId)).toBe(3);

    // A route period of 0 days is no server's: the whole answer is refused, nothing changes.
    const broken = rewritePulls((body) => {
      body.retention = { ...RETENTION_DEFAULT_DAYS, routes: 0 };
    });
    await expect(syncAt(w.device, Date.now(), broken)).rejects.toMatchObject({ kind: 'invalid' });
    expect((await readPullState(w.device))?.retention).toBeUndefined();
    expect(await points(w.device, walkId)).toBe(3);

    // The real answer: learned and dropped.
    await syncAt(w.device, Date.now());
    expect((await readPullState(w.device))?.retention?.routes).toBe(30);
    expect(await points(w.device, walkId)).toBe(0);
  });
});
