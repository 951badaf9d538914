// Walks with their routes and observations, and call partners, with the real client code
// (fake-indexeddb) against the real server app on SQLite and PostgreSQL: a guide records a walk
// offline (a poor fix dropped, a reload mid-walk, a pause), stops, and the walk, its
// observations and its route (walk.track v2 with the gap) arrive once and come back to the
// guide's other device; someone else's walk refuses their observation and route, writing
// nothing; a caller's device holds exactly their partners, logs "Alles gut" calls that name the
// partner, and drops a partner once it is no longer assigned there.
import { expect, it } from 'vitest';
import { PARTNER_COMMANDS } from '../../server/admin/partner-commands';
import { readLiveEntries } from '../../server/repos/entry.repo';
import { findQuarter } from '../../server/repos/quarter.repo';
import { readTrackChunks } from '../../server/repos/walk-track.repo';
import { QuartiersbuchDb } from '../../src/db/db';
import { readAttention } from '../../src/db/entry-queries';
import { logPartnerCall } from '../../src/db/partner-call-log';
import { readPartners } from '../../src/db/partner-queries';
import { saveTrackChunks } from '../../src/db/tracks';
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
import type { TrackPoint } from '../../src/shared/walk-track';
import { QUARTER } from '../server/support/fixtures';
import { storedEntries, storedEntry } from '../server/support/stored-entries';
import { describeEachDialect } from '../server/support/test-database';
import { offline, useSyncWorld } from './sync-world';

const START = Date.UTC(2026, 10, 25, 10, 0, 0);

/** Fix i: about 16.7 m north every 12 s. */
function fix(i: number, overrides: Partial<TrackPoint> = {}): TrackPoint {
  return {
    t: new Date(START + i * 12_000).toISOString(),
    lat: Number((51.33 + i * 0.00015).toFixed(6)),
    lon: 6.56,
    accuracy: 4,
    ...overrides,
  };
}

describeEachDialect('walks and call partners through sync', (dialect) => {
  const world = useSyncWorld(dialect);

  async function quarter() {
    const found = await findQuarter(world().server, QUARTER.id);
    if (!found) throw new Error('no quarter');
    return found;
  }

  /** `npm run admin -- create-partner --name … --caller …`; returns the partner's id. */
  async function createPartner(name: string, callers: string[]) {
    const w = world();
    await PARTNER_COMMANDS['create-partner']!(
      w.server,
      await quarter(),
      { name, phone: '02151 123456', minutes: '25', caller: callers, positionals: [] },
      new Date(START),
    );
    const rows = await readLiveEntries(w.server, QUARTER.id, 'partner');
    const row = rows.find((candidate) => JSON.parse(candidate.fields).name === name);
    if (!row) throw new Error(`partner ${name} not stored`);
    return row.id;
  }

  it('a walk recorded offline arrives once with its observations and route, and reaches the guide’s other device', async () => {
    const w = world();
    await w.person('Erika');
    const erika = await w.signIn(w.device, 'Erika');
    const as = (now: number) => ({ author: erika, now });

    // Offline from here: recording needs no network.
    const walkId = await startWalk(w.device, { ...as(START), title: 'Marktplatz' });
    for (let i = 0; i < 3; i += 1) await recordFix(w.device, walkId, fix(i));
    expect(await recordFix(w.device, walkId, fix(3, { accuracy: 90 }))).toBe('inaccurate');
    await addObservation(w.device, {
      walkId,
      category: 'bench',
      position: { lat: fix(2).lat, lon: fix(2).lon, accuracy: 6 },
      note: 'Bank im Schatten',
      ...as(START + 30_000),
    });
    // The tab is killed mid-walk; the app opens again and recording goes on.
    w.device.close();
    const tablet = new QuartiersbuchDb(w.device.name);
    expect(await activeRecording(tablet, erika)).toMatchObject({ walkId, kept: 3 });
    await pauseWalk(tablet, walkId, { now: START + 40_000 });
    await resumeWalk(tablet, walkId, { now: START + 100_000 });
    for (let i = 10; i < 13; i += 1) await recordFix(tablet, walkId, fix(i));
    await markGap(tablet, walkId);
    await recordFix(tablet, walkId, fix(30));
    const walk = await stopWalk(tablet, walkId, {
      ...as(START + 400_000),
      details: { participants: 7 },
    });
    expect(await w.sync(tablet, offline).catch((error: unknown) => error)).toMatchObject({
      kind: 'network',
    });

    expect(await w.sync(tablet)).toMatchObject({ status: 'synced', waiting: 0 });
    expect(await w.sync(tablet)).toMatchObject({ pushed: 0, waiting: 0 });
    const stored = await storedEntry(w.server, walkId);
    expect(stored).toMatchObject({
      kind: 'walk',
      author_user_id: erika,
      title: 'Marktplatz',
      participants: 7,
      endedAt: new Date(START + 400_000).toISOString(),
      distanceMetres: walk.distanceMetres,
      walkingSeconds: 400 - 60,
      deleted: 0,
    });
    const points = (await readTrackChunks(w.server, QUARTER.id, walkId)).flatMap((c) => c.points);
    expect(points).toEqual([
      fix(0),
      fix(1),
      fix(2),
      { ...fix(10), gap: true },
      fix(11),
      fix(12),
      { ...fix(30), gap: true },
    ]);
    const observations = await storedEntries(w.server, 'observation');
    expect(observations.map((o) => [o.walkId, o.note])).toEqual([[walkId, 'Bank im Schatten']]);
    expect(await w.server.selectFrom('mutation_log').select('seq').execute()).toHaveLength(4);

    // Erika's phone: the walk, its observation and its route, for the walk screen offline.
    const phone = w.openDevice();
    await w.enrol(phone);
    await w.signIn(phone, 'Erika');
    await w.sync(phone);
    expect(await phone.entries.get(walkId)).toMatchObject({
      state: 'delivered',
      distanceMetres: walk.distanceMetres,
    });
    const route = await readWalkRoute(phone, walkId);
    expect(route.points).toEqual(points.map((point, n) => ({ ...point, walkId, n })));
    expect(route.observations.map((o) => o.note)).toEqual(['Bank im Schatten']);
    // The tablet's own route came back without a change.
    expect(await readWalkPoints(tablet, walkId)).toEqual(route.points);
    tablet.close();
  });

  it('someone else’s walk: their observation and route chunk are refused, nothing written', async () => {
    const w = world();
    await w.person('Erika');
    await w.person('Hans');
    const erika = await w.signIn(w.device, 'Erika');
    const hans = await w.signIn(w.device, 'Hans'); // a shared tablet
    const walkId = await startWalk(w.device, { author: erika, now: START });
    await recordFix(w.device, walkId, fix(0));
    await recordFix(w.device, walkId, fix(1));
    await w.sync();
    // Hans, on the same tablet, tries to add to Erika's walk while she records it.
    const forged = await addObservation(w.device, {
      walkId,
      category: 'hazard',
      position: null,
      note: 'von Hans',
      author: hans,
      now: START + 10_000,
    });
    await saveTrackChunks(w.device, walkId, [fix(5)], { author: hans, now: START + 11_000 });
    expect(await w.sync()).toMatchObject({ status: 'synced', waiting: 0 });
    expect(await storedEntries(w.server, 'observation')).toEqual([]);
    expect(await readTrackChunks(w.server, QUARTER.id, walkId)).toEqual([]);
    const attention = await readAttention(w.device, hans);
    expect(attention.entries.map((entry) => entry.id)).toEqual([forged]);
    expect(attention.changes.map((change) => [change.name, change.entryId])).toEqual([
      ['walk.track', walkId],
    ]);
    expect((await readAttention(w.device, erika)).count).toBe(0);
    // Erika's recording is untouched and still hers to finish.
    await stopWalk(w.device, walkId, { author: erika, now: START + 60_000 });
    await w.sync();
    expect((await readTrackChunks(w.server, QUARTER.id, walkId)).flatMap((c) => c.points)).toEqual([
      fix(0),
      fix(1),
    ]);
  });

  it('a caller’s device holds exactly their partners, logs "Alles gut", and drops an unassigned one', async () => {
    const w = world();
    await w.person('Erika');
    await w.person('Hans');
    const erika = await w.signIn(w.device, 'Erika');
    const ilse = await createPartner('Tante Ilse', ['Erika']);
    const karl = await createPartner('Herr Karl', ['Hans']);
    await w.sync();
    expect((await readPartners(w.device, erika, new Date(START))).map((c) => c.partner.id)).toEqual(
      [ilse],
    );
    expect(await w.device.entries.get(karl)).toBeUndefined();

    const callId = await logPartnerCall(w.device, {
      partnerId: ilse,
      reached: true,
      author: erika,
      now: START + 60_000,
    });
    await logPartnerCall(w.device, {
      partnerId: ilse,
      reached: false,
      author: erika,
      now: START + 120_000,
    });
    expect(await w.sync()).toMatchObject({ status: 'synced', waiting: 0 });
    expect(await storedEntry(w.server, callId)).toMatchObject({
      kind: 'call',
      partnerId: ilse,
      partner: 'Tante Ilse',
      durationMinutes: 25,
      reached: true,
      author_user_id: erika,
    });
    expect((await readAttention(w.device)).count).toBe(0);

    // Staff take Ilse away from Erika: her device drops the partner, the calls stay.
    await PARTNER_COMMANDS['unassign-caller']!(
      w.server,
      await quarter(),
      { caller: ['Erika'], positionals: [ilse] },
      new Date(START + 200_000),
    );
    await w.sync();
    expect(await w.device.entries.get(ilse)).toBeUndefined();
    expect(await readPartners(w.device, erika, new Date(START))).toEqual([]);
    expect(await w.device.entries.get(callId)).toMatchObject({ state: 'delivered' });
  });

  it('a call naming a partner someone else phones is refused, nothing written', async () => {
    const w = world();
    await w.person('Erika');
    await w.person('Hans');
    const erika = await w.signIn(w.device, 'Erika');
    const hans = await w.signIn(w.device, 'Hans');
    const ilse = await createPartner('Tante Ilse', ['Erika']);
    await w.sync();
    // Hans, on Erika's shared tablet, taps "Alles gut" on Erika's partner.
    const forged = await logPartnerCall(w.device, {
      partnerId: ilse,
      reached: true,
      author: hans,
      now: START,
    });
    expect(await w.sync()).toMatchObject({ status: 'synced', waiting: 0 });
    expect(await storedEntries(w.server, 'call')).toEqual([]);
    expect((await readAttention(w.device, hans)).entries.map((entry) => entry.id)).toEqual([
      forged,
    ]);
    expect((await readAttention(w.device, erika)).entries).toEqual([]);
  });
});
