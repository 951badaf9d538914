// Measure 5: bytes on the wire per entry. Push: the JSON request body per call.create mutation
// as the app writes it today (ids are UUIDs, a typical note), in a batch of 200 and alone.
// Devices send push bodies uncompressed (no request compression on the oldest browsers), so
// the raw figure is what travels; gzip is shown for comparison. Pull: what one call adds to a
// pull response (the response with 200 calls minus the same response without them, ÷ 200),
// raw and gzip (the server compresses responses; zlib's default level, as @fastify/compress).
// Sizes, not timings: they only change when the formats do.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { ValuesOf } from '../src/shared/entry-kinds';
import { currentVersion } from '../src/shared/push-protocol';
import type { PullResponse } from '../src/shared/protocol';
import type { PushServer } from './push-server';

const ENTRIES = 200;
const CLIENT_ID = 'bench-wire';

export interface Bytes {
  raw: number;
  gzip: number;
}

export interface WireSize {
  entries: number;
  pushPerEntry: Bytes;
  pushSingle: Bytes;
  /** Null while pull does not carry calls. */
  pullPerCall: Bytes | null;
}

/** call.create args as the app writes them today. */
type CallArgs = { id: string } & ValuesOf<'call'>;

const PARTNERS = ['Frau K.', 'Herr M.', 'Frau Öztürk', 'Herr T.', 'Frau B.', 'Ingrid', 'Herr Y.'];
const NOTES = [
  '',
  '',
  'Hat sich über den Anruf gefreut.',
  'Möchte nächste Woche zum Bewegungstreff mitkommen.',
  'Arzttermin am Donnerstag, fragt nach Begleitung.',
];
const ACTIVITIES = [
  null,
  { id: 'a1', name: 'Bewegungstreff', themeName: 'Fit fürs Alter' },
  { id: 'a7', name: 'Erzählcafé im Hansa Centrum', themeName: 'Miteinander im Quartier' },
];

/**
 * A call as a volunteer logs it; varied the way real entries vary, the same in every run (but
 * the id). Also the calls of the 10,000-entry pull (bench/demo-devices.ts).
 */
export function typicalCall(index: number): CallArgs {
  return {
    id: randomUUID(),
    occurredAt: new Date(Date.UTC(2026, 10, 2, 8) + index * 5_400_000).toISOString(),
    partner: PARTNERS[index % PARTNERS.length] ?? 'Frau K.',
    durationMinutes: 5 + ((index * 7) % 40),
    concern: index % 9 === 0,
    note: NOTES[index % NOTES.length] ?? '',
    activity: ACTIVITIES[index % ACTIVITIES.length] ?? null,
    reached: index % 6 !== 0,
    partnerId: null,
  };
}

const PLACES = ['shop', 'home', 'phone', 'shop', 'elsewhere'] as const;
const AGE_BANDS = ['70to79', '80to89', '60to69', 'unknown', '90plus'] as const;
const TOPICS = [
  { id: 'wohnen', name: 'Wohnen' },
  { id: 'geld-antraege', name: 'Geld und Anträge' },
  { id: 'pflege-gesundheit', name: 'Pflege und Gesundheit' },
];

/** An advice session as an adviser logs it, varied like `typicalCall` (bench/entry-screens.ts). */
export function typicalAdvice(index: number): { id: string } & ValuesOf<'advice'> {
  return {
    id: randomUUID(),
    occurredAt: new Date(Date.UTC(2026, 10, 2, 9) + index * 5_400_000).toISOString(),
    durationMinutes: 15 + ((index * 11) % 60),
    place: PLACES[index % PLACES.length] ?? 'shop',
    topics: TOPICS.slice(0, 1 + (index % TOPICS.length)),
    ageBand: AGE_BANDS[index % AGE_BANDS.length] ?? 'unknown',
    firstContact: index % 3 === 0,
    referral: index % 4 === 0 ? { id: 'i3', name: 'Pflegestützpunkt' } : null,
    followUp: index % 5 === 0 ? '2026-12-14' : null,
    concern: index % 11 === 0,
    note: NOTES[index % NOTES.length] ?? '',
  };
}

function pushBody(author: string, calls: CallArgs[], firstSeq: number): string {
  const v = currentVersion('call', 'create');
  const mutations = calls.map((args, i) => ({
    seq: firstSeq + i,
    name: 'call.create',
    v,
    author,
    args,
  }));
  return JSON.stringify({ clientId: CLIENT_ID, appVersion: '0.1.0', mutations });
}

const sizeOf = (text: string): Bytes => ({
  raw: Buffer.byteLength(text),
  gzip: gzipSync(text).length,
});
const perEntry = (bytes: Bytes, count: number): Bytes => ({
  raw: bytes.raw / count,
  gzip: bytes.gzip / count,
});

async function pull(server: PushServer): Promise<PullResponse> {
  const response = await fetch(`${server.url}/api/v1/pull`, {
    headers: server.headers,
  });
  if (!response.ok) throw new Error(`GET /api/v1/pull answered ${response.status}`);
  return (await response.json()) as PullResponse;
}

/** Pushes ENTRIES typical calls into `server` (a fresh one: they are its only calls). */
export async function measureWireSize(server: PushServer): Promise<WireSize> {
  const calls = Array.from({ length: ENTRIES }, (_, index) => typicalCall(index));
  const body = pushBody(server.authorId, calls, 1);
  const response = await fetch(`${server.url}/api/v1/push`, {
    method: 'POST',
    headers: { ...server.headers, 'content-type': 'application/json' },
    body,
  });
  if (response.status !== 200) throw new Error(`push answered ${response.status}`);
  const single = pushBody(server.authorId, calls.slice(0, 1), 1);
  const pulled = await pull(server);
  const count = pulled.changes.calls?.length ?? 0;
  const withoutCalls = { ...pulled, changes: { ...pulled.changes, calls: [] } };
  const marginal = (a: Bytes, b: Bytes) => ({ raw: a.raw - b.raw, gzip: a.gzip - b.gzip });
  return {
    entries: ENTRIES,
    pushPerEntry: perEntry(sizeOf(body), ENTRIES),
    pushSingle: sizeOf(single),
    pullPerCall:
      count === ENTRIES
        ? perEntry(
            marginal(sizeOf(JSON.stringify(pulled)), sizeOf(JSON.stringify(withoutCalls))),
            count,
          )
        : null,
  };
}
