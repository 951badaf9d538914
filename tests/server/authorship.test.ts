// Issue 7, "nobody can write or read as someone else", through the real app on SQLite and
// PostgreSQL. The attacks found on a fresh install, row by row: each is now refused and leaves
// nothing written. Two tablets: Erika signed in on one, Hans on the other; Anna is staff.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { readEntryHistory } from '../../server/repos/entry-history.repo';
import { revokePersonSession } from '../../server/repos/person-session.repo';
import { readTrackChunks } from '../../server/repos/walk-track.repo';
import { PERSON_SESSIONS_HEADER } from '../../src/shared/identity';
import { pushResponseSchema, type Mutation } from '../../src/shared/push-protocol';
import { QUARTER, seedSmallQuarter } from './support/fixtures';
import { enrolDevice, type EnrolledTestDevice } from './support/identity-fixtures';
import { pullAs, pullRaw } from './support/pull-fixtures';
import { callArgs, callCreate, callDelete, callUpdate } from './support/entry-mutations';
import { createPerson, signInOn } from './support/push-fixtures';
import { storedEntry, storedEntryIds } from './support/stored-entries';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

describeEachDialect('authorship (issue 7)', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let db: Kysely<Database>;
  let erikasTablet: EnrolledTestDevice;
  let hansTablet: EnrolledTestDevice;
  let erika: string;
  let hans: string;
  let anna: string;
  let erikasSession: string;
  let hansSession: string;

  beforeEach(async () => {
    db = fresh().db;
    app = (await buildTestApp(db)).app;
    await seedSmallQuarter(db);
    erikasTablet = await enrolDevice(app, db, QUARTER, 'Tablet Erika');
    hansTablet = await enrolDevice(app, db, QUARTER, 'Tablet Hans');
    erika = await createPerson(db, 'Erika M.');
    hans = await createPerson(db, 'Hans K.');
    anna = await createPerson(db, 'Anna S.', 'staff');
    erikasSession = await signInOn(app, erikasTablet.authorization, 'Erika M.');
    hansSession = await signInOn(app, hansTablet.authorization, 'Hans K.');
  });

  /** A push with exactly these person sessions (none: a tablet where nobody is signed in). */
  function send(device: EnrolledTestDevice, sessions: string[], mutations: Mutation[]) {
    return app.inject({
      method: 'POST',
      url: '/api/v1/push',
      headers: {
        authorization: device.authorization,
        ...(sessions.length > 0 && { [PERSON_SESSIONS_HEADER]: sessions.join(',') }),
      },
      payload: { clientId: `client-${device.deviceId}`, appVersion: '0.1.0', mutations },
    });
  }

  async function push(device: EnrolledTestDevice, sessions: string[], mutations: Mutation[]) {
    const response = await send(device, sessions, mutations);
    expect(response.statusCode, response.body).toBe(200);
    return v.parse(pushResponseSchema, response.json());
  }

  const snapshot = async () => ({
    entries: await db.selectFrom('entries').selectAll().orderBy('id').execute(),
    log: await db.selectFrom('mutation_log').selectAll().orderBy('seq').execute(),
    clients: await db.selectFrom('sync_clients').selectAll().execute(),
    history: await db.selectFrom('entry_history').selectAll().execute(),
    chunks: await db.selectFrom('walk_track_chunks').selectAll().execute(),
  });

  /**
   * The push is refused whole — 403 not_signed_in, naming the presented sessions that prove
   * nothing — and writes nothing: no call, no history, no log row, no last_seq.
   */
  async function refused(
    device: EnrolledTestDevice,
    sessions: string[],
    mutations: Mutation[],
    invalidSessions: string[] = [],
  ) {
    const before = await snapshot();
    const response = await send(device, sessions, mutations);
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json()).toEqual({
      error: 'not_signed_in',
      message: expect.stringMatching(/wieder anmeldet/),
      invalidSessions,
    });
    expect(await snapshot()).toEqual(before);
  }

  const codes = (result: { rejected: { code: string }[] }) => result.rejected.map((r) => r.code);
  const idOf = (session: string) => session.split('.')[0] ?? '';

  async function erikasCall(id = 'c1', seq = 1): Promise<number> {
    await push(erikasTablet, [erikasSession], [callCreate(seq, erika, callArgs(id))]);
    return (await storedEntry(db, id)).version;
  }

  it("refuses Hans's tablet changing Erika's call in her name; her call and history stay", async () => {
    const base = await erikasCall();
    await refused(
      hansTablet,
      [hansSession],
      [callUpdate(1, erika, 'c1', base, { note: 'von Hans geändert' })],
    );
    expect(await storedEntry(db, 'c1')).toMatchObject({ note: callArgs('c1').note, version: base });
    expect(await readEntryHistory(db, QUARTER.id, 'c1')).toEqual([]);
  });

  it('refuses a delete in the name of staff from a tablet where staff never signed in', async () => {
    await erikasCall();
    await refused(hansTablet, [hansSession], [callDelete(1, anna, 'c1')]);
    expect(await storedEntry(db, 'c1')).toMatchObject({ deleted: 0 });
  });

  it("refuses a call in Erika's name from a tablet where nobody is signed in", async () => {
    const empty = await enrolDevice(app, db, QUARTER, 'Tablet ohne Anmeldung');
    await refused(empty, [], [callCreate(1, erika, callArgs('untergeschoben'))]);
    expect(await storedEntryIds(db)).toEqual([]);
    const pulled = await pullRaw(app, erikasTablet.authorization);
    expect(pulled.json<{ changes: { calls: unknown[] } }>().changes.calls).toEqual([]);
  });

  it("refuses Erika's session token when it comes from another device", async () => {
    // Stolen from Erika's tablet and sent with Hans's device credential: it proves nothing, and
    // Hans's own change in the same batch waits with it (nothing of the batch applies).
    await refused(
      hansTablet,
      [hansSession, erikasSession],
      [callCreate(1, hans, callArgs('echt')), callCreate(2, erika, callArgs('gestohlen'))],
      [idOf(erikasSession)],
    );
    const own = await push(hansTablet, [hansSession], [callCreate(1, hans, callArgs('echt'))]);
    expect(own.rejected).toEqual([]);
    expect(await storedEntryIds(db)).toEqual(['echt']);
    // Nor does it bring her calls to his tablet.
    await erikasCall('erikas');
    const pulled = await app.inject({
      method: 'GET',
      url: '/api/v1/pull',
      headers: {
        authorization: hansTablet.authorization,
        [PERSON_SESSIONS_HEADER]: `${hansSession},${erikasSession}`,
      },
    });
    const body = pulled.json<{ changes: { calls: { id: string }[] }; invalidSessions: string[] }>();
    expect(body.changes.calls.map((call) => call.id)).toEqual(['echt']);
    expect(body.invalidSessions).toEqual([idOf(erikasSession)]);
  });

  it('refuses a session whose secret is wrong, and a malformed session header', async () => {
    const id = idOf(erikasSession);
    const forged = `${id}.${'A'.repeat(43)}`;
    await refused(erikasTablet, [forged], [callCreate(1, erika, callArgs('c1'))], [id]);
    for (const header of ['kaputt', `${erikasSession};x`, Array(21).fill(erikasSession).join()]) {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/pull',
        headers: { authorization: erikasTablet.authorization, [PERSON_SESSIONS_HEADER]: header },
      });
      expect(response.statusCode, header).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_request' });
    }
  });

  it('a revoked session proves nothing: changes refused, entries leave the device view', async () => {
    await erikasCall();
    const first = await pullAs(app, erikasTablet.authorization);
    expect(first.changes.calls.map((call) => call.id)).toEqual(['c1']);
    const sessionId = idOf(erikasSession);
    expect(await revokePersonSession(db, sessionId)).toBe('revoked');
    await refused(
      erikasTablet,
      [erikasSession],
      [callCreate(2, erika, callArgs('c2'))],
      [sessionId],
    );
    // What was applied before the revocation is still acknowledged when sent again.
    expect(await push(erikasTablet, [], [callCreate(1, erika, callArgs('c1'))])).toMatchObject({
      lastSeq: 1,
      rejected: [],
    });
    const after = await pullAs(app, erikasTablet.authorization, { cookie: first.cookie });
    expect(after).toMatchObject({ reset: true, invalidSessions: [sessionId] });
    expect(after.changes.calls).toEqual([]);
    // Signing in again gives a new session; the waiting change goes out under it.
    const again = await signInOn(app, erikasTablet.authorization, 'Erika M.');
    expect(again).not.toBe(erikasSession);
    const retried = await push(erikasTablet, [again], [callCreate(2, erika, callArgs('c2'))]);
    expect(retried.rejected).toEqual([]);
  });

  it("a disabled person's change is refused for good (unknown_author), and their calls leave", async () => {
    await erikasCall();
    await db
      .updateTable('users')
      .set({ disabled_at: '2030-01-01T00:00:00.000Z' })
      .where('id', '=', erika)
      .execute();
    const result = await push(
      erikasTablet,
      [erikasSession],
      [callCreate(2, erika, callArgs('c2'))],
    );
    expect(codes(result)).toEqual(['unknown_author']);
    expect(await storedEntryIds(db)).toEqual(['c1']);
    expect((await pullAs(app, erikasTablet.authorization)).changes.calls).toEqual([]);
  });

  it('a new sign-in of the same person on the same device ends the earlier session', async () => {
    const second = await signInOn(app, erikasTablet.authorization, 'Erika M.');
    await refused(
      erikasTablet,
      [erikasSession],
      [callCreate(1, erika, callArgs('a'))],
      [idOf(erikasSession)],
    );
    const ok = await push(erikasTablet, [second], [callCreate(1, erika, callArgs('a'))]);
    expect(ok.rejected).toEqual([]);
  });

  it('without a device, pull is public: catalogue and hours, no entries, no outbox position', async () => {
    await erikasCall();
    const response = await pullRaw(app, undefined, { client: `client-${erikasTablet.deviceId}` });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      quarter: unknown;
      changes: Record<string, unknown[]>;
      client: unknown;
    }>();
    expect(body.quarter).toEqual(QUARTER);
    expect(body.changes.activities).toHaveLength(1);
    expect(body.changes.storefronts).toHaveLength(1);
    expect(body.changes.calls).toEqual([]);
    expect(body.client).toBeNull();
    expect(response.body).not.toContain('Erika');
  });

  it("a walk's route takes chunks only from the walk's author, visibly refusing others", async () => {
    const point = { t: '2030-11-25T09:00:00.000Z', lat: 51.33, lon: 6.56, accuracy: 5 };
    const chunk = (seq: number, author: string, walkId: string, n: number): Mutation => ({
      seq,
      name: 'walk.track',
      v: 1,
      author,
      args: { walkId, chunk: n, points: [{ ...point, lat: point.lat + n / 1000 }] },
    });
    // Erika's walk: Hans's chunk for it (0 again, and a new 1) is refused, not swallowed.
    await push(erikasTablet, [erikasSession], [chunk(1, erika, 'walk-erika', 0)]);
    const hansTry = await push(
      hansTablet,
      [hansSession],
      [chunk(1, hans, 'walk-erika', 0), chunk(2, hans, 'walk-erika', 1)],
    );
    expect(codes(hansTry)).toEqual(['forbidden', 'forbidden']);
    expect(hansTry.rejected[0]?.message).toMatch(/jemand anderes/);
    // The other way round: whoever came first owns it, and the owner's own chunk is refused
    // visibly too (shown under "Braucht Aufmerksamkeit"), never answered as stored.
    await push(hansTablet, [hansSession], [chunk(3, hans, 'walk-x', 0)]);
    const erikaTry = await push(erikasTablet, [erikasSession], [chunk(2, erika, 'walk-x', 0)]);
    expect(codes(erikaTry)).toEqual(['forbidden']);
    const erikas = await readTrackChunks(db, QUARTER.id, 'walk-erika');
    expect(erikas.map((c) => [c.chunk, c.points[0]?.lat])).toEqual([[0, point.lat]]);
    // Erika's own later chunks still apply.
    const own = await push(erikasTablet, [erikasSession], [chunk(3, erika, 'walk-erika', 1)]);
    expect(own.rejected).toEqual([]);
    expect(await readTrackChunks(db, QUARTER.id, 'walk-erika')).toHaveLength(2);
  });
});
