// The operations of the seeded sync property (property.test.ts): what people do on the devices —
// log and change calls and advice sessions, record walks (fixes, poor fixes, hidden pages,
// pauses), note observations, tap "Alles gut" on a call partner's card, edit a partner — and what
// staff do on the server meanwhile (assign and unassign callers, `npm run admin`). Each op runs
// the real client code on the device's Dexie; the scenario keeps what the checks need to know.
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { PARTNER_COMMANDS } from '../../server/admin/partner-commands';
import type { Database } from '../../server/db/tables';
import type { Quarter } from '../../server/repos/quarter.repo';
import { QuartiersbuchDb, type Entry } from '../../src/db/db';
import { deleteEntry, saveEntry, updateEntry } from '../../src/db/entries';
import { logPartnerCall } from '../../src/db/partner-call-log';
import { readPartners } from '../../src/db/partner-queries';
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
import type { ChangesOf, EntryKindName } from '../../src/shared/entry-kinds';
import {
  OBSERVATION_CATEGORIES,
  type ObservationCategory,
} from '../../src/shared/kinds/observation-kind';
import type { FaultProxy } from '../support/fault-proxy';
import { adviceValues, callValues } from '../support/entry-builders';

export const PEOPLE = ['Anna', 'Bert', 'Cem'] as const;
/** Which people sign in on which device: device 0 is a shared tablet, 1 shares Anna with it. */
export const DEVICE_PEOPLE = [[0, 1], [0], [2], [1], [2]] as const;
/** The call partners staff register before the scenario, with their first callers. */
export const PARTNERS = [
  { name: 'Tante Ilse', callers: [0] },
  { name: 'Herr Karl', callers: [1, 2] },
] as const;

export type Op =
  | {
      kind: 'create';
      entry: 'call' | 'advice';
      device: number;
      person: number;
      partner: string;
      minutes: number;
    }
  | { kind: 'update'; device: number; pick: number; note: string; minutes: number }
  | { kind: 'delete'; device: number; pick: number }
  | { kind: 'sync'; device: number }
  | { kind: 'reload'; device: number }
  | { kind: 'walkStart'; device: number; person: number }
  | {
      kind: 'walkFixes';
      device: number;
      count: number;
      poor: boolean;
      gap: boolean;
      pause: boolean;
    }
  | { kind: 'walkStop'; device: number; participants: number }
  | { kind: 'observe'; device: number; pick: number; category: ObservationCategory; note: string }
  | { kind: 'partnerCall'; device: number; person: number; pick: number; reached: boolean }
  | { kind: 'partnerEdit'; device: number; pick: number; note: string }
  | { kind: 'assign'; partner: number; person: number; on: boolean };

export type Scenario = { devices: number; faultSeed: number; ops: Op[] };

export const opArb = (devices: number): fc.Arbitrary<Op> => {
  // Devices 0 and 1 share Anna: most operations happen there, where they can collide.
  const device = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(0, 1) },
    { weight: 2, arbitrary: fc.nat({ max: devices - 1 }) },
  );
  const person = fc.nat({ max: 1 });
  const note = fc.string({ maxLength: 12 });
  const op = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
  return fc.oneof(
    op(
      3,
      fc.record({
        kind: fc.constant('create' as const),
        entry: fc.constantFrom('call' as const, 'advice' as const),
        device,
        person,
        partner: fc.constantFrom('Frau K.', 'Herr B.', 'E. M.', 'Tante Ilse'),
        minutes: fc.nat({ max: 90 }),
      }),
    ),
    op(
      2,
      fc.record({
        kind: fc.constant('update' as const),
        device,
        pick: fc.nat(),
        note,
        minutes: fc.nat({ max: 90 }),
      }),
    ),
    op(1, fc.record({ kind: fc.constant('delete' as const), device, pick: fc.nat() })),
    op(4, fc.record({ kind: fc.constant('sync' as const), device })),
    op(1, fc.record({ kind: fc.constant('reload' as const), device })),
    op(2, fc.record({ kind: fc.constant('walkStart' as const), device, person })),
    op(
      3,
      fc.record({
        kind: fc.constant('walkFixes' as const),
        device,
        count: fc.integer({ min: 1, max: 8 }),
        poor: fc.boolean(),
        gap: fc.boolean(),
        pause: fc.boolean(),
      }),
    ),
    op(
      1,
      fc.record({
        kind: fc.constant('walkStop' as const),
        device,
        participants: fc.nat({ max: 20 }),
      }),
    ),
    op(
      2,
      fc.record({
        kind: fc.constant('observe' as const),
        device,
        pick: fc.nat(),
        category: fc.constantFrom(...OBSERVATION_CATEGORIES),
        note,
      }),
    ),
    op(
      3,
      fc.record({
        kind: fc.constant('partnerCall' as const),
        device,
        person,
        pick: fc.nat(),
        reached: fc.boolean(),
      }),
    ),
    op(1, fc.record({ kind: fc.constant('partnerEdit' as const), device, pick: fc.nat(), note })),
    op(
      1,
      fc.record({
        kind: fc.constant('assign' as const),
        partner: fc.nat({ max: PARTNERS.length - 1 }),
        person: fc.nat({ max: PEOPLE.length - 1 }),
        on: fc.boolean(),
      }),
    ),
  );
};

export const scenarioArb = fc.integer({ min: 3, max: 5 }).chain((devices) =>
  fc.record({
    devices: fc.constant(devices),
    faultSeed: fc.integer({ min: 1, max: 2 ** 30 }),
    ops: fc.array(opArb(devices), { minLength: 5, maxLength: 40 }),
  }),
);

export interface SimDevice {
  name: string;
  db: QuartiersbuchDb;
  proxy: FaultProxy;
  /** User ids of the people signed in on it. */
  people: string[];
  /** Every (epoch, head) the device stored, in order. */
  cookies: { epoch: string; head: number }[];
}

/** What the scenario did, for the checks. */
export interface World {
  server: Kysely<Database>;
  quarter: Quarter;
  /** User ids, in the order of PEOPLE. */
  people: string[];
  /** Partner ids, in the order of PARTNERS. */
  partners: string[];
  /** Every entry a device created, with its kind. */
  created: Map<string, EntryKindName>;
  /** Every entry a device deleted (a walk's observations with it). */
  deleted: Set<string>;
  /** Observations: id → the walk it names. */
  walkOfObservation: Map<string, string>;
  /** Calls logged for a partner: call id → partner id. */
  partnerOfCall: Map<string, string>;
  /** `partnerId userId` of every caller staff took off a partner at some point. */
  unassigned: Set<string>;
  /** Walk id → the number of the next fix to record, and its place among the walks. */
  walks: Map<string, { next: number; number: number }>;
  sync(device: SimDevice): Promise<unknown>;
}

const WALK_START = Date.UTC(2026, 10, 25, 10, 0, 0);

/** Fix i of walk number k: about 16.7 m north every 12 s, accuracy 4 m (80 m when `poor`). */
function walkFix(k: number, i: number, poor = false) {
  return {
    t: new Date(WALK_START + i * 12_000).toISOString(),
    lat: Number((51.3 + k * 0.01 + i * 0.00015).toFixed(6)),
    lon: 6.56,
    accuracy: poor ? 80 : 4,
  };
}

/** The device's entries of its own people, by id (calls, advice sessions, walks, observations). */
export async function ownEntries(device: SimDevice): Promise<Entry[]> {
  return (await device.db.entries.toArray())
    .filter((entry) => device.people.includes(entry.author))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The same edit of note and a number, as each kind has them. */
function edit(entry: Entry, note: string, minutes: number): ChangesOf<EntryKindName> {
  if (entry.kind === 'walk') return { note, participants: minutes % 50 };
  if (entry.kind === 'observation') return { note };
  return { note, durationMinutes: minutes };
}

export async function runOp(world: World, devices: SimDevice[], op: Op): Promise<void> {
  if (op.kind === 'assign') {
    const command = op.on ? 'assign-caller' : 'unassign-caller';
    const partnerId = world.partners[op.partner]!;
    await PARTNER_COMMANDS[command]!(
      world.server,
      world.quarter,
      { caller: [PEOPLE[op.person]!], positionals: [partnerId] },
      new Date(),
    );
    if (!op.on) world.unassigned.add(`${partnerId} ${world.people[op.person]}`);
    return;
  }
  const device = devices[op.device]!;
  const db = device.db;
  const chosen = 'person' in op ? device.people[op.person % device.people.length]! : undefined;
  const now = Date.now();
  switch (op.kind) {
    case 'create': {
      const values =
        op.entry === 'call'
          ? callValues(op.partner, { durationMinutes: op.minutes })
          : adviceValues({ note: op.partner, durationMinutes: op.minutes });
      const saved = await saveEntry(db, op.entry, values as never, { author: chosen!, now });
      world.created.set(saved.id, op.entry);
      return;
    }
    case 'update':
    case 'delete': {
      const entries = await ownEntries(device);
      const target = entries[op.pick % Math.max(1, entries.length)];
      if (!target) return;
      const options = { author: target.author, now };
      if (op.kind === 'update') {
        await updateEntry(db, target.kind, target.id, edit(target, op.note, op.minutes), options);
        return;
      }
      if (target.kind === 'walk') {
        for (const entry of entries) {
          if (entry.kind === 'observation' && entry.walkId === target.id) {
            world.deleted.add(entry.id);
          }
        }
      }
      await deleteEntry(db, target.id, options);
      world.deleted.add(target.id);
      return;
    }
    case 'sync':
      await world.sync(device);
      return;
    case 'reload':
      // A reload (or a killed tab): the next code runs on a fresh connection to the same data.
      device.db.close();
      device.db = new QuartiersbuchDb(device.name);
      return;
    case 'walkStart': {
      if (await activeRecording(db, chosen!)) return;
      const walkId = await startWalk(db, { author: chosen!, now });
      world.created.set(walkId, 'walk');
      world.walks.set(walkId, { next: 0, number: world.walks.size });
      return;
    }
    case 'walkFixes':
      for (const recording of await db.recordings.toArray()) {
        const walk = world.walks.get(recording.walkId)!;
        if (op.pause) {
          await pauseWalk(db, recording.walkId, { now });
          await resumeWalk(db, recording.walkId, { now: now + 1 });
        }
        if (op.gap) await markGap(db, recording.walkId);
        for (let i = 0; i < op.count; i += 1) {
          if (op.poor && i === 0)
            await recordFix(db, recording.walkId, walkFix(walk.number, walk.next, true));
          await recordFix(db, recording.walkId, walkFix(walk.number, walk.next));
          walk.next += 1;
        }
      }
      return;
    case 'walkStop':
      await stopRecordings(device, op.participants);
      return;
    case 'observe': {
      const walks = (await ownEntries(device)).filter((entry) => entry.kind === 'walk');
      const walk = walks[op.pick % Math.max(1, walks.length)];
      if (!walk) return;
      const id = await addObservation(db, {
        walkId: walk.id,
        category: op.category,
        position: { lat: 51.3, lon: 6.56, accuracy: 8 },
        note: op.note,
        author: walk.author,
        now,
      });
      world.created.set(id, 'observation');
      world.walkOfObservation.set(id, walk.id);
      return;
    }
    case 'partnerCall': {
      const cards = await readPartners(db, chosen!, new Date(now));
      const card = cards[op.pick % Math.max(1, cards.length)];
      if (!card) return;
      const id = await logPartnerCall(db, {
        partnerId: card.partner.id,
        reached: op.reached,
        author: chosen!,
        now,
      });
      world.created.set(id, 'call');
      world.partnerOfCall.set(id, card.partner.id);
      return;
    }
    case 'partnerEdit': {
      for (const person of device.people) {
        const cards = await readPartners(db, person, new Date(now));
        const card = cards[op.pick % Math.max(1, cards.length)];
        if (!card) continue;
        await updateEntry(
          db,
          'partner',
          card.partner.id,
          { note: op.note },
          { author: person, now },
        );
        return;
      }
      return;
    }
  }
}

/** Stops every walk recorded on the device, as its guide. */
export async function stopRecordings(device: SimDevice, participants = 0): Promise<void> {
  for (const recording of await device.db.recordings.toArray()) {
    await stopWalk(device.db, recording.walkId, {
      author: recording.author,
      now: Date.now(),
      details: { participants },
    });
  }
}
