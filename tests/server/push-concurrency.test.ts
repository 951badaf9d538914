// Concurrent pushes (G2, G4). On PostgreSQL, two devices' push transactions overlap: the second
// must not take a version until the first commits, so a device pulling in between and after
// sees every call (none skipped because its version was below a cookie already handed out).
// On both dialects, the same push arriving twice or five times at once — duplicated by the
// fault proxy, or held inside its transaction while its copy arrives — applies once.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../../server/repos/user.repo';
import { applyMutation, type ApplyMutation } from '../../server/sync/mutation.registry';
import type { PullResponse } from '../../src/shared/protocol';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { postgresAvailable } from '../support/requirements';
import { QUARTER } from './support/fixtures';
import { enrolDevice, sessionHeaders, type EnrolledTestDevice } from './support/identity-fixtures';
import { pullAs } from './support/pull-fixtures';
import { callArgs, callCreate } from './support/entry-mutations';
import { storedLastSeq, storedLog, signInOn } from './support/push-fixtures';
import { storedEntryIds } from './support/stored-entries';
import { buildTestApp } from './support/test-app';
import { waitForLockWait } from '../support/wait-until';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const pgAvailable = await postgresAvailable();

/** A promise with its resolve, to hold a push inside its transaction until the test says so. */
function gate() {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/**
 * A push hook that holds the first mutation that `matches` (inside its push transaction) until
 * `release`; `reached` says it got there. Everything else goes on to `next`.
 */
function holdOnce(
  matches: (clientId: string, seq: number) => boolean,
  next: ApplyMutation = applyMutation,
) {
  const held = gate();
  const reached = gate();
  let used = false;
  const hook: ApplyMutation = async (w, mutation, source) => {
    if (!used && matches(source.clientId, mutation.seq)) {
      used = true;
      reached.open();
      await held.opened;
    }
    return next(w, mutation, source);
  };
  return { hook, reached: reached.opened, release: held.open };
}

function pushBody(clientId: string, author: string, ids: string[], firstSeq = 1) {
  return {
    clientId,
    appVersion: '0.1.0',
    mutations: ids.map((id, i) => callCreate(firstSeq + i, author, callArgs(id))),
  };
}

const idsOf = (response: PullResponse) => response.changes.calls.map((call) => call.id).sort();

describe.skipIf(!pgAvailable)('overlapping pushes of two devices [postgres]', () => {
  const fresh = useFreshDatabase('postgres');
  let app: FastifyInstance;
  let hook: ApplyMutation;
  let a: EnrolledTestDevice;
  let b: EnrolledTestDevice;
  let reader: EnrolledTestDevice;
  let erika: string;
  let hans: string;

  beforeEach(async () => {
    hook = applyMutation;
    ({ app } = await buildTestApp(
      fresh().db,
      {},
      {},
      { applyMutation: (...args) => hook(...args) },
    ));
    a = await enrolDevice(app, fresh().db);
    b = await enrolDevice(app, fresh().db);
    reader = await enrolDevice(app, fresh().db, QUARTER, 'Büro');
    erika = await person('Erika', '5826');
    hans = await person('Hans', '6293');
    // Each writes on their own device; the reading device shows both people's calls.
    await signInOn(app, a.authorization, 'Erika', '5826');
    await signInOn(app, b.authorization, 'Hans', '6293');
    await signInOn(app, reader.authorization, 'Erika', '5826');
    await signInOn(app, reader.authorization, 'Hans', '6293');
  });

  async function person(name: string, pin: string): Promise<string> {
    const user = await createUser(fresh().db, {
      quarterId: QUARTER.id,
      name,
      role: 'volunteer',
      pin,
    });
    if (!user) throw new Error(`could not create ${name}`);
    return user.id;
  }

  const push = (device: EnrolledTestDevice, body: ReturnType<typeof pushBody>) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/push',
      headers: { authorization: device.authorization, ...sessionHeaders(device.authorization) },
      payload: body,
    });
  const pull = (cookie?: string) =>
    pullAs(app, reader.authorization, cookie === undefined ? {} : { cookie });

  it('the second writer waits for the first; a pull between and after misses nothing', async () => {
    const second = holdOnce((clientId) => clientId === 'client-b');
    const first = holdOnce((clientId) => clientId === 'client-a', second.hook);
    hook = first.hook;
    const start = await pull();
    expect(start.changes.calls).toEqual([]);

    // A takes the next version and stays inside its transaction.
    const pushA = push(a, pushBody('client-a', erika, ['a-1', 'a-2', 'a-3']));
    await first.reached;
    let secondReachedEarly = false;
    void second.reached.then(() => (secondReachedEarly = true));
    const pushB = push(b, pushBody('client-b', hans, ['b-1', 'b-2']));
    // B waits for A's lock on the quarter's counter: it has no version yet.
    await waitForLockWait(fresh().db);
    expect(secondReachedEarly).toBe(false);

    const during = await pull(start.cookie);
    expect(during.head).toBe(start.head);
    expect(idsOf(during)).toEqual([]);

    first.release();
    await second.reached; // A committed; B now holds the next version, uncommitted.
    const between = await pull(start.cookie);
    expect(between.head).toBe(start.head + 1);
    expect(idsOf(between)).toEqual(['a-1', 'a-2', 'a-3']);

    second.release();
    expect([(await pushA).statusCode, (await pushB).statusCode]).toEqual([200, 200]);
    const after = await pull(between.cookie);
    expect(after.head).toBe(start.head + 2);
    expect(idsOf(after)).toEqual(['b-1', 'b-2']);

    // The replica built from the three pulls holds everything a fresh pull holds.
    const replica = [...idsOf(between), ...idsOf(after)].sort();
    expect(replica).toEqual(idsOf(await pull()));
    expect(replica).toEqual(['a-1', 'a-2', 'a-3', 'b-1', 'b-2']);
  });
});

describeEachDialect('the same push at once', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let url: string;
  let proxy: FaultProxy | undefined;
  let hook: ApplyMutation;
  let device: EnrolledTestDevice;
  let author: string;

  beforeEach(async () => {
    hook = applyMutation;
    ({ app } = await buildTestApp(
      fresh().db,
      {},
      {},
      { applyMutation: (...args) => hook(...args) },
    ));
    device = await enrolDevice(app, fresh().db);
    const user = await createUser(fresh().db, {
      quarterId: QUARTER.id,
      name: 'Erika',
      role: 'volunteer',
      pin: '5826',
    });
    author = user?.id ?? '';
    await signInOn(app, device.authorization, 'Erika', '5826');
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
    await app.close();
  });

  const ids = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => `call-${from + i}`);

  async function postPush(baseUrl: string, body: ReturnType<typeof pushBody>) {
    const response = await fetch(`${baseUrl}/api/v1/push`, {
      method: 'POST',
      headers: {
        authorization: device.authorization,
        'content-type': 'application/json',
        ...sessionHeaders(device.authorization),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  async function expectAppliedOnce(lastSeq: number) {
    expect(await storedEntryIds(fresh().db)).toEqual(ids(1, lastSeq).sort());
    expect(await storedLastSeq(fresh().db, 'client-a')).toBe(lastSeq);
    const log = await storedLog(fresh().db, 'client-a');
    expect(log.map((row) => row.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
  }

  it('a push duplicated on the way (fault proxy) applies once, first push and later', async () => {
    proxy = await startFaultProxy(url, { queue: [{ kind: 'duplicate' }, { kind: 'duplicate' }] });
    const first = await postPush(proxy.url, pushBody('client-a', author, ids(1, 200)));
    expect(first).toEqual({
      status: 200,
      body: { lastSeq: 200, rejected: [], updateAdvised: false },
    });
    const later = await postPush(proxy.url, pushBody('client-a', author, ids(201, 250), 201));
    expect(later.body).toEqual({ lastSeq: 250, rejected: [], updateAdvised: false });
    expect(proxy.forwarded).toBe(4);
    await expectAppliedOnce(250);
  });

  it('a copy arriving while the first is inside its transaction is answered alike, without effect', async () => {
    const held = holdOnce((_, seq) => seq === 1);
    hook = held.hook;
    const body = pushBody('client-a', author, ids(1, 200));
    const original = postPush(url, body);
    await held.reached;
    const copyArrived = new Promise((resolve) => app.server.once('request', resolve));
    const copy = postPush(url, body);
    // PostgreSQL: the copy waits for the quarter's lock. SQLite: for the one connection, which
    // the held transaction has, so once it has arrived it can only go on after the release.
    if (dialect === 'postgres') await waitForLockWait(fresh().db);
    else await copyArrived;
    held.release();
    const [first, second] = await Promise.all([original, copy]);
    expect(first).toEqual({
      status: 200,
      body: { lastSeq: 200, rejected: [], updateAdvised: false },
    });
    expect(second).toEqual(first);
    await expectAppliedOnce(200);
  });

  it('five copies of a new client’s first push at once: one set of rows, five equal answers', async () => {
    const body = pushBody('client-a', author, ids(1, 200));
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => postPush(url, body)));
    for (const answer of answers) {
      expect(answer).toEqual({
        status: 200,
        body: { lastSeq: 200, rejected: [], updateAdvised: false },
      });
    }
    await expectAppliedOnce(200);
  });
});
