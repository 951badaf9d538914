// A walk's GPS route of 20,000 points, real client code against the real server app on SQLite
// and PostgreSQL (issue 3: "20,000 GPS points in chunks"). The route is queued as walk.track
// chunks, pushed in batches the server accepts (it answers 413 above 512 KiB, the device
// halves), and arrives complete and in order, each chunk once — also when an answer is lost
// or the same route is queued a second time.
import { expect, it } from 'vitest';
import { dismissRejectedChange } from '../../src/db/entries';
import { readAttention } from '../../src/db/entry-queries';
import { pendingSummary } from '../../src/db/outbox';
import { saveTrackChunks } from '../../src/db/tracks';
import { PUSH_MAX_BYTES } from '../../src/shared/push-protocol';
import type { TrackPoint } from '../../src/shared/walk-track';
import type { FetchLike } from '../../src/sync/transport';
import { readTrackChunks } from '../../server/repos/walk-track.repo';
import { QUARTER } from '../server/support/fixtures';
import { describeEachDialect } from '../server/support/test-database';
import { useSyncWorld } from './sync-world';

const POINTS = 20_000;
const WALK = 'walk-1';

/** A deterministic route: one fix a second, drifting north-east through Berlin. */
function route(length: number): TrackPoint[] {
  const start = Date.UTC(2026, 10, 25, 9, 0, 0);
  return Array.from({ length }, (_, i) => ({
    t: new Date(start + i * 1000).toISOString(),
    lat: Number((52.5 + i * 0.00001).toFixed(6)),
    lon: Number((13.4 + i * 0.000013).toFixed(6)),
    accuracy: 3 + (i % 17),
  }));
}

interface PushRecord {
  mutations: number;
  bytes: number;
  status: number | 'lost';
}

/** Records every push (size in mutations and bytes, the answer's status), then passes it on. */
function recordPushes(options: { dropFirstAnswer?: boolean } = {}) {
  const pushes: PushRecord[] = [];
  let drop = options.dropFirstAnswer ?? false;
  const fetchImpl: FetchLike = async (input, init) => {
    if (!input.endsWith('/push')) return fetch(input, init);
    const body = String(init?.body);
    const record: PushRecord = {
      mutations: (JSON.parse(body) as { mutations: unknown[] }).mutations.length,
      bytes: Buffer.byteLength(body),
      status: 0,
    };
    pushes.push(record);
    const response = await fetch(input, init);
    record.status = response.status;
    if (drop && response.ok) {
      // The server committed, but the device never hears back.
      drop = false;
      record.status = 'lost';
      throw new TypeError('Failed to fetch');
    }
    return response;
  };
  return { pushes, fetch: fetchImpl };
}

describeEachDialect('GPS routes in chunks', (dialect) => {
  const world = useSyncWorld(dialect);

  async function signedIn() {
    const w = world();
    await w.person('Erika');
    return { ...w, erika: await w.signIn(w.device, 'Erika') };
  }

  /** The server's chunks of the walk: each chunk number once, 0…39, and the whole route. */
  async function expectRouteOnServer(w: ReturnType<typeof world>, points: TrackPoint[]) {
    const chunks = await readTrackChunks(w.server, QUARTER.id, WALK);
    expect(chunks.map((c) => c.chunk)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(chunks.every((c) => c.pointCount === 500 && c.points.length === 500)).toBe(true);
    const stored = chunks.flatMap((c) => c.points);
    expect(stored).toHaveLength(POINTS);
    expect(stored).toEqual(points);
    const rows = await w.server
      .selectFrom('walk_track_chunks')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(40);
  }

  it('20,000 points arrive complete and in order, each chunk once; 413 halves the batch', async () => {
    const w = await signedIn();
    const points = route(POINTS);
    const seqs = await saveTrackChunks(w.device, WALK, points, { author: w.erika, now: 1 });
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await w.device.outbox.count()).toBe(40);
    expect((await pendingSummary(w.device)).count).toBe(1); // one route, one entry

    const recorded = recordPushes();
    expect(await w.sync(w.device, recorded.fetch)).toMatchObject({
      status: 'synced',
      pushed: 40,
      waiting: 0,
    });
    await expectRouteOnServer(w, points);

    // 40 chunks of ~40 KB are over the cap: 413, the device halves until a batch fits.
    const { pushes } = recorded;
    expect(pushes.some((p) => p.status === 413)).toBe(true);
    expect(pushes.map((p) => p.mutations)).toEqual([40, 20, 10, 10, 10, 10]);
    expect(pushes.map((p) => p.status)).toEqual([413, 413, 200, 200, 200, 200]);
    for (const p of pushes) {
      expect(p.status === 413).toBe(p.bytes > PUSH_MAX_BYTES);
    }
    const accepted = pushes.filter((p) => p.status === 200);
    expect(accepted.reduce((sum, p) => sum + p.mutations, 0)).toBe(40);

    // Nothing is left to send.
    const again = recordPushes();
    expect(await w.sync(w.device, again.fetch)).toMatchObject({ pushed: 0, waiting: 0 });
    expect(again.pushes).toEqual([]);
  });

  it('a lost answer: the next round sends on, and no chunk is stored twice', async () => {
    const w = await signedIn();
    const points = route(POINTS);
    await saveTrackChunks(w.device, WALK, points, { author: w.erika, now: 1 });

    const lossy = recordPushes({ dropFirstAnswer: true });
    await expect(w.sync(w.device, lossy.fetch)).rejects.toMatchObject({ kind: 'network' });
    expect(lossy.pushes.filter((p) => p.status === 'lost')).toHaveLength(1);
    expect(await w.device.outbox.count()).toBe(40);
    expect((await pendingSummary(w.device)).count).toBe(1); // one route, one entry

    expect(await w.sync()).toMatchObject({ status: 'synced', waiting: 0 });
    await expectRouteOnServer(w, points);
    const logged = await w.server.selectFrom('mutation_log').select('seq').execute();
    expect(logged).toHaveLength(40);
  });

  it('the same route queued again (new seqs) is accepted without a second effect', async () => {
    const w = await signedIn();
    const points = route(POINTS);
    await saveTrackChunks(w.device, WALK, points, { author: w.erika, now: 1 });
    await w.sync();
    const before = await w.server.selectFrom('walk_track_chunks').select('version').execute();

    await saveTrackChunks(w.device, WALK, points, { author: w.erika, now: 2 });
    expect(await w.sync()).toMatchObject({ status: 'synced', pushed: 40, waiting: 0 });
    await expectRouteOnServer(w, points);
    const after = await w.server.selectFrom('walk_track_chunks').select('version').execute();
    expect(after).toEqual(before);
    const rejected = await w.server
      .selectFrom('mutation_log')
      .select('seq')
      .where('status', '=', 'rejected')
      .execute();
    expect(rejected).toEqual([]);
  });

  it('a chunk of someone else’s walk is refused and shown to its author until dismissed (G7)', async () => {
    const w = await signedIn();
    await w.person('Hans');
    const hans = await w.signIn(w.device, 'Hans');
    await saveTrackChunks(w.device, WALK, route(10), { author: w.erika, now: 1 });
    await w.sync();
    // The walk is Erika's (her chunk came first): Hans's chunk for it is refused for good.
    const [seq] = await saveTrackChunks(w.device, WALK, route(20).slice(10), {
      author: hans,
      now: 2,
    });
    expect(await w.sync()).toMatchObject({ status: 'synced', pushed: 1, waiting: 0 });
    expect(await w.device.outbox.count()).toBe(0);
    const attention = await readAttention(w.device, hans);
    expect(attention).toMatchObject({
      entries: [],
      changes: [{ seq, name: 'walk.track', author: hans, entryId: WALK, createdAt: 2 }],
      count: 1,
    });
    expect(attention.changes[0]?.rejection).toMatchObject({ seq, code: 'forbidden' });
    expect((await readAttention(w.device, w.erika)).count).toBe(0);
    // Further rounds keep it: nothing but the person dismisses a refusal.
    await w.sync();
    expect((await readAttention(w.device)).count).toBe(1);
    await dismissRejectedChange(w.device, seq!);
    expect((await readAttention(w.device)).count).toBe(0);
  });

  it('an invalid point stores nothing on the device', async () => {
    const w = await signedIn();
    const points = route(1_200);
    points[1_100] = { ...points[1_100]!, lat: 91 };
    await expect(
      saveTrackChunks(w.device, WALK, points, { author: w.erika, now: 1 }),
    ).rejects.toThrow();
    expect((await pendingSummary(w.device)).count).toBe(0);
  });
});
