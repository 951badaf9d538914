// Push under faults, on SQLite and PostgreSQL: the same batch twice at once, a transient error
// in the middle of a batch (injected through buildApp's push hooks), credentials that are
// missing or revoked, batches over the limits, garbage, and a client id of another device.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { revokeDevice } from '../../server/repos/device.repo';
import { findQuarter } from '../../server/repos/quarter.repo';
import { MutationRejection } from '../../server/sync/mutation-rejection';
import { applyMutation, type ApplyMutation } from '../../server/sync/mutation.registry';
import { PUSH_MAX_BYTES, PUSH_MAX_MUTATIONS } from '../../src/shared/push-protocol';
import { QUARTER } from './support/fixtures';
import { enrolDevice, OTHER_QUARTER } from './support/identity-fixtures';
import { callArgs, callCreate } from './support/entry-mutations';
import {
  pushAs,
  setUpPushDevice,
  storedLastSeq,
  storedLog,
  type PushSetup,
  signInOn,
} from './support/push-fixtures';
import { storedEntryIds } from './support/stored-entries';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const CLIENT = 'client-a';
const TOO_LARGE = {
  error: 'too_large',
  message: 'Zu viele Änderungen auf einmal. Bitte in kleineren Teilen senden.',
  maxMutations: PUSH_MAX_MUTATIONS,
  maxBytes: PUSH_MAX_BYTES,
};

describeEachDialect('push under faults', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let db: Kysely<Database>;
  /** Replaced by a test to inject a fault; the real applyMutation otherwise. */
  let apply: ApplyMutation;
  let app: FastifyInstance;
  let logs: string[];
  let setup: PushSetup;

  beforeEach(async () => {
    db = fresh().db;
    apply = applyMutation;
    ({ app, logs } = await buildTestApp(
      db,
      {},
      {},
      { applyMutation: (...args) => apply(...args) },
    ));
    setup = await setUpPushDevice(app, db);
  });

  const calls = (...seqs: number[]) => seqs.map((seq) => callCreate(seq, setup.authorId));
  const push = (mutations: unknown[], authorization = setup.device.authorization) =>
    pushAs(app, authorization, { clientId: CLIENT, mutations });

  // The client's row exists before the race (its first push went through): an INSERT of a new
  // row would make the second push wait anyway, an existing row needs the lock.
  it('applies the same batch sent twice at once exactly once; both get the same answer', async () => {
    expect((await push(calls(1))).statusCode).toBe(200);
    const batch = calls(1, 2, 3, 4);
    const [a, b] = await Promise.all([push(batch), push(batch)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(a.json()).toEqual({ lastSeq: 4, rejected: [], updateAdvised: false });
    expect(b.json()).toEqual(a.json());
    expect(await storedEntryIds(db)).toEqual(['call-1', 'call-2', 'call-3', 'call-4']);
    expect(await storedLog(db, CLIENT)).toHaveLength(4);
  });

  it('serialises overlapping batches of one client: each seq is done once', async () => {
    expect((await push(calls(1))).statusCode).toBe(200);
    const results = await Promise.all([push(calls(2, 3)), push(calls(2, 3, 4)), push(calls(2))]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(await storedLastSeq(db, CLIENT)).toBe(4);
    expect(await storedEntryIds(db)).toEqual(['call-1', 'call-2', 'call-3', 'call-4']);
    expect((await storedLog(db, CLIENT)).map((row) => row.seq)).toEqual([1, 2, 3, 4]);
  });

  it('lets two first pushes of a new client race: one set of rows', async () => {
    const batch = calls(1, 2);
    const [a, b] = await Promise.all([push(batch), push(batch)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(b.json()).toEqual(a.json());
    expect(await storedEntryIds(db)).toEqual(['call-1', 'call-2']);
  });

  it('rolls back the whole batch on a transient error (503, Retry-After), then a retry applies it', async () => {
    expect((await push(calls(1))).statusCode).toBe(200);
    const version = (await findQuarter(db, QUARTER.id))?.version;
    // seq 2 applies, then seq 3 meets a dropped database connection.
    apply = async (w, mutation, source) => {
      if (mutation.seq === 3)
        throw Object.assign(new Error('Connection terminated'), { code: 'ECONNRESET' });
      return applyMutation(w, mutation, source);
    };
    const failed = await push(calls(2, 3, 4));
    expect(failed.statusCode).toBe(503);
    expect(failed.headers['retry-after']).toBe('5');
    expect(failed.json()).toEqual({
      error: 'unavailable',
      message:
        'Der Server ist gerade nicht bereit. Die Änderungen bleiben auf dem Gerät und werden gleich erneut gesendet.',
    });
    // The log says what kind of failure it was, never the database's text (it can quote values).
    expect(logs.join('\n')).toContain('"cause":{"name":"Error","code":"ECONNRESET"}');
    expect(logs.join('\n')).not.toContain('Connection terminated');
    expect(await storedEntryIds(db)).toEqual(['call-1']);
    expect(await storedLastSeq(db, CLIENT)).toBe(1);
    expect(await storedLog(db, CLIENT)).toHaveLength(1);
    expect((await findQuarter(db, QUARTER.id))?.version).toBe(version);

    apply = applyMutation;
    const retried = await push(calls(2, 3, 4));
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toEqual({ lastSeq: 4, rejected: [], updateAdvised: false });
    expect(await storedEntryIds(db)).toEqual(['call-1', 'call-2', 'call-3', 'call-4']);
  });

  it('undoes the writes of a mutation rejected after it wrote (savepoint), and only those', async () => {
    // A rejection that comes after the write, as a later mutation kind may have.
    apply = async (w, mutation, source) => {
      await applyMutation(w, mutation, source);
      if (mutation.seq === 2) throw new MutationRejection('invalid_args', 'Zu spät erkannt.');
    };
    const response = await push(calls(1, 2, 3));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      lastSeq: 3,
      rejected: [{ seq: 2, code: 'invalid_args', message: 'Zu spät erkannt.' }],
      updateAdvised: false,
    });
    expect(await storedEntryIds(db)).toEqual(['call-1', 'call-3']);
  });

  it('answers 401 without or with a revoked credential, and writes nothing', async () => {
    for (const authorization of [undefined, 'Bearer nonsense', `${setup.device.authorization}x`]) {
      const response = await pushAs(app, authorization, { clientId: CLIENT, mutations: calls(1) });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: 'unauthorized' });
    }
    await revokeDevice(db, setup.device.deviceId);
    const revoked = await push(calls(1));
    expect(revoked.statusCode).toBe(401);
    expect(revoked.headers['www-authenticate']).toBe('Bearer');
    expect(await storedEntryIds(db)).toEqual([]);
    expect(await storedLastSeq(db, CLIENT)).toBeUndefined();
  });

  it(`answers 413 with the limits for ${PUSH_MAX_MUTATIONS + 1} mutations, and writes nothing`, async () => {
    const seqs = Array.from({ length: PUSH_MAX_MUTATIONS + 1 }, (_, i) => i + 1);
    const response = await push(calls(...seqs));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual(TOO_LARGE);
    expect(await storedLastSeq(db, CLIENT)).toBeUndefined();
    // The halved batch goes through.
    const half = await push(calls(...seqs.slice(0, Math.ceil(seqs.length / 2))));
    expect(half.statusCode).toBe(200);
  });

  it('answers 413 with the limits for a body over PUSH_MAX_BYTES', async () => {
    // Ten mutations, but one huge args object: the byte cap holds whatever the count.
    const huge = { ...callArgs('c1'), padding: 'x'.repeat(PUSH_MAX_BYTES) };
    const mutations = [callCreate(1, setup.authorId, huge), ...calls(2, 3, 4, 5, 6, 7, 8, 9, 10)];
    const response = await push(mutations);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual(TOO_LARGE);
    expect(await storedEntryIds(db)).toEqual([]);
    expect(await storedLastSeq(db, CLIENT)).toBeUndefined();
  });

  it('answers 400 to garbage and writes nothing', async () => {
    const garbage = [
      pushAs(app, setup.device.authorization, '{"clientId": '),
      pushAs(app, setup.device.authorization, { clientId: '', mutations: [] }),
      pushAs(app, setup.device.authorization, { clientId: CLIENT, mutations: [{ seq: 0 }] }),
      pushAs(app, setup.device.authorization, { clientId: CLIENT, mutations: 'viele' }),
    ];
    for (const response of await Promise.all(garbage)) {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toEqual({
        error: expect.stringMatching(/^(bad_request|invalid_request)$/),
        message: expect.any(String),
      });
    }
    expect(await storedLastSeq(db, CLIENT)).toBeUndefined();
  });

  it('refuses a client id that belongs to another device (409 client_mismatch)', async () => {
    expect((await push(calls(1))).statusCode).toBe(200);
    const second = await enrolDevice(app, db);
    const response = await push(calls(2), second.authorization);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({
      error: 'client_mismatch',
      message: 'Diese App-Installation ist auf dem Server einem anderen Gerät zugeordnet.',
    });
    expect(await storedEntryIds(db)).toEqual(['call-1']);
    expect(await storedLastSeq(db, CLIENT)).toBe(1);
  });

  it('lets a device enrolled anew after a revocation continue its client id', async () => {
    expect((await push(calls(1))).statusCode).toBe(200);
    await revokeDevice(db, setup.device.deviceId);
    const again = await enrolDevice(app, db);
    await signInOn(app, again.authorization, 'Erika M.');
    const response = await push(calls(1, 2), again.authorization);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ lastSeq: 2, rejected: [], updateAdvised: false });
    expect(await storedEntryIds(db)).toEqual(['call-1', 'call-2']);
  });

  it('never hands a client id to a device of another quarter, revoked or not', async () => {
    expect((await push(calls(1))).statusCode).toBe(200);
    await revokeDevice(db, setup.device.deviceId);
    const elsewhere = await enrolDevice(app, db, OTHER_QUARTER);
    const response = await push(calls(2), elsewhere.authorization);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: 'client_mismatch' });
  });
});
