// A device (real client code on fake-indexeddb) and the real server app on a local port, on a
// fresh SQLite or PostgreSQL database per test. The device enrols and people sign in through
// the client's own functions (src/sync/identity.ts), exactly as the views do — online, or
// offline (`signInOffline`: the server unreachable, the PIN checked on the device).
import { RETENTION_DEFAULT_DAYS } from '../../src/shared/retention-defaults';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach } from 'vitest';
import type { Database } from '../../server/db/tables';
import { createEnrolmentCode } from '../../server/repos/enrolment-code.repo';
import { createQuarter } from '../../server/repos/quarter.repo';
import { createUser } from '../../server/repos/user.repo';
import { QuartiersbuchDb } from '../../src/db/db';
import { enrolDevice, signIn, type IdentityDeps } from '../../src/sync/identity-requests';
import { syncOnce } from '../../src/sync/sync-once';
import type { FetchLike } from '../../src/sync/transport';
import { QUARTER } from '../server/support/fixtures';
import { storedEntries } from '../server/support/stored-entries';
import { buildTestApp } from '../server/support/test-app';
import { useFreshDatabase } from '../server/support/test-database';
import type { DialectName } from '../../server/db/database';

export interface SyncWorld {
  server: Kysely<Database>;
  app: FastifyInstance;
  baseUrl: string;
  /** The first device, enrolled. Tests may open more with `openDevice`. */
  device: QuartiersbuchDb;
  /** A one-time enrolment code of the quarter. */
  newCode(): Promise<string>;
  /** Creates an active person with a PIN; returns their id. */
  person(name: string, pin?: string): Promise<string>;
  /** Client dependencies for a device, with an optional fetch in front of the network. */
  deps(device: QuartiersbuchDb, fetchImpl?: FetchLike): IdentityDeps;
  enrol(device: QuartiersbuchDb): Promise<void>;
  signIn(device: QuartiersbuchDb, name: string, pin?: string): Promise<string>;
  /** The same sign-in with the network down (every request fails like fetch does offline). */
  signInOffline(device: QuartiersbuchDb, name: string, pin?: string): Promise<string>;
  sync(device?: QuartiersbuchDb, fetchImpl?: FetchLike): ReturnType<typeof syncOnce>;
  /** A new database name (a new tab on the same name: `new QuartiersbuchDb(device.name)`). */
  openDevice(): QuartiersbuchDb;
  /** How often enrolment and sign-in asked for a sync round (`IdentityDeps.requestSync`). */
  syncRequests: number;
}

let n = 0;

export interface WorldOptions {
  quarter?: { id: string; name: string };
  /** Server data written before the quarter is created (e.g. the demo seed, which makes it). */
  seed?: (server: Kysely<Database>) => Promise<unknown>;
}

/**
 * The periods this world's server tells devices: the defaults, but routes kept for a century.
 * Tests here record walks on fixed days (2026-11-25) while devices use the real clock; with the
 * default 90 days every pull after February 2027 would drop those routes. Route retention on
 * devices has its own tests (route-retention.test.ts), with their own periods.
 */
const WORLD_RETENTION = { ...RETENTION_DEFAULT_DAYS, routes: 36_500 };

export function useSyncWorld(dialect: DialectName, options: WorldOptions = {}): () => SyncWorld {
  const quarter = options.quarter ?? QUARTER;
  const database = useFreshDatabase(dialect);
  let world: SyncWorld | undefined;
  const opened: QuartiersbuchDb[] = [];

  beforeEach(async () => {
    const server = database().db;
    await options.seed?.(server);
    await createQuarter(server, quarter);
    const { app } = await buildTestApp(server, {}, {}, {}, WORLD_RETENTION);
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const openDevice = () => {
      const device = new QuartiersbuchDb(`sync-world-${dialect}-${++n}`);
      opened.push(device);
      return device;
    };
    const deps = (device: QuartiersbuchDb, fetchImpl: FetchLike = fetch): IdentityDeps => ({
      db: device,
      fetch: fetchImpl,
      now: Date.now,
      baseUrl,
      requestSync: () => {
        created.syncRequests += 1;
      },
    });
    const newCode = async () => (await createEnrolmentCode(server, quarter.id)).code;
    const created: SyncWorld = {
      server,
      app,
      baseUrl,
      device: openDevice(),
      newCode,
      person: async (name, pin = '4711') => {
        const user = await createUser(server, {
          quarterId: quarter.id,
          name,
          role: 'volunteer',
          pin,
        });
        if (!user) throw new Error(`${name} exists`);
        return user.id;
      },
      deps,
      enrol: async (device) => void (await enrolDevice(await newCode(), 'Tablet', deps(device))),
      signIn: async (device, name, pin = '4711') => (await signIn(name, pin, deps(device))).userId,
      signInOffline: async (device, name, pin = '4711') =>
        (await signIn(name, pin, deps(device, offline))).userId,
      sync: (device = created.device, fetchImpl = fetch) => syncOnce(deps(device, fetchImpl)),
      openDevice,
      syncRequests: 0,
    };
    await created.enrol(created.device);
    world = created;
  });

  afterEach(async () => {
    await world?.app.close();
    for (const device of opened.splice(0)) await device.delete();
    world = undefined;
  });

  return () => {
    if (!world) throw new Error('useSyncWorld: only inside a test');
    return world;
  };
}

/** fetch with the network down: every request fails before it reaches the server. */
export const offline: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));

/** The server's live calls, by partner (the kind's fields spread out, as tests/server read them). */
export async function serverCalls(server: Kysely<Database>) {
  const calls = (await storedEntries(server, 'call')).filter((row) => row.deleted === 0);
  return calls
    .map((row) => ({
      id: row.id,
      partner: row.partner as string,
      note: row.note as string,
      author_user_id: row.author_user_id,
    }))
    .sort((a, b) => (a.partner < b.partner ? -1 : a.partner > b.partner ? 1 : 0));
}

/** Records every push request's seqs, then passes it on. */
export function recordPushes(inner: FetchLike = fetch) {
  const pushes: number[][] = [];
  const fetchImpl: FetchLike = async (input, init) => {
    if (input.endsWith('/push')) {
      const body = JSON.parse(String(init?.body)) as { mutations: { seq: number }[] };
      pushes.push(body.mutations.map((mutation) => mutation.seq));
    }
    return inner(input, init);
  };
  return { pushes, fetch: fetchImpl };
}
