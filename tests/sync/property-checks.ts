// The checks of the seeded sync property (property.test.ts) once the network has healed and
// every device has synced: which refusals the scenario allows, that the server holds every entry
// once, and that each device's replica is the server's view for its people — entries, routes,
// partners.
import { expect } from 'vitest';
import { readTrackChunks } from '../../server/repos/walk-track.repo';
import type { Entry } from '../../src/db/db';
import { dismissRejectedChange, dismissRejection } from '../../src/db/entries';
import { readAttention } from '../../src/db/entry-queries';
import { readClient } from '../../src/db/outbox';
import { readWalkPoints } from '../../src/db/walk-points';
import { QUARTER } from '../server/support/fixtures';
import { storedEntries, type StoredEntry } from '../server/support/stored-entries';
import { ownEntries, type SimDevice, type World } from './property-ops';

/**
 * Checks that every refusal on the device is one the scenario allows — a call naming a partner,
 * or an edit of a partner, by a caller staff unassigned from that partner at some point — and
 * dismisses it as its author would. Refused creates of calls go into `refusedCalls`.
 */
export async function readRefusals(world: World, device: SimDevice, refusedCalls: Set<string>) {
  const allowed = (partnerId: string | undefined, author: string) =>
    partnerId !== undefined && world.unassigned.has(`${partnerId} ${author}`);
  const attention = await readAttention(device.db);
  for (const entry of attention.entries) {
    const partnerId = entry.kind === 'partner' ? entry.id : world.partnerOfCall.get(entry.id);
    const author = entry.kind === 'partner' ? undefined : entry.author;
    const ok = author
      ? allowed(partnerId, author)
      : device.people.some((person) => allowed(partnerId, person));
    expect(ok, JSON.stringify(entry)).toBe(true);
    if (entry.kind === 'call' && entry.version === null) refusedCalls.add(entry.id);
    await dismissRejection(device.db, entry.id);
  }
  for (const change of attention.changes) {
    const id = change.entryId ?? '';
    const partnerId = change.name.startsWith('partner.') ? id : world.partnerOfCall.get(id);
    expect(allowed(partnerId, change.author), JSON.stringify(change)).toBe(true);
    if (change.name === 'call.create') refusedCalls.add(id);
    await dismissRejectedChange(device.db, change.seq);
  }
}

/**
 * Nothing lost, nothing applied twice: every entry stored once, as its kind, live or deleted as
 * the devices left it. Not stored: a refused call, and an observation that arrived after its
 * walk was deleted (accepted without effect: delete wins). An observation the deleting device
 * did not know stays live on the server without its walk (no device shows it).
 */
export async function expectServerHasEverything(
  world: World,
  refusedCalls: Set<string>,
  devices: SimDevice[],
) {
  const rows = (await storedEntries(world.server)).filter((row) => row.kind !== 'partner');
  const stored = new Map(rows.map((row) => [row.id, row]));
  for (const row of rows) expect(world.created.get(row.id), row.id).toBe(row.kind);
  for (const [id, kind] of world.created) {
    const row = stored.get(id);
    const walkId = world.walkOfObservation.get(id);
    if (refusedCalls.has(id)) {
      expect(row, id).toBeUndefined();
    } else if (walkId !== undefined && world.deleted.has(walkId)) {
      if (row && world.deleted.has(id)) expect(row.deleted, id).toBe(1);
    } else {
      expect(row?.deleted, `${kind} ${id}`).toBe(world.deleted.has(id) ? 1 : 0);
    }
  }
  const log = await world.server
    .selectFrom('mutation_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  let mutations = 0;
  for (const device of devices) mutations += (await readClient(device.db))?.lastSeq ?? 0;
  expect(Number(log.n)).toBe(mutations);
}

/**
 * The device holds exactly the server's view for its people: their entries (an observation only
 * with its walk), each walk's route as stored, and the partners assigned to them.
 */
export async function expectReplicaIsTheView(world: World, device: SimDevice) {
  const { db } = device;
  expect(await db.outbox.count()).toBe(0);
  expect(await readAttention(db)).toEqual({ entries: [], changes: [], count: 0 });
  expect(await db.recordings.count()).toBe(0);
  for (let i = 1; i < device.cookies.length; i += 1) {
    const [before, after] = [device.cookies[i - 1]!, device.cookies[i]!];
    if (before.epoch === after.epoch) expect(after.head).toBeGreaterThanOrEqual(before.head);
  }
  const rows = (await storedEntries(world.server)).filter((row) => row.deleted === 0);
  const liveWalks = new Set(rows.filter((row) => row.kind === 'walk').map((row) => row.id));
  const view = rows.filter(
    (row) =>
      row.kind !== 'partner' &&
      device.people.includes(row.author_user_id) &&
      (row.kind !== 'observation' || liveWalks.has(row.walkId as string)),
  );
  const replica = await ownEntries(device);
  expect(replica.map(summary)).toEqual(view.map(summary));
  for (const walk of replica.filter((entry) => entry.kind === 'walk')) {
    const chunks = await readTrackChunks(world.server, QUARTER.id, walk.id);
    const points = (await readWalkPoints(db, walk.id)).map(({ t, lat, lon, accuracy, gap }) =>
      gap ? { t, lat, lon, accuracy, gap } : { t, lat, lon, accuracy },
    );
    expect(points, walk.id).toEqual(chunks.flatMap((chunk) => chunk.points));
  }
  const partners = (await db.entries.where('kind').equals('partner').toArray()).map(summary);
  const assigned = rows
    .filter((row) => row.kind === 'partner')
    .filter((row) => (row.callers as string[]).some((id) => device.people.includes(id)));
  expect(partners.sort(byId)).toEqual(assigned.map(summary).sort(byId));
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

/** What a replica and the server must agree on, for an entry of any kind. */
function summary(entry: Entry | StoredEntry) {
  const fields = entry as Record<string, unknown>;
  const isRow = 'author_user_id' in entry;
  const label = { call: 'partner', advice: 'place', walk: 'title', observation: 'category' }[
    entry.kind as string
  ];
  const number = { call: 'durationMinutes', advice: 'durationMinutes', walk: 'participants' }[
    entry.kind as string
  ];
  return {
    id: entry.id,
    kind: entry.kind,
    label: label ? fields[label] : fields.name,
    note: fields.note,
    number: number ? fields[number] : null,
    endedAt: fields.endedAt ?? null,
    distanceMetres: fields.distanceMetres ?? null,
    callers: fields.callers ?? null,
    partnerId: fields.partnerId ?? null,
    author: isRow ? (entry as StoredEntry).author_user_id : (entry as Entry).author,
    version: Number(entry.version),
    ...(isRow ? { state: 'delivered' } : { state: (entry as Entry).state }),
  };
}
