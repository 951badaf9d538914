// POST /api/v1/push through the real app, on SQLite and PostgreSQL: exactly once per
// (clientId, seq) (G2), in order with gaps refused (G3), one bad mutation never blocks the rest
// (G7), old apps still deliver (G10).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { findQuarter } from '../../server/repos/quarter.repo';
import { pushResponseSchema, seqGapResponseSchema } from '../../src/shared/push-protocol';
import { callArgs, callCreate } from './support/entry-mutations';
import {
  pushAs,
  setUpPushDevice,
  storedLastSeq,
  storedLog,
  type PushSetup,
} from './support/push-fixtures';
import { storedEntries, storedEntryIds } from './support/stored-entries';
import { QUARTER } from './support/fixtures';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const CLIENT = 'client-a';

describeEachDialect('push', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let db: Kysely<Database>;
  let setup: PushSetup;

  beforeEach(async () => {
    db = fresh().db;
    app = (await buildTestApp(db)).app;
    setup = await setUpPushDevice(app, db);
  });

  const push = (mutations: unknown[], clientId = CLIENT, appVersion = '0.1.0') =>
    pushAs(app, setup.device.authorization, { clientId, appVersion, mutations });

  async function pushOk(mutations: unknown[], clientId = CLIENT) {
    const response = await push(mutations, clientId);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    // The wire as sent (a schema default must not hide a field the server added), checked.
    const body = response.json<v.InferOutput<typeof pushResponseSchema>>();
    v.parse(pushResponseSchema, body);
    return body;
  }

  const calls = (...seqs: number[]) => seqs.map((seq) => callCreate(seq, setup.authorId));

  it('applies three calls: three rows with the push version, lastSeq 3', async () => {
    const before = (await findQuarter(db, QUARTER.id))?.version ?? 0;
    expect(await pushOk(calls(1, 2, 3))).toEqual({
      lastSeq: 3,
      rejected: [],
      updateAdvised: false,
    });
    const rows = await storedEntries(db);
    expect(rows.map((row) => row.id)).toEqual(['call-1', 'call-2', 'call-3']);
    // One transaction, one version for all of them (G4), so a pull can see them later.
    expect(rows.every((row) => row.version === before + 1 && row.deleted === 0)).toBe(true);
    expect((await findQuarter(db, QUARTER.id))?.version).toBe(before + 1);
    expect(rows[0]).toMatchObject({
      quarter_id: QUARTER.id,
      author_user_id: setup.authorId,
      device_id: setup.device.deviceId,
      kind: 'call',
      occurred_at: '2030-11-25T09:02:00.000Z',
      partner: 'Frau K.',
      durationMinutes: 15,
      concern: 0,
      activity: { id: 'a1', name: 'Bewegungstreff', themeName: 'Fit fürs Alter' },
      reached: true,
      conflict: 0,
    });
    expect(await storedLastSeq(db, CLIENT)).toBe(3);
    expect(await storedLog(db, CLIENT)).toEqual([
      { seq: 1, status: 'applied', reject_code: null },
      { seq: 2, status: 'applied', reject_code: null },
      { seq: 3, status: 'applied', reject_code: null },
    ]);
  });

  it('applies mutations in seq order whatever order they are listed in', async () => {
    expect((await pushOk(calls(3, 1, 2))).lastSeq).toBe(3);
    expect(await storedEntryIds(db)).toEqual(['call-1', 'call-2', 'call-3']);
  });

  it('acknowledges the same batch sent twice without a second effect', async () => {
    const first = await pushOk(calls(1, 2, 3));
    const second = await pushOk(calls(1, 2, 3));
    expect(second).toEqual(first);
    expect(await storedEntryIds(db)).toEqual(['call-1', 'call-2', 'call-3']);
    expect(await storedLog(db, CLIENT)).toHaveLength(3);
  });

  it('recovers a lost response: the resent batch reports the same lastSeq and rejections', async () => {
    const batch = [...calls(1), callCreate(2, setup.authorId, { id: 'bad' }), ...calls(3)];
    const lost = await pushOk(batch);
    // The device never saw `lost`; it sends the same batch plus one new entry.
    const retried = await pushOk([...batch, ...calls(4)]);
    expect(retried.lastSeq).toBe(4);
    expect(retried.rejected).toEqual(lost.rejected);
    expect(retried.rejected.map((r) => r.seq)).toEqual([2]);
    expect(await storedEntryIds(db)).toEqual(['call-1', 'call-3', 'call-4']);
  });

  it('refuses a gap with the expected seq and writes nothing', async () => {
    await pushOk(calls(1, 2));
    const version = (await findQuarter(db, QUARTER.id))?.version;
    for (const batch of [calls(4, 5), calls(3, 5)]) {
      const response = await push(batch);
      expect(response.statusCode).toBe(409);
      const body = v.parse(seqGapResponseSchema, response.json());
      expect(body.expectedSeq).toBe(3);
      expect(body.message).toMatch(/ab Nummer 3/);
    }
    expect(await storedEntryIds(db)).toEqual(['call-1', 'call-2']);
    expect(await storedLastSeq(db, CLIENT)).toBe(2);
    expect(await storedLog(db, CLIENT)).toHaveLength(2);
    expect((await findQuarter(db, QUARTER.id))?.version).toBe(version);
  });

  it('refuses a first push that does not start at seq 1', async () => {
    const response = await push(calls(2));
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: 'seq_gap', expectedSeq: 1 });
    expect(await storedLastSeq(db, CLIENT)).toBeUndefined();
  });

  it('rejects a mutation with invalid args in the middle; the others apply (G7)', async () => {
    const bad = callArgs('call-2', { durationMinutes: -5, partner: '' });
    const result = await pushOk([...calls(1), callCreate(2, setup.authorId, bad), ...calls(3)]);
    expect(result).toEqual({
      lastSeq: 3,
      rejected: [
        {
          seq: 2,
          code: 'invalid_args',
          message:
            'Der Anruf konnte nicht gespeichert werden: „Gesprächspartner“ und „Dauer“ fehlen oder sind ungültig.',
        },
      ],
      updateAdvised: false,
    });
    expect(await storedEntryIds(db)).toEqual(['call-1', 'call-3']);
    expect(await storedLog(db, CLIENT)).toEqual([
      { seq: 1, status: 'applied', reject_code: null },
      { seq: 2, status: 'rejected', reject_code: 'invalid_args' },
      { seq: 3, status: 'applied', reject_code: null },
    ]);
  });

  it('rejects args that are not an object with a general German sentence', async () => {
    const result = await pushOk([callCreate(1, setup.authorId, 'kaputt')]);
    expect(result.rejected).toEqual([
      {
        seq: 1,
        code: 'invalid_args',
        message:
          'Der Anruf konnte nicht gespeichert werden: die Angaben sind unvollständig oder ungültig.',
      },
    ]);
  });

  it('rejects an unknown mutation name or version, and names like "constructor"', async () => {
    const result = await pushOk([
      { ...callCreate(1, setup.authorId), name: 'call.explode' },
      { ...callCreate(2, setup.authorId), v: 4 },
      { ...callCreate(3, setup.authorId), name: 'constructor' },
      ...calls(4),
    ]);
    expect(result.lastSeq).toBe(4);
    expect(result.rejected.map(({ seq, code }) => ({ seq, code }))).toEqual([
      { seq: 1, code: 'unknown_mutation' },
      { seq: 2, code: 'unknown_mutation' },
      { seq: 3, code: 'unknown_mutation' },
    ]);
    expect(result.rejected[0]?.message).toMatch(/App aktualisieren/);
    expect(await storedEntryIds(db)).toEqual(['call-4']);
  });

  it('refuses a push with an author not signed in on this device, and writes nothing', async () => {
    const other = await setUpPushDevice(app, db, { id: 'q-other', name: 'Anderes' }, 'Otto');
    for (const author of ['nobody', other.authorId]) {
      const response = await push([callCreate(1, setup.authorId), callCreate(2, author)]);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: 'not_signed_in', invalidSessions: [] });
    }
    expect(await storedEntryIds(db)).toEqual([]);
    expect(await storedLastSeq(db, CLIENT)).toBeUndefined();
  });

  it('rejects the changes of a person disabled since signing in (unknown_author)', async () => {
    await db
      .updateTable('users')
      .set({ disabled_at: '2030-01-01T00:00:00.000Z' })
      .where('name', '=', 'Erika M.')
      .execute();
    const result = await pushOk([callCreate(1, setup.authorId), callCreate(2, setup.authorId)]);
    expect(result.rejected.map((r) => r.code)).toEqual(['unknown_author', 'unknown_author']);
    expect(result.rejected[0]?.message).toMatch(/nicht \(mehr\) freigeschaltet/);
    expect(result.lastSeq).toBe(2);
    expect(await storedEntryIds(db)).toEqual([]);
  });

  it('creates a call once even when its id arrives under two seqs', async () => {
    const args = callArgs('same-call');
    const result = await pushOk([
      callCreate(1, setup.authorId, args),
      callCreate(2, setup.authorId, { ...args, note: 'zweites Mal' }),
    ]);
    expect(result).toEqual({ lastSeq: 2, rejected: [], updateAdvised: false });
    expect(await storedEntries(db)).toEqual([
      expect.objectContaining({ id: 'same-call', note: 'Hat sich über den Anruf gefreut.' }),
    ]);
    expect((await storedLog(db, CLIENT)).map((row) => row.status)).toEqual(['applied', 'applied']);
  });

  it('advises a too-old app to update and still applies its pushes (G10)', async () => {
    const response = await push(calls(1, 2), CLIENT, '0.0.9');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ lastSeq: 2, rejected: [], updateAdvised: true });
    expect(await storedEntryIds(db)).toEqual(['call-1', 'call-2']);
  });

  it('answers an empty push with the current lastSeq', async () => {
    await pushOk(calls(1));
    expect(await pushOk([])).toEqual({ lastSeq: 1, rejected: [], updateAdvised: false });
    expect(await pushOk([], 'client-new')).toEqual({
      lastSeq: 0,
      rejected: [],
      updateAdvised: false,
    });
  });

  it('keeps separate seq streams per client id', async () => {
    await pushOk(calls(1, 2));
    const b = await pushOk([callCreate(1, setup.authorId, callArgs('b-1'))], 'client-b');
    expect(b.lastSeq).toBe(1);
    expect(await storedEntryIds(db)).toEqual(['b-1', 'call-1', 'call-2']);
  });
});
