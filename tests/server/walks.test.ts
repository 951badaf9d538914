// Walks, their route chunks (walk.track v1 and v2) and their observations through the real push
// and pull, on SQLite and PostgreSQL: a guide's walk, route and observations come back to the
// guide's other device (the route once per chunk, gap flags as sent); per-field last writer
// wins with the lost value kept in history (G6); delete wins, also over chunks and observations
// arriving later for the deleted walk; and someone else's walk — a chunk, an observation, an
// update — is refused with nothing written, while staff of the quarter may add to it.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { readEntryHistory } from '../../server/repos/entry-history.repo';
import { readTrackChunks } from '../../server/repos/walk-track.repo';
import type { TrackPointV2 } from '../../src/shared/walk-track';
import { QUARTER } from './support/fixtures';
import { enrolDevice, type EnrolledTestDevice } from './support/identity-fixtures';
import {
  callArgs,
  callCreate,
  entryCreate,
  entryDelete,
  entryUpdate,
  observationArgs,
  trackPoints,
  valuesOf,
  walkArgs,
  walkTrack,
} from './support/entry-mutations';
import { rejectionCodes, useOutboxes } from './support/outboxes';
import { pullAs } from './support/pull-fixtures';
import { signInOn } from './support/push-fixtures';
import { storedEntries, storedEntry } from './support/stored-entries';
import { describeEachDialect } from './support/test-database';
import { useTwoDevices } from './support/two-devices';

/** Chunk 0 of a route with a pause: the fourth point starts a new segment. */
function pausedRoute(): TrackPointV2[] {
  const points: TrackPointV2[] = trackPoints(6);
  points[3] = { ...(points[3] as TrackPointV2), gap: true };
  return points;
}

describeEachDialect('walks, routes and observations', (dialect) => {
  const world = useTwoDevices(dialect);
  const { next, pushOk } = useOutboxes(() => world().app);
  let app: FastifyInstance;
  let db: Kysely<Database>;
  let tablet: EnrolledTestDevice;
  let phone: EnrolledTestDevice;
  let erika: string;
  let hans: string;
  let anna: string;
  beforeEach(() => {
    ({ app, db, tablet, phone, erika, hans, anna } = world());
  });

  const chunks = () =>
    db.selectFrom('walk_track_chunks').selectAll().orderBy('walk_id').orderBy('chunk').execute();
  const history = (id: string) => readEntryHistory(db, QUARTER.id, id);

  /** Erika starts walk `id` on the tablet (still recording: endedAt null). */
  async function startWalk(id = 'w1'): Promise<number> {
    await pushOk(tablet, [
      entryCreate('walk', next(tablet), erika, walkArgs(id, { endedAt: null, distanceMetres: 0 })),
    ]);
    const walk = (await pullAs(app, tablet.authorization)).changes.walks.find((w) => w.id === id);
    if (!walk) throw new Error(`${id} not pulled`);
    return walk.version;
  }

  it("come back to the guide's other device: the walk, its observations and its route", async () => {
    const started = await startWalk();
    const route = pausedRoute();
    const answer = await pushOk(tablet, [
      walkTrack(next(tablet), erika, 'w1', 0, route),
      // An older app's chunk: v1, no gap flags; stored as sent.
      walkTrack(next(tablet), erika, 'w1', 1, trackPoints(2, 6), 1),
      entryCreate('observation', next(tablet), erika, observationArgs('o1', 'w1')),
      entryCreate(
        'observation',
        next(tablet),
        erika,
        observationArgs('o2', 'w1', { category: 'hazard', position: null, note: 'Loch' }),
      ),
      entryUpdate('walk', next(tablet), erika, 'w1', started, {
        endedAt: '2026-11-25T11:00:00.000Z',
        distanceMetres: 640,
      }),
    ]);
    expect(answer.rejected).toEqual([]);

    const pulled = await pullAs(app, phone.authorization);
    expect(pulled.reset).toBe(true);
    expect(pulled.changes.walks).toEqual([
      {
        ...valuesOf(walkArgs('w1', { endedAt: '2026-11-25T11:00:00.000Z', distanceMetres: 640 })),
        id: 'w1',
        author: erika,
        version: started + 1,
        conflict: false,
      },
    ]);
    expect(pulled.changes.observations.map((o) => [o.id, o.walkId, o.category])).toEqual([
      ['o1', 'w1', 'bench'],
      ['o2', 'w1', 'hazard'],
    ]);
    expect(pulled.changes.tracks).toEqual([
      { walkId: 'w1', chunk: 0, points: route },
      { walkId: 'w1', chunk: 1, points: trackPoints(2, 6) },
    ]);
    expect(pulled.changes.tracks[0]?.points.filter((p) => p.gap)).toHaveLength(1);
    expect(pulled.changes.calls).toEqual([]);

    // Then only what is new: chunk 2, nothing of what the phone already has.
    await pushOk(tablet, [walkTrack(next(tablet), erika, 'w1', 2, trackPoints(1, 8))]);
    const later = await pullAs(app, phone.authorization, { cookie: pulled.cookie });
    expect(later.reset).toBe(false);
    expect(later.changes.tracks).toEqual([{ walkId: 'w1', chunk: 2, points: trackPoints(1, 8) }]);
    expect(later.changes.walks).toEqual([]);
    expect(later.changes.observations).toEqual([]);
  });

  it("stay off devices where the guide is not signed in; Hans's device gets only his", async () => {
    await startWalk('w-erika');
    await pushOk(tablet, [walkTrack(next(tablet), erika, 'w-erika', 0, trackPoints(3))]);
    const hansPhone = await enrolDevice(app, db, QUARTER, 'Handy Hans');
    await signInOn(app, hansPhone.authorization, 'Hans K.');
    await pushOk(hansPhone, [
      entryCreate('walk', next(hansPhone), hans, walkArgs('w-hans')),
      walkTrack(next(hansPhone), hans, 'w-hans', 0, trackPoints(2, 50)),
      // An old app's route without a walk entry: stored, but no device pulls it.
      walkTrack(next(hansPhone), hans, 'w-old-app', 0, trackPoints(2, 90)),
    ]);
    const pulled = await pullAs(app, hansPhone.authorization);
    expect(pulled.changes.walks.map((w) => w.id)).toEqual(['w-hans']);
    expect(pulled.changes.tracks.map((t) => [t.walkId, t.chunk])).toEqual([['w-hans', 0]]);
    expect(await readTrackChunks(db, QUARTER.id, 'w-old-app')).toHaveLength(1);
  });

  it('merge per field: the later write wins, the lost value stays flagged in the history (G6)', async () => {
    const base = await startWalk();
    await pushOk(tablet, [
      entryCreate('observation', next(tablet), erika, observationArgs('o1', 'w1')),
    ]);
    const observation = (await pullAs(app, phone.authorization)).changes.observations[0];
    await pushOk(tablet, [
      entryUpdate('walk', next(tablet), erika, 'w1', base, { participants: 9, title: 'Markt' }),
      entryUpdate('observation', next(tablet), erika, 'o1', observation?.version ?? null, {
        note: 'vom Tablet',
      }),
    ]);
    await pushOk(phone, [
      entryUpdate('walk', next(phone), erika, 'w1', base, { participants: 11 }),
      entryUpdate('observation', next(phone), erika, 'o1', observation?.version ?? null, {
        category: 'toilet',
      }),
    ]);
    expect(await storedEntry(db, 'w1')).toMatchObject({
      participants: 11,
      title: 'Markt',
      conflict: 1,
    });
    expect(await history('w1')).toEqual([
      expect.objectContaining({ field: 'participants', oldValue: 8, newValue: 9, conflict: false }),
      expect.objectContaining({ field: 'title', newValue: 'Markt', conflict: false }),
      expect.objectContaining({
        field: 'participants',
        oldValue: 9,
        newValue: 11,
        deviceId: phone.deviceId,
        conflict: true,
      }),
    ]);
    // Different fields of one observation from two devices: both apply, no flag.
    expect(await storedEntry(db, 'o1')).toMatchObject({
      note: 'vom Tablet',
      category: 'toilet',
      conflict: 0,
    });
  });

  it('delete wins: chunks, observations and updates arriving later for the walk have no effect', async () => {
    const base = await startWalk();
    await pushOk(tablet, [
      walkTrack(next(tablet), erika, 'w1', 0, trackPoints(3)),
      entryCreate('observation', next(tablet), erika, observationArgs('o1', 'w1')),
    ]);
    const before = await pullAs(app, phone.authorization);
    expect(before.changes.tracks).toHaveLength(1);
    const stored = await chunks();

    await pushOk(tablet, [entryDelete('walk', next(tablet), erika, 'w1')]);
    // The phone was offline and recorded more for the walk: accepted, nothing written.
    const late = await pushOk(phone, [
      walkTrack(next(phone), erika, 'w1', 1, trackPoints(2, 3)),
      walkTrack(next(phone), erika, 'w1', 0, trackPoints(1, 99)),
      entryCreate('observation', next(phone), erika, observationArgs('o2', 'w1')),
      entryUpdate('observation', next(phone), erika, 'o1', null, { walkId: 'w1', note: 'x' }),
      entryUpdate('walk', next(phone), erika, 'w1', base, { note: 'noch was' }),
    ]);
    expect(late.rejected).toEqual([]);
    // The walk's route went with it (a deleted walk keeps no content), and nothing came back.
    expect(stored).toHaveLength(1);
    expect(await chunks()).toEqual([]);
    expect((await storedEntries(db, 'observation')).map((o) => [o.id, o.deleted, o.note])).toEqual([
      ['o1', 0, ''],
      ['o2', 1, undefined],
    ]);
    expect(await storedEntry(db, 'w1')).toMatchObject({ deleted: 1 });
    expect((await storedEntry(db, 'w1')).note).toBeUndefined();
    expect(await history('w1')).toEqual([]);

    // The late observation is kept only as a tombstone without content, so the phone learns
    // that it is gone instead of showing it as delivered.
    const o2 = await db
      .selectFrom('entries')
      .select(['deleted', 'fields', 'concern'])
      .where('id', '=', 'o2')
      .executeTakeFirstOrThrow();
    expect(o2).toEqual({ deleted: 1, fields: '{}', concern: 0 });

    const after = await pullAs(app, phone.authorization, { cookie: before.cookie });
    expect(after.deleted.walks).toEqual(['w1']);
    expect(after.deleted.observations).toEqual(['o2']);
    expect(after.changes.tracks).toEqual([]);
    expect(after.changes.observations).toEqual([]);
    // A reset brings neither the deleted walk nor its route.
    const reset = await pullAs(app, phone.authorization);
    expect(reset.changes.walks).toEqual([]);
    expect(reset.changes.tracks).toEqual([]);
    // The observation itself is deleted like any entry.
    await pushOk(tablet, [entryDelete('observation', next(tablet), erika, 'o1')]);
    const last = await pullAs(app, phone.authorization, { cookie: after.cookie });
    expect(last.deleted.observations).toEqual(['o1']);
  });

  it("refuses Hans's chunk, observation and changes for Erika's walk; nothing written", async () => {
    const base = await startWalk();
    await pushOk(tablet, [
      walkTrack(next(tablet), erika, 'w1', 0, trackPoints(3)),
      entryCreate('observation', next(tablet), erika, observationArgs('o1', 'w1')),
    ]);
    await signInOn(app, tablet.authorization, 'Hans K.');
    const entries = await storedEntries(db);
    const stored = await chunks();
    const answer = await pushOk(tablet, [
      walkTrack(next(tablet), hans, 'w1', 1, trackPoints(2, 3)),
      walkTrack(next(tablet), hans, 'w1', 0, trackPoints(2, 3), 1),
      entryCreate('observation', next(tablet), hans, observationArgs('o-hans', 'w1')),
      entryUpdate('walk', next(tablet), hans, 'w1', base, { participants: 1 }),
      entryUpdate('observation', next(tablet), hans, 'o1', null, { note: 'von Hans' }),
      entryDelete('walk', next(tablet), hans, 'w1'),
      entryDelete('observation', next(tablet), hans, 'o1'),
    ]);
    expect(rejectionCodes(answer).map(([, code]) => code)).toEqual(Array(7).fill('forbidden'));
    expect(answer.rejected[0]?.message).toBe(
      'Diese Route gehört zu einem Spaziergang, den jemand anderes eingetragen hat. Der Abschnitt wurde nicht übernommen.',
    );
    expect(answer.rejected[2]?.message).toBe(
      'Die Beobachtung wurde nicht gespeichert: „Spaziergang“ gehört zu jemand anderem. Eintragen dürfen das nur diese Person und das Team im Laden.',
    );
    expect(await storedEntries(db)).toEqual(entries);
    expect(await chunks()).toEqual(stored);
    expect(await history('w1')).toEqual([]);
  });

  it("lets staff of the quarter add chunks and observations to a guide's walk", async () => {
    await startWalk();
    await signInOn(app, tablet.authorization, 'Anna S.');
    const answer = await pushOk(tablet, [
      walkTrack(next(tablet), anna, 'w1', 0, trackPoints(2)),
      entryCreate('observation', next(tablet), anna, observationArgs('o-anna', 'w1')),
    ]);
    expect(answer.rejected).toEqual([]);
    expect(await readTrackChunks(db, QUARTER.id, 'w1')).toHaveLength(1);
    expect(await storedEntry(db, 'o-anna')).toMatchObject({ author_user_id: anna, walkId: 'w1' });
    // The route reaches the guide's devices (chunks go by walk); the observation goes by its
    // author, like every entry, so it stays on the staff member's devices.
    const pulled = await pullAs(app, phone.authorization);
    expect(pulled.changes.tracks.map((t) => t.chunk)).toEqual([0]);
  });

  it('an observation needs a walk of the quarter that the writer may change', async () => {
    await startWalk('w1');
    await pushOk(tablet, [callCreate(next(tablet), erika, callArgs('c1'))]);
    await signInOn(app, tablet.authorization, 'Hans K.');
    await pushOk(tablet, [entryCreate('walk', next(tablet), hans, walkArgs('w-hans'))]);
    await pushOk(tablet, [
      entryCreate('observation', next(tablet), erika, observationArgs('o1', 'w1')),
    ]);
    const answer = await pushOk(tablet, [
      entryCreate('observation', next(tablet), erika, observationArgs('o-none', 'gibt-es-nicht')),
      entryCreate('observation', next(tablet), erika, observationArgs('o-call', 'c1')),
      entryUpdate('observation', next(tablet), erika, 'o1', null, { walkId: 'w-hans' }),
      entryUpdate('observation', next(tablet), erika, 'o1', null, { walkId: 'c1' }),
    ]);
    expect(rejectionCodes(answer)).toEqual([
      [answer.lastSeq - 3, 'unknown_entry'],
      [answer.lastSeq - 2, 'unknown_entry'],
      [answer.lastSeq - 1, 'forbidden'],
      [answer.lastSeq, 'unknown_entry'],
    ]);
    expect(answer.rejected[0]?.message).toBe(
      'Die Beobachtung wurde nicht gespeichert: „Spaziergang“ gibt es auf dem Server nicht. Bitte im Laden melden.',
    );
    expect(answer.rejected[2]?.message).toMatch(
      /^Die Änderung der Beobachtung wurde nicht übernommen: „Spaziergang“ gehört zu jemand anderem/,
    );
    expect((await storedEntries(db, 'observation')).map((o) => [o.id, o.walkId])).toEqual([
      ['o1', 'w1'],
    ]);
    // Moving it to another walk of her own is fine.
    await pushOk(tablet, [entryCreate('walk', next(tablet), erika, walkArgs('w2'))]);
    const moved = await pushOk(tablet, [
      entryUpdate('observation', next(tablet), erika, 'o1', null, { walkId: 'w2' }),
    ]);
    expect(moved.rejected).toEqual([]);
    expect(await storedEntry(db, 'o1')).toMatchObject({ walkId: 'w2' });
  });

  it('stores a chunk once per (walk, chunk), whatever version and seq it is sent again with', async () => {
    await startWalk();
    await pushOk(tablet, [walkTrack(next(tablet), erika, 'w1', 0, trackPoints(2), 1)]);
    const first = await chunks();
    const again = await pushOk(phone, [walkTrack(next(phone), erika, 'w1', 0, pausedRoute())]);
    expect(again.rejected).toEqual([]);
    expect(await chunks()).toEqual(first);
    const pulled = await pullAs(app, phone.authorization);
    expect(pulled.changes.tracks).toEqual([{ walkId: 'w1', chunk: 0, points: trackPoints(2) }]);
  });

  it('refuses a route chunk whose walk id belongs to an entry of another kind', async () => {
    await pushOk(tablet, [callCreate(next(tablet), erika, callArgs('c1'))]);
    const answer = await pushOk(tablet, [walkTrack(next(tablet), erika, 'c1', 0, trackPoints(1))]);
    expect(rejectionCodes(answer)).toEqual([[2, 'id_in_use']]);
    expect(await chunks()).toEqual([]);
  });

  it('refuses bad v2 points as invalid_args, naming the field; the rest applies (G7)', async () => {
    await startWalk();
    const gapFalse = trackPoints(2).map((point) => ({ ...point, gap: false }));
    const answer = await pushOk(tablet, [
      walkTrack(next(tablet), erika, 'w1', 0, gapFalse as never),
      walkTrack(next(tablet), erika, 'w1', 1, trackPoints(1001)),
      walkTrack(next(tablet), erika, 'w1', 2, trackPoints(1000)),
    ]);
    expect(rejectionCodes(answer)).toEqual([
      [2, 'invalid_args'],
      [3, 'invalid_args'],
    ]);
    expect(answer.rejected[0]?.message).toContain('„Routenpunkte“');
    expect((await readTrackChunks(db, QUARTER.id, 'w1')).map((c) => c.chunk)).toEqual([2]);
  });
});
