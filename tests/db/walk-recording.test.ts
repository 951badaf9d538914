// Recording a walk on real Dexie (fake-indexeddb): the walk entry and its recording start in one
// transaction; every kept fix is stored at once (a reload mid-walk loses nothing and recording
// goes on); poor fixes are dropped; a hidden page or a pause is a gap, never a walked line, and
// paused time is no walking time; stopping completes the walk and queues its route as
// walk.track v2 chunks, all in one transaction (G1). Observations belong to their walk and go
// with it; a deleted walk leaves no points or recording behind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuartiersbuchDb } from '../../src/db/db';
import { deleteEntry, saveEntry, updateEntry } from '../../src/db/entries';
import { readAttention, readEntries } from '../../src/db/entry-queries';
import { pendingSummary, readOutboxBatch } from '../../src/db/outbox';
import { acknowledge } from '../../src/db/outbox-settle';
import { readWalkPoints } from '../../src/db/walk-points';
import { readWalkRoute } from '../../src/db/walk-queries';
import {
  activeRecording,
  addObservation,
  markGap,
  pauseWalk,
  recordFix,
  resumeWalk,
  startWalk,
  stopWalk,
} from '../../src/db/walk-recording';
import { metresBetween, routeDistance } from '../../src/domain/route-geometry';
import { filterTrack } from '../../src/domain/track-filter';
import type { TrackPoint } from '../../src/shared/walk-track';
import { callValues } from '../support/entry-builders';
import { walkRouteFixture } from '../support/walk-route-fixture';

let db: QuartiersbuchDb;
let name: string;
let n = 0;
beforeEach(() => {
  name = `walk-recording-test-${++n}`;
  db = new QuartiersbuchDb(name);
});
afterEach(async () => {
  db.close();
  await new QuartiersbuchDb(name).delete();
});

const START = Date.UTC(2026, 10, 25, 10, 0, 0);
const erika = (now = START) => ({ author: 'erika', now });

/**
 * Fix number i of a walk northwards through Krefeld: about 16.7 m every 12 s (a slow 1.4 m/s),
 * with a good accuracy (4 m) unless told otherwise.
 */
function fix(i: number, overrides: Partial<TrackPoint> = {}): TrackPoint {
  return {
    t: new Date(START + i * 12_000).toISOString(),
    lat: Number((51.33 + i * 0.00015).toFixed(6)),
    lon: 6.56,
    accuracy: 4,
    ...overrides,
  };
}

async function record(walkId: string, from: number, to: number) {
  const verdicts = [];
  for (let i = from; i < to; i += 1) verdicts.push(await recordFix(db, walkId, fix(i)));
  return verdicts;
}

describe('startWalk', () => {
  it('creates the walk (endedAt null) with its outbox row and the recording, together', async () => {
    const walkId = await startWalk(db, { ...erika(), title: 'Marktplatz' });
    expect(await db.entries.get(walkId)).toMatchObject({
      kind: 'walk',
      author: 'erika',
      state: 'saved',
      title: 'Marktplatz',
      occurredAt: new Date(START).toISOString(),
      endedAt: null,
      distanceMetres: 0,
      walkingSeconds: 0,
      participants: 0,
    });
    expect((await readOutboxBatch(db, 10)).map((row) => [row.name, row.v])).toEqual([
      ['walk.create', 1],
    ]);
    expect(await activeRecording(db, 'erika')).toMatchObject({
      walkId,
      status: 'recording',
      startedAt: START,
      kept: 0,
      dropped: 0,
    });
    expect(await activeRecording(db, 'hans')).toBeNull();
  });

  it('refuses a second recording of the same person and writes nothing; another person may', async () => {
    await startWalk(db, erika());
    await expect(startWalk(db, erika(START + 1))).rejects.toThrow(/schon/);
    expect(await db.entries.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    await startWalk(db, { author: 'hans', now: START });
    expect(await db.recordings.count()).toBe(2);
  });

  it('writes neither the walk nor the recording when the walk is invalid', async () => {
    await expect(startWalk(db, { ...erika(), title: 'x'.repeat(500) })).rejects.toThrow();
    expect(await db.entries.count()).toBe(0);
    expect(await db.recordings.count()).toBe(0);
  });
});

describe('recordFix', () => {
  it('keeps good fixes at once, drops a low-accuracy one, and runs the distance', async () => {
    const walkId = await startWalk(db, erika());
    expect(await record(walkId, 0, 3)).toEqual(['keep', 'keep', 'keep']);
    expect(await recordFix(db, walkId, fix(3, { accuracy: 80 }))).toBe('inaccurate');
    expect(await record(walkId, 4, 6)).toEqual(['keep', 'keep']);
    const points = await readWalkPoints(db, walkId);
    expect(points.map((point) => point.n)).toEqual([0, 1, 2, 3, 4]);
    expect(points.map((point) => point.t)).toEqual([0, 1, 2, 4, 5].map((i) => fix(i).t));
    expect(points.some((point) => point.accuracy === 80)).toBe(false);
    const recording = await activeRecording(db, 'erika');
    expect(recording).toMatchObject({ kept: 5, dropped: 1, lastKept: fix(5) });
    expect(recording?.distanceMetres).toBeCloseTo(metresBetween(fix(0), fix(5)), 6);
    expect(await db.outbox.count()).toBe(1); // points are not queued while recording
  });

  it('drops a fix too close to the last kept point, an impossible jump, and a fix no route may hold', async () => {
    const walkId = await startWalk(db, erika());
    await record(walkId, 0, 2);
    expect(await recordFix(db, walkId, { ...fix(2), lat: fix(1).lat + 0.000005 })).toBe(
      'too-close',
    );
    expect(await recordFix(db, walkId, { ...fix(2), lat: fix(1).lat + 0.01 })).toBe('too-fast');
    expect(await recordFix(db, walkId, fix(2, { t: '1999-12-31T23:59:59.000Z' }))).toBe('invalid');
    expect(await recordFix(db, walkId, fix(2, { lat: 91 }))).toBe('invalid');
    expect(await activeRecording(db, 'erika')).toMatchObject({ kept: 2, dropped: 4 });
  });

  it('survives a reload mid-walk: the points are there and recording goes on', async () => {
    const walkId = await startWalk(db, erika());
    await record(walkId, 0, 4);
    db.close(); // the tab is killed; the app opens again
    db = new QuartiersbuchDb(name);
    const recording = await activeRecording(db, 'erika');
    expect(recording).toMatchObject({ walkId, status: 'recording', kept: 4 });
    // Judged against the last point kept before the reload.
    const standing = { ...fix(3), t: new Date(START + 42_000).toISOString(), lat: 51.33047 };
    expect(await recordFix(db, walkId, standing)).toBe('too-close');
    expect(await record(walkId, 4, 7)).toEqual(['keep', 'keep', 'keep']);
    expect((await readWalkPoints(db, walkId)).map((point) => point.n)).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);
    const walk = await stopWalk(db, walkId, erika(START + 7 * 12_000));
    expect(walk.distanceMetres).toBe(
      Math.round(routeDistance([0, 1, 2, 3, 4, 5, 6].map((i) => fix(i)))),
    );
  });

  it('keeps exactly what the track filter keeps from a noisy walk, across a reload and a hidden page', async () => {
    const { fixes } = walkRouteFixture({ seed: 9 });
    const hiddenAt = 1_500;
    const reloadAt = 900;
    const walkId = await startWalk(db, erika(Date.parse(fixes[0]!.t)));
    for (const [i, noisy] of fixes.entries()) {
      if (i === reloadAt) {
        db.close();
        db = new QuartiersbuchDb(name);
      }
      if (i === hiddenAt) await markGap(db, walkId);
      await recordFix(db, walkId, noisy);
    }
    const expected = filterTrack(fixes.map((f, i) => (i === hiddenAt ? { ...f, gap: true } : f)));
    const points = await readWalkPoints(db, walkId);
    expect(points).toEqual(expected.map((point, n) => ({ ...point, walkId, n })));
    expect(points.some((point) => point.gap)).toBe(true);
    const recording = await activeRecording(db, 'erika');
    expect(recording).toMatchObject({
      kept: expected.length,
      dropped: fixes.length - expected.length,
    });
    expect(recording?.distanceMetres).toBeCloseTo(routeDistance(expected), 6);
    const walk = await stopWalk(db, walkId, erika(Date.parse(fixes.at(-1)!.t)));
    expect(walk.distanceMetres).toBe(Math.round(routeDistance(expected)));
  });

  it('says so when the walk is not being recorded', async () => {
    expect(await recordFix(db, 'no-walk', fix(0))).toBe('not-recording');
    expect(await db.walkPoints.count()).toBe(0);
  });
});

describe('gaps', () => {
  it('a hidden page makes the next kept point start a segment; no line is counted across it', async () => {
    const walkId = await startWalk(db, erika());
    await markGap(db, walkId); // before the first point: nothing to split
    await record(walkId, 0, 3);
    await markGap(db, walkId);
    // Far away after the gap (the page was hidden for a while), at a plausible speed.
    const later = (i: number) => fix(i + 20, { lat: fix(i + 20).lat + 0.001 });
    expect(await recordFix(db, walkId, later(0))).toBe('keep');
    expect(await recordFix(db, walkId, later(1))).toBe('keep');
    const points = await readWalkPoints(db, walkId);
    expect(points.map((point) => point.gap ?? false)).toEqual([false, false, false, true, false]);
    const recording = await activeRecording(db, 'erika');
    const walked = metresBetween(fix(0), fix(2)) + metresBetween(later(0), later(1));
    expect(recording?.distanceMetres).toBeCloseTo(walked, 6);
    const walk = await stopWalk(db, walkId, erika(START + 30 * 12_000));
    expect(walk.distanceMetres).toBe(Math.round(walked));
  });

  it('pause ignores fixes, resume starts a segment, and paused time is no walking time', async () => {
    const walkId = await startWalk(db, erika());
    await record(walkId, 0, 3); // until START + 24 s
    await pauseWalk(db, walkId, { now: START + 30_000 });
    await pauseWalk(db, walkId, { now: START + 60_000 }); // already paused: no change
    expect(await recordFix(db, walkId, fix(3))).toBe('paused');
    expect(await activeRecording(db, 'erika')).toMatchObject({
      status: 'paused',
      pausedAt: START + 30_000,
      kept: 3,
      dropped: 0,
    });
    await resumeWalk(db, walkId, { now: START + 210_000 }); // three minutes later
    await resumeWalk(db, walkId, { now: START + 300_000 }); // not paused: no change
    expect(await activeRecording(db, 'erika')).toMatchObject({
      status: 'recording',
      pausedAt: null,
      pausedMs: 180_000,
    });
    expect(await record(walkId, 20, 22)).toEqual(['keep', 'keep']);
    expect((await readWalkPoints(db, walkId)).map((point) => point.gap ?? false)).toEqual([
      false,
      false,
      false,
      true,
      false,
    ]);
    // Paused again at the end: the last pause counts up to the stop.
    await pauseWalk(db, walkId, { now: START + 600_000 });
    const walk = await stopWalk(db, walkId, erika(START + 660_000));
    expect(walk.walkingSeconds).toBe(660 - 180 - 60);
    expect(walk.distanceMetres).toBe(
      Math.round(metresBetween(fix(0), fix(2)) + metresBetween(fix(20), fix(21))),
    );
  });
});

describe('stopWalk', () => {
  it('completes the walk and queues its route as walk.track v2 chunks, in one transaction', async () => {
    const walkId = await startWalk(db, erika());
    await record(walkId, 0, 300);
    await markGap(db, walkId);
    await record(walkId, 300, 520);
    const end = START + 520 * 12_000;
    const walk = await stopWalk(db, walkId, {
      ...erika(end),
      details: { title: 'Am Rhein', participants: 9, withWalkingAids: 3 },
    });
    const points = [...Array.from({ length: 520 }, (_, i) => fix(i))];
    const route = points.map((point, i) => (i === 300 ? { ...point, gap: true as const } : point));
    expect(walk).toMatchObject({
      title: 'Am Rhein',
      participants: 9,
      withWalkingAids: 3,
      endedAt: new Date(end).toISOString(),
      walkingSeconds: 520 * 12,
      distanceMetres: Math.round(routeDistance(route)),
      state: 'saved',
    });
    const rows = await readOutboxBatch(db, 10);
    expect(rows.map((row) => [row.seq, row.name, row.v])).toEqual([
      [1, 'walk.create', 1],
      [2, 'walk.update', 1],
      [3, 'walk.track', 2],
      [4, 'walk.track', 2],
    ]);
    expect(rows[1]?.args).toEqual({
      id: walkId,
      baseVersion: null,
      fields: {
        title: 'Am Rhein',
        participants: 9,
        withWalkingAids: 3,
        endedAt: new Date(end).toISOString(),
        distanceMetres: walk.distanceMetres,
        walkingSeconds: walk.walkingSeconds,
      },
    });
    // Plain route points (no walk id, no number), the gap kept.
    expect(rows[2]?.args).toEqual({ walkId, chunk: 0, points: route.slice(0, 500) });
    expect(rows[3]?.args).toEqual({ walkId, chunk: 1, points: route.slice(500) });
    expect(await activeRecording(db, 'erika')).toBeNull();
    // The route stays on the device for the walk screen.
    expect(await readWalkPoints(db, walkId)).toHaveLength(520);
    expect(await pendingSummary(db)).toEqual({ count: 1, oldestCreatedAt: START });
    expect(await recordFix(db, walkId, fix(600))).toBe('not-recording');
  });

  it('is atomic: when the route cannot be queued, the walk stays as it was and recording goes on', async () => {
    const walkId = await startWalk(db, erika());
    await record(walkId, 0, 3);
    // The seq the first chunk would get (3) is taken by a stray row, so queueing it fails.
    await db.outbox.add({ seq: 3, name: 'x', v: 1, author: 'erika', args: {}, createdAt: 0 });
    await expect(stopWalk(db, walkId, erika(START + 60_000))).rejects.toThrow();
    expect(await db.entries.get(walkId)).toMatchObject({ endedAt: null, state: 'saved', seq: 1 });
    expect((await readOutboxBatch(db, 10)).map((row) => row.seq)).toEqual([1, 3]);
    expect(await activeRecording(db, 'erika')).toMatchObject({ walkId, kept: 3 });
  });

  it('a walk without a kept point stops with no route and no distance', async () => {
    const walkId = await startWalk(db, erika());
    expect(await recordFix(db, walkId, fix(0, { accuracy: 200 }))).toBe('inaccurate');
    const walk = await stopWalk(db, walkId, erika(START + 90_000));
    expect(walk).toMatchObject({ distanceMetres: 0, walkingSeconds: 90 });
    expect((await readOutboxBatch(db, 10)).map((row) => row.name)).toEqual([
      'walk.create',
      'walk.update',
    ]);
  });

  it('refuses a walk that is not being recorded, changing nothing', async () => {
    const walkId = await startWalk(db, erika());
    await stopWalk(db, walkId, erika(START + 1_000));
    const before = await db.outbox.count();
    await expect(stopWalk(db, walkId, erika(START + 2_000))).rejects.toThrow(/nicht/);
    expect(await db.outbox.count()).toBe(before);
  });
});

describe('observations', () => {
  it('are entries of their own that name the walk, listed with it, counted as one with it', async () => {
    const walkId = await startWalk(db, erika());
    const bench = await addObservation(db, {
      walkId,
      category: 'bench',
      position: { lat: 51.33, lon: 6.56, accuracy: 5 },
      note: 'im Schatten',
      ...erika(START + 5_000),
    });
    const poorFix = await addObservation(db, {
      walkId,
      category: 'barrier',
      position: { lat: 51.331, lon: 6.56, accuracy: 120 },
      note: '',
      ...erika(START + 10_000),
    });
    expect(await db.entries.get(bench)).toMatchObject({
      kind: 'observation',
      walkId,
      category: 'bench',
      note: 'im Schatten',
      occurredAt: new Date(START + 5_000).toISOString(),
      state: 'saved',
    });
    expect((await readWalkRoute(db, walkId)).observations.map((o) => o.id)).toEqual([
      bench,
      poorFix,
    ]);
    expect((await readOutboxBatch(db, 10)).map((row) => row.name)).toEqual([
      'walk.create',
      'observation.create',
      'observation.create',
    ]);
    // "1 Eintrag wartet": the walk with its observations.
    expect(await pendingSummary(db)).toEqual({ count: 1, oldestCreatedAt: START });
    await updateEntry(db, 'observation', bench, { note: 'in der Sonne' }, erika(START + 20_000));
    expect((await pendingSummary(db)).count).toBe(1);
    // "Meine Einträge" lists the walk, not its observations on their own.
    await saveEntry(db, 'call', callValues('Frau K.'), erika());
    expect((await readEntries(db, 'erika')).map((entry) => entry.kind).sort()).toEqual([
      'call',
      'walk',
    ]);
    expect(await readEntries(db, 'erika', 'observation')).toHaveLength(2);
  });

  it('a refused observation still needs attention', async () => {
    const walkId = await startWalk(db, erika());
    const id = await addObservation(db, {
      walkId,
      category: 'hazard',
      position: null,
      note: 'Loch im Weg',
      ...erika(),
    });
    const rejection = { seq: 2, code: 'forbidden', message: 'Nicht dein Spaziergang' };
    await acknowledge(db, 2, [rejection]);
    const attention = await readAttention(db, 'erika');
    expect(attention.entries.map((entry) => [entry.id, entry.kind])).toEqual([[id, 'observation']]);
    expect(attention.count).toBe(1);
  });

  it('need a walk the device holds', async () => {
    await expect(
      addObservation(db, {
        walkId: 'elsewhere',
        category: 'toilet',
        position: null,
        note: '',
        ...erika(),
      }),
    ).rejects.toThrow(/Spaziergang/);
    expect(await db.entries.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('deleting a walk', () => {
  it('takes its observations, points and recording along, with one delete each', async () => {
    const walkId = await startWalk(db, erika());
    const other = await startWalk(db, { author: 'hans', now: START });
    await record(walkId, 0, 3);
    await recordFix(db, other, fix(0));
    const seen = await addObservation(db, {
      walkId,
      category: 'toilet',
      position: null,
      note: '',
      ...erika(),
    });
    expect(await deleteEntry(db, walkId, erika(START + 50_000))).toBe(true);
    expect(await db.entries.get(walkId)).toBeUndefined();
    expect(await db.entries.get(seen)).toBeUndefined();
    expect(await readWalkPoints(db, walkId)).toEqual([]);
    expect(await activeRecording(db, 'erika')).toBeNull();
    expect(await recordFix(db, walkId, fix(3))).toBe('not-recording');
    // Hans's walk is untouched.
    expect(await readWalkPoints(db, other)).toHaveLength(1);
    expect(await activeRecording(db, 'hans')).toMatchObject({ walkId: other });
    const rows = await readOutboxBatch(db, 10);
    expect(rows.slice(3).map((row) => [row.name, row.args])).toEqual([
      ['observation.delete', { id: seen }],
      ['walk.delete', { id: walkId }],
    ]);
    // Erika's walk with everything about it is one entry waiting, Hans's another.
    expect((await pendingSummary(db)).count).toBe(2);
  });
});
