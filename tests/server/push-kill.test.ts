// G2 across a crash: the real server (server/main.ts as a child process) is killed with SIGKILL
// while a push of 200 calls is in flight — right after the request went out, while the push
// transaction is open, right after it committed, and at seeded random moments — then started
// again on the same database. Before the retry, the database holds all of the batch or none of
// it; after the retry of the same push, every call exists once, last_seq is 200, the mutation
// log has 200 rows, and SQLite passes its integrity check. On SQLite and PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../../server/config';
import { openDatabase, type DialectName } from '../../server/db/database';
import type { Database } from '../../server/db/tables';
import { createEnrolmentCode } from '../../server/repos/enrolment-code.repo';
import { createQuarter } from '../../server/repos/quarter.repo';
import { createUser } from '../../server/repos/user.repo';
import {
  deviceAuthorization,
  PERSON_SESSIONS_HEADER,
  type EnrolResponse,
} from '../../src/shared/identity';
import { seededRandom } from '../support/fault-proxy';
import { QUARTER } from './support/fixtures';
import { callArgs, callCreate } from './support/entry-mutations';
import { storedLastSeq } from './support/push-fixtures';
import { bundled } from './support/server-process';
import { describeEachDialect, useFreshDatabase } from './support/test-database';
import { waitUntil } from '../support/wait-until';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BATCH = 200;
const KILL_TEST_TIMEOUT_MS = 90_000;

interface KillableServer {
  url: string;
  /** SIGKILL: no shutdown handler runs, nothing is flushed or rolled back by the process. */
  kill(): Promise<void>;
  /** SIGTERM, the clean shutdown; resolves with the exit code. */
  stop(): Promise<number | null>;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * server/main.ts, bundled as tests/server/support/server-process.ts starts it, but with a
 * handle to SIGKILL it (that helper only offers SIGTERM).
 */
async function startKillable(env: Record<string, string>): Promise<KillableServer> {
  const child = spawn(process.execPath, [await bundled('server/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve((clearTimeout(timer), match[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  }).catch((error: unknown) => {
    child.kill('SIGKILL'); // a server that never said it listens must not outlive the test
    throw error;
  });
  const signal = (name: NodeJS.Signals) => {
    const done = exited(child);
    child.kill(name);
    return done;
  };
  return { url, kill: async () => void (await signal('SIGKILL')), stop: () => signal('SIGTERM') };
}

interface Device {
  /** Authorization, the author's person session, content type: what a push sends. */
  headers: Record<string, string>;
  /** The user id the calls are made by. */
  author: string;
}

/** What the client saw of its push: the status, or how the connection broke. */
type PushOutcome = { status: number } | { error: string };

/**
 * Sends the push over plain HTTP and calls `onSent` once the request's bytes are handed to the
 * socket; resolves with whatever the client gets (usually a broken connection).
 */
function sendPush(
  url: string,
  headers: Record<string, string>,
  body: string,
  onSent: () => void,
): Promise<PushOutcome> {
  return new Promise((resolve) => {
    const request = http.request(`${url}/api/v1/push`, {
      method: 'POST',
      agent: false,
      headers,
    });
    request.once('finish', onSent);
    request.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message }),
    );
    request.once('response', (response) => {
      response.resume();
      response.once('end', () => resolve({ status: response.statusCode ?? 0 }));
      response.once('error', () => resolve({ error: 'body cut off' }));
    });
    request.end(body);
  });
}

describeEachDialect('push survives SIGKILL of the server', (dialect: DialectName) => {
  const fresh = useFreshDatabase(dialect, { migrate: false });
  let dataDir: string;
  let env: Record<string, string>;
  let db: Kysely<Database> | undefined;
  let running: KillableServer | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'qb-kill-'));
    const base = { DATA_DIR: dataDir, DEMO_DATA: 'off', STATIC_DIR: join(dataDir, 'no-build') };
    const config = fresh().config;
    env = config.kind === 'postgres' ? { ...base, DATABASE_URL: config.url } : base;
  });
  afterEach(async () => {
    await running?.kill();
    running = undefined;
    if (dialect === 'sqlite') await db?.destroy();
    db = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const sqliteFile = () => join(dataDir, SQLITE_FILE_NAME);
  const database = () => {
    if (!db) throw new Error('start the server first');
    return db;
  };

  async function start(): Promise<KillableServer> {
    running = await startKillable(env);
    // The server migrates on start; the test reads and writes the same database beside it.
    db ??=
      dialect === 'postgres' ? fresh().db : openDatabase({ kind: 'sqlite', file: sqliteFile() });
    return running;
  }

  /** Starts the server, then enrols a device over HTTP and adds the person who makes the calls. */
  async function startAndEnrol(): Promise<Device> {
    const server = await start();
    await createQuarter(database(), QUARTER);
    const { code } = await createEnrolmentCode(database(), QUARTER.id);
    const response = await fetch(`${server.url}/api/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, label: 'Tablet' }),
    });
    expect(response.status).toBe(201);
    const enrolled = (await response.json()) as EnrolResponse;
    const authorization = deviceAuthorization(enrolled.deviceId, enrolled.credential);
    const user = await createUser(database(), {
      quarterId: QUARTER.id,
      name: 'Erika',
      role: 'volunteer',
      pin: '5826',
    });
    // One authenticated request first (the sign-in): it records "last seen", so the push
    // request itself writes nothing before its transaction (the SQLite probe below looks for a
    // held lock).
    const signIn = await fetch(`${server.url}/api/v1/device/sign-in`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Erika', pin: '5826' }),
    });
    expect(signIn.status).toBe(200);
    const { session } = (await signIn.json()) as { session: string };
    const headers = {
      authorization,
      [PERSON_SESSIONS_HEADER]: session,
      'content-type': 'application/json',
    };
    return { headers, author: user?.id ?? '' };
  }

  /** Seqs 1..BATCH of client `clientId`, creating calls `<clientId>-1` … `<clientId>-200`. */
  function pushBody(clientId: string, author: string): string {
    const mutations = Array.from({ length: BATCH }, (_, i) =>
      callCreate(i + 1, author, callArgs(`${clientId}-${i + 1}`)),
    );
    return JSON.stringify({ clientId, appVersion: '0.1.0', mutations });
  }

  const countOf = async (table: 'entries' | 'mutation_log', clientId: string) => {
    const rows =
      table === 'entries'
        ? await database()
            .selectFrom('entries')
            .select('id')
            .where('id', 'like', `${clientId}-%`)
            .execute()
        : await database()
            .selectFrom('mutation_log')
            .select('seq')
            .where('client_id', '=', clientId)
            .execute();
    return rows.length;
  };

  /** Is a write transaction open right now (not our own)? */
  async function writerHoldsLock(): Promise<boolean> {
    if (dialect === 'postgres') {
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from pg_locks
        where relation = 'entries'::regclass and pid <> pg_backend_pid()`.execute(database());
      return Number(rows[0]?.n) > 0;
    }
    const probe = new SqliteDatabase(sqliteFile(), { timeout: 0 });
    try {
      probe.exec('begin immediate');
      probe.exec('rollback');
      return false;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      return true;
    } finally {
      probe.close();
    }
  }

  /** Twice in a row: the short "last seen" UPDATE must not pass for the push transaction. */
  async function pushTransactionOpen(): Promise<boolean> {
    if (!(await writerHoldsLock())) return false;
    await new Promise((resolve) => setTimeout(resolve, 2));
    return writerHoldsLock();
  }

  /**
   * Kills the running server at the moment `killWhen` picks, restarts it, checks the batch
   * applied all-or-nothing, retries the same push and checks it applied exactly once. Returns
   * how many calls had committed before the retry.
   */
  async function killRestartRetry(
    device: Device,
    clientId: string,
    killWhen: (sent: Promise<void>) => Promise<void>,
  ): Promise<number> {
    const server = running ?? (await start());
    const body = pushBody(clientId, device.author);
    let markSent = () => undefined as void;
    const sent = new Promise<void>((resolve) => (markSent = resolve));
    const outcome = sendPush(server.url, device.headers, body, markSent);
    await killWhen(sent);
    await server.kill();
    running = undefined;
    await outcome;

    const before = await countOf('entries', clientId);
    expect([0, BATCH]).toContain(before);
    expect(await countOf('mutation_log', clientId)).toBe(before);
    expect((await storedLastSeq(database(), clientId)) ?? 0).toBe(before);

    const again = await start();
    const retried = await fetch(`${again.url}/api/v1/push`, {
      method: 'POST',
      headers: device.headers,
      body,
    });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ lastSeq: BATCH, rejected: [], updateAdvised: false });
    await expectAppliedOnce(clientId);
    return before;
  }

  /** How long one push of the batch takes here, from sending to the answer. */
  async function timePush(device: Device): Promise<number> {
    const server = running ?? (await start());
    const started = performance.now();
    const response = await fetch(`${server.url}/api/v1/push`, {
      method: 'POST',
      headers: device.headers,
      body: pushBody('calibration', device.author),
    });
    expect(response.status).toBe(200);
    return performance.now() - started;
  }

  async function expectAppliedOnce(clientId: string): Promise<void> {
    const calls = await database()
      .selectFrom('entries')
      .select(['id', 'version'])
      .where('id', 'like', `${clientId}-%`)
      .execute();
    expect(calls).toHaveLength(BATCH);
    expect(new Set(calls.map((call) => call.id)).size).toBe(BATCH);
    // One push transaction wrote them all: one version.
    expect(new Set(calls.map((call) => call.version)).size).toBe(1);
    expect(await storedLastSeq(database(), clientId)).toBe(BATCH);
    const log = await database()
      .selectFrom('mutation_log')
      .select(['seq', 'status'])
      .where('client_id', '=', clientId)
      .orderBy('seq')
      .execute();
    expect(log.map((row) => row.seq)).toEqual(Array.from({ length: BATCH }, (_, i) => i + 1));
    expect(log.every((row) => row.status === 'applied')).toBe(true);
  }

  /** SQLite's own checks of the file after the crashes (PostgreSQL has no such pragma). */
  async function expectIntact(): Promise<void> {
    if (dialect !== 'sqlite') return;
    const integrity = await sql`pragma integrity_check`.execute(database());
    expect(integrity.rows).toEqual([{ integrity_check: 'ok' }]);
    const foreignKeys = await sql`pragma foreign_key_check`.execute(database());
    expect(foreignKeys.rows).toEqual([]);
  }

  it(
    'killed right after the request bytes went out',
    async () => {
      await killRestartRetry(await startAndEnrol(), 'sent', (sent) => sent);
      await expectIntact();
      // The restarted server still shuts down cleanly.
      expect(await running?.stop()).toBe(0);
      running = undefined;
    },
    KILL_TEST_TIMEOUT_MS,
  );

  it(
    'killed while the push transaction is open: nothing of the batch remains',
    async () => {
      const before = await killRestartRetry(await startAndEnrol(), 'open', () =>
        waitUntil('the push transaction', pushTransactionOpen, 20_000, 1),
      );
      expect(before).toBe(0);
      await expectIntact();
    },
    KILL_TEST_TIMEOUT_MS,
  );

  it(
    'killed right after the push committed: the retry is acknowledged without a second effect',
    async () => {
      const before = await killRestartRetry(await startAndEnrol(), 'committed', () =>
        waitUntil(
          'the commit',
          async () => (await countOf('entries', 'committed')) === BATCH,
          20_000,
          1,
        ),
      );
      expect(before).toBe(BATCH);
      await expectIntact();
    },
    KILL_TEST_TIMEOUT_MS,
  );

  it(
    'killed at seeded random moments, four times on one database',
    async () => {
      const device = await startAndEnrol();
      // Not a measurement: only to spread the kill moments over the whole push, before and
      // after its commit, whatever this machine's speed.
      const pushMs = await timePush(device);
      const random = seededRandom(20261125);
      for (const round of [1, 2, 3, 4]) {
        const delayMs = Math.floor(random() * 3 * pushMs);
        // All or nothing before the retry, exactly once after it (checked inside).
        await killRestartRetry(device, `random${round}`, async (sent) => {
          await sent;
          await new Promise((resolve) => setTimeout(resolve, delayMs));
        });
      }
      await expectIntact();
    },
    KILL_TEST_TIMEOUT_MS,
  );
});
