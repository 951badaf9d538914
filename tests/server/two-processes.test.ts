// Two real server processes (server/main.ts) on one database, as several instances behind a
// load balancer share one PostgreSQL (issue 7): the same push batch sent to both at once applies
// once, and the per-person sign-in limit lives in the database, so failures alternated between
// the processes — or fired at both at once — still delay and then lock the person after the
// set number. Also on SQLite (two processes on one file), which the server supports as well.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../../server/config';
import { openDatabase, type DialectName } from '../../server/db/database';
import type { Database } from '../../server/db/tables';
import { createEnrolmentCode } from '../../server/repos/enrolment-code.repo';
import { createQuarter } from '../../server/repos/quarter.repo';
import { SIGN_IN_LOCK_AFTER } from '../../server/repos/sign-in-guard.repo';
import { createUser } from '../../server/repos/user.repo';
import {
  deviceAuthorization,
  PERSON_SESSIONS_HEADER,
  type EnrolResponse,
  type SignInResponse,
} from '../../src/shared/identity';
import { QUARTER } from './support/fixtures';
import { callArgs, callCreate } from './support/entry-mutations';
import { storedLastSeq } from './support/push-fixtures';
import { startServer, type RunningServer } from './support/server-process';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const TIMEOUT_MS = 120_000;
const PIN = '4711';

describeEachDialect('two server processes on one database', (dialect: DialectName) => {
  const fresh = useFreshDatabase(dialect, { migrate: false });
  let dataDir: string;
  let servers: RunningServer[] = [];
  let db: Kysely<Database> | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'qb-two-'));
  });
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    servers = [];
    if (dialect === 'sqlite') await db?.destroy();
    db = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const database = () => {
    if (!db) throw new Error('start the servers first');
    return db;
  };

  /** Two processes, one after the other (each migrates on start), then the test's data. */
  async function startTwo(): Promise<[RunningServer, RunningServer]> {
    const base = { DATA_DIR: dataDir, DEMO_DATA: 'off', STATIC_DIR: join(dataDir, 'no-build') };
    const config = fresh().config;
    const env = config.kind === 'postgres' ? { ...base, DATABASE_URL: config.url } : base;
    const first = await startServer(env);
    servers.push(first);
    const second = await startServer(env);
    servers.push(second);
    db =
      dialect === 'postgres'
        ? fresh().db
        : openDatabase({ kind: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) });
    await createQuarter(database(), QUARTER);
    return [first, second];
  }

  /** A device enrolled through `server`, and Erika, who can sign in on it. */
  async function enrol(server: RunningServer): Promise<{ authorization: string; userId: string }> {
    const user = await createUser(database(), {
      quarterId: QUARTER.id,
      name: 'Erika M.',
      role: 'volunteer',
      pin: PIN,
    });
    const { code } = await createEnrolmentCode(database(), QUARTER.id);
    const response = await fetch(`${server.url}/api/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, label: 'Tablet' }),
    });
    expect(response.status).toBe(201);
    const enrolled = (await response.json()) as EnrolResponse;
    return {
      authorization: deviceAuthorization(enrolled.deviceId, enrolled.credential),
      userId: user?.id ?? '',
    };
  }

  function signIn(server: RunningServer, authorization: string, pin: string) {
    return fetch(`${server.url}/api/v1/device/sign-in`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Erika M.', pin }),
    });
  }

  it(
    'applies the same push batch sent to both processes at once exactly once',
    async () => {
      const [a, b] = await startTwo();
      const { authorization, userId } = await enrol(a);
      const signedIn = await signIn(b, authorization, PIN);
      expect(signedIn.status).toBe(200);
      const { session } = (await signedIn.json()) as SignInResponse;
      const headers = {
        authorization,
        [PERSON_SESSIONS_HEADER]: session,
        'content-type': 'application/json',
      };
      /** POST /push, again after a 503 (transient; nothing applied) as the device would. */
      const push = async (server: RunningServer, body: string): Promise<unknown> => {
        for (let attempt = 0; attempt < 5; attempt++) {
          const response = await fetch(`${server.url}/api/v1/push`, {
            method: 'POST',
            headers,
            body,
          });
          if (response.status !== 503) {
            expect(response.status).toBe(200);
            return response.json();
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error('push stayed unavailable');
      };

      const BATCH = 50;
      for (const round of [0, 1, 2]) {
        const mutations = Array.from({ length: BATCH }, (_, i) => {
          const seq = round * BATCH + i + 1;
          return callCreate(seq, userId, callArgs(`two-${seq}`));
        });
        const body = JSON.stringify({ clientId: 'c-two', appVersion: '0.1.0', mutations });
        const answers = await Promise.all([push(a, body), push(b, body)]);
        const lastSeq = (round + 1) * BATCH;
        for (const answer of answers) expect(answer).toMatchObject({ lastSeq, rejected: [] });
      }
      const calls = await database()
        .selectFrom('entries')
        .select('id')
        .where('id', 'like', 'two-%')
        .execute();
      expect(calls).toHaveLength(3 * BATCH);
      expect(new Set(calls.map((call) => call.id)).size).toBe(3 * BATCH);
      const log = await database()
        .selectFrom('mutation_log')
        .select('seq')
        .where('client_id', '=', 'c-two')
        .execute();
      expect(log).toHaveLength(3 * BATCH);
      expect(await storedLastSeq(database(), 'c-two')).toBe(3 * BATCH);
    },
    TIMEOUT_MS,
  );

  it(
    'locks a person after the set number of failures alternated between the processes',
    async () => {
      const [a, b] = await startTwo();
      const { authorization } = await enrol(a);
      /** Time passes: the running delay is over (the count stays). */
      const waitOutDelay = () =>
        database().updateTable('sign_in_guards').set({ blocked_until: null }).execute();

      let counted = 0;
      const statuses: number[] = [];
      for (let i = 0; counted < SIGN_IN_LOCK_AFTER; i++) {
        const server = i % 2 === 0 ? a : b;
        const response = await signIn(server, authorization, '0815');
        statuses.push(response.status);
        if (response.status === 401) counted++;
        else {
          // Whichever process is asked: from the 3rd failure on, the next one waits.
          expect(response.status).toBe(429);
          expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
          await waitOutDelay();
        }
        expect(i).toBeLessThan(30);
      }
      expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 429]);
      await waitOutDelay();
      // Locked on both processes, even with the right PIN.
      for (const server of [a, b]) {
        const locked = await signIn(server, authorization, PIN);
        expect(locked.status).toBe(423);
        expect(await locked.json()).toMatchObject({ error: 'account_locked' });
      }
      const row = await database().selectFrom('sign_in_guards').selectAll().executeTakeFirst();
      expect(row?.failed).toBe(SIGN_IN_LOCK_AFTER);
    },
    TIMEOUT_MS,
  );

  it(
    'lets a burst of guesses at both processes at once through only as far as the gate allows',
    async () => {
      const [a, b] = await startTwo();
      const { authorization } = await enrol(a);
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          signIn(i % 2 === 0 ? a : b, authorization, String(5000 + i)),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(3);
      expect(statuses.filter((status) => status === 429)).toHaveLength(5);
      const row = await database().selectFrom('sign_in_guards').selectAll().executeTakeFirst();
      expect(row?.failed).toBe(3);
    },
    TIMEOUT_MS,
  );
});
