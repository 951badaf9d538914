// Walks, routes, observations and call partners in a pull, on real Dexie (fake-indexeddb):
// the new entry lists go through the same code as calls (tombstones delete, a reset drops what
// is no longer listed — a partner no longer assigned here too); route chunks land on the walk's
// points (point n = chunk × 500 + index), idempotently, never on a walk this device is still
// recording, never without their walk; a walk leaving the device takes its route along.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuartiersbuchDb, type WalkPoint } from '../../src/db/db';
import { readEntries } from '../../src/db/entry-queries';
import { applyPull } from '../../src/db/pull';
import { readWalkPoints } from '../../src/db/walk-points';
import {
  activeRecording,
  addObservation,
  recordFix,
  startWalk,
  stopWalk,
} from '../../src/db/walk-recording';
import type { TrackChunkRecord, TrackPointV2 } from '../../src/shared/walk-track';
import { observationRecord, partnerRecord, walkRecord } from '../support/entry-builders';
import { pullResponse } from '../support/fixtures';

let db: QuartiersbuchDb;
let n = 0;
beforeEach(() => {
  db = new QuartiersbuchDb(`pull-walks-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const START = Date.UTC(2026, 10, 25, 10, 0, 0);

function point(i: number): TrackPointV2 {
  return {
    t: new Date(START + i * 12_000).toISOString(),
    lat: Number((51.33 + i * 0.00015).toFixed(6)),
    lon: 6.56,
    accuracy: 4,
  };
}

/** A walk's route of `length` points as a pull brings it: chunks of 500, a gap at `gapAt`. */
function chunks(walkId: string, length: number, gapAt?: number): TrackChunkRecord[] {
  const points = Array.from({ length }, (_, i) =>
    i === gapAt ? { ...point(i), gap: true as const } : point(i),
  );
  const result: TrackChunkRecord[] = [];
  for (let chunk = 0; chunk * 500 < length; chunk += 1) {
    result.push({ walkId, chunk, points: points.slice(chunk * 500, chunk * 500 + 500) });
  }
  return result;
}

const stored = (walkId: string, points: readonly TrackPointV2[]): WalkPoint[] =>
  points.map((p, n) => ({ ...p, walkId, n }));

describe('walks and their routes', () => {
  it('a walk recorded on another device arrives with its route, gaps kept, in order', async () => {
    const route = chunks('w1', 620, 510);
    await applyPull(
      db,
      pullResponse(5, {
        reset: true,
        changes: {
          walks: [walkRecord('w1', { author: 'erika' })],
          observations: [observationRecord('o1', 'w1', { author: 'erika' })],
          tracks: [route[1]!, route[0]!], // order in the list does not matter
        },
      }),
      1,
    );
    expect(await db.entries.get('w1')).toMatchObject({ kind: 'walk', state: 'delivered' });
    expect(await db.entries.get('o1')).toMatchObject({ kind: 'observation', walkId: 'w1' });
    const points = await readWalkPoints(db, 'w1');
    expect(points).toEqual(stored('w1', [...route[0]!.points, ...route[1]!.points]));
    expect(points[510]).toMatchObject({ n: 510, gap: true });
    expect((await readEntries(db, 'erika')).map((entry) => entry.id)).toEqual(['w1']);
  });

  it('the same chunks pulled again, or the device’s own coming back, change nothing', async () => {
    const walkId = await startWalk(db, { author: 'erika', now: START });
    for (let i = 0; i < 4; i += 1) await recordFix(db, walkId, point(i));
    await stopWalk(db, walkId, { author: 'erika', now: START + 60_000 });
    const before = await readWalkPoints(db, walkId);
    const echo = { walkId, chunk: 0, points: [0, 1, 2, 3].map(point) };
    await applyPull(db, pullResponse(5, { reset: true, changes: { tracks: [echo] } }), 1);
    await applyPull(db, pullResponse(6, { changes: { tracks: [echo] } }), 2);
    expect(await readWalkPoints(db, walkId)).toEqual(before);
    expect(await db.walkPoints.count()).toBe(4);
  });

  it('never touches the points of a walk this device is still recording', async () => {
    const walkId = await startWalk(db, { author: 'erika', now: START });
    for (let i = 0; i < 3; i += 1) await recordFix(db, walkId, point(i));
    const before = await readWalkPoints(db, walkId);
    const other = { walkId, chunk: 0, points: [point(40), point(41)] };
    await applyPull(
      db,
      pullResponse(5, {
        reset: true,
        changes: {
          walks: [walkRecord(walkId, { author: 'erika', endedAt: null })],
          tracks: [other],
        },
      }),
      1,
    );
    expect(await readWalkPoints(db, walkId)).toEqual(before);
    expect(await activeRecording(db, 'erika')).toMatchObject({ walkId, kept: 3 });
  });

  it('skips a route whose walk the device does not hold', async () => {
    await applyPull(
      db,
      pullResponse(5, { reset: true, changes: { tracks: chunks('no-walk', 3) } }),
      1,
    );
    expect(await db.walkPoints.count()).toBe(0);
  });

  it('a walk tombstoned by a pull takes its route and its recording along', async () => {
    await applyPull(
      db,
      pullResponse(5, {
        reset: true,
        changes: { walks: [walkRecord('w1')], tracks: chunks('w1', 3) },
      }),
      1,
    );
    const recorded = await startWalk(db, { author: 'u1', now: START });
    await recordFix(db, recorded, point(0));
    await applyPull(
      db,
      pullResponse(7, {
        changes: { walks: [walkRecord(recorded, { endedAt: null, version: 6 })] },
        client: { lastSeq: 1, rejected: [] },
      }),
      2,
    );
    expect(await db.entries.get(recorded)).toMatchObject({ state: 'delivered' });
    // Staff deleted both walks on the server.
    await applyPull(db, pullResponse(8, { deleted: { walks: ['w1', recorded] } }), 3);
    expect(await db.walkPoints.count()).toBe(0);
    expect(await activeRecording(db, 'u1')).toBeNull();
    expect(await recordFix(db, recorded, point(1))).toBe('not-recording');
  });

  it('an observation goes with its walk, also one the server never stored', async () => {
    await applyPull(
      db,
      pullResponse(5, {
        reset: true,
        changes: {
          walks: [walkRecord('w1')],
          observations: [observationRecord('o1', 'w1'), observationRecord('o2', 'gone')],
        },
      }),
      1,
    );
    // Listed without its walk (deleted on the server): not shown, not kept.
    expect(await db.entries.get('o2')).toBeUndefined();
    // Added here while staff deleted the walk: the server accepts it without storing it.
    const late = await addObservation(db, {
      walkId: 'w1',
      category: 'bench',
      position: null,
      note: '',
      author: 'u1',
      now: START,
    });
    await applyPull(
      db,
      pullResponse(8, { deleted: { walks: ['w1'] }, client: { lastSeq: 1, rejected: [] } }),
      2,
    );
    expect(await db.entries.get('o1')).toBeUndefined();
    expect(await db.entries.get(late)).toBeUndefined();
    expect(await db.entries.count()).toBe(0);
  });

  it('an observation with a change waiting stays until it is settled', async () => {
    await applyPull(
      db,
      pullResponse(5, { reset: true, changes: { walks: [walkRecord('w1')] } }),
      1,
    );
    const waiting = await addObservation(db, {
      walkId: 'w1',
      category: 'bench',
      position: null,
      note: '',
      author: 'u1',
      now: START,
    });
    await applyPull(db, pullResponse(8, { deleted: { walks: ['w1'] } }), 2);
    expect(await db.entries.get(waiting)).toMatchObject({ state: 'saved' });
  });

  it('a reset that no longer lists a walk drops its route; one it lists keeps it', async () => {
    await applyPull(
      db,
      pullResponse(5, {
        reset: true,
        changes: {
          walks: [walkRecord('w1'), walkRecord('w2')],
          tracks: [...chunks('w1', 3), ...chunks('w2', 2)],
        },
      }),
      1,
    );
    await applyPull(
      db,
      pullResponse(9, {
        reset: true,
        changes: { walks: [walkRecord('w2')], tracks: chunks('w2', 2) },
      }),
      2,
    );
    expect(await readWalkPoints(db, 'w1')).toEqual([]);
    expect(await readWalkPoints(db, 'w2')).toHaveLength(2);
  });
});

describe('call partners', () => {
  it('arrive as entries of kind partner; their tombstones drop them', async () => {
    await applyPull(
      db,
      pullResponse(5, {
        reset: true,
        changes: { partners: [partnerRecord('p1'), partnerRecord('p2')] },
      }),
      1,
    );
    expect(await db.entries.get('p1')).toMatchObject({
      kind: 'partner',
      name: 'Partner p1',
      callers: ['u1'],
      author: 'staff',
      state: 'delivered',
    });
    // Not the caller's own entries: "Meine Einträge" does not list them.
    expect(await readEntries(db, 'u1')).toEqual([]);
    expect(await readEntries(db, 'staff')).toEqual([]);
    // No longer assigned to anyone on the device: the server lists the id as deleted.
    await applyPull(db, pullResponse(6, { deleted: { partners: ['p1'] } }), 2);
    expect(await db.entries.toCollection().primaryKeys()).toEqual(['p2']);
  });

  it('a reset drops a partner it no longer lists', async () => {
    await applyPull(
      db,
      pullResponse(5, {
        reset: true,
        changes: { partners: [partnerRecord('p1'), partnerRecord('p2')] },
      }),
      1,
    );
    await applyPull(
      db,
      pullResponse(9, { reset: true, changes: { partners: [partnerRecord('p2')] } }),
      2,
    );
    expect(await db.entries.toCollection().primaryKeys()).toEqual(['p2']);
  });
});
