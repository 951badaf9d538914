// The identity endpoints through the real app (app.inject), on SQLite and PostgreSQL: enrol
// (its answer carries the new device's first pull), device authentication (401 for every way of
// being wrong, never a 500), sign-in with PIN.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import * as v from 'valibot';
import { beforeEach, expect, it } from 'vitest';
import { createEnrolmentCode } from '../../server/repos/enrolment-code.repo';
import { createQuarter } from '../../server/repos/quarter.repo';
import { revokeDevice } from '../../server/repos/device.repo';
import { createUser } from '../../server/repos/user.repo';
import { deviceAuthorization, type EnrolResponse } from '../../src/shared/identity';
import { pullResponseSchema } from '../../src/shared/protocol';
import { callArgs, callCreate } from './support/entry-mutations';
import { QUARTER, seedSmallQuarter } from './support/fixtures';
import { pullAs } from './support/pull-fixtures';
import { pushAs, setUpPushDevice } from './support/push-fixtures';
import { enrolDevice, OTHER_QUARTER } from './support/identity-fixtures';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';
import { clockPasses } from '../support/wait-until';

const INVALID_CODE = {
  error: 'invalid_code',
  message:
    'Dieser Code ist ungültig oder abgelaufen. Bitte im Laden einen neuen Code geben lassen.',
};
const UNAUTHORIZED = {
  error: 'unauthorized',
  message: 'Dieses Gerät ist nicht (mehr) angemeldet. Bitte neu anmelden.',
};
const SIGN_IN_FAILED = {
  error: 'sign_in_failed',
  message: 'Name oder PIN stimmt nicht. Bitte noch einmal versuchen.',
};

describeEachDialect('identity endpoints', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let logs: string[];

  beforeEach(async () => {
    ({ app, logs } = await buildTestApp(fresh().db, {}, { enrolPerMinute: 100 }));
    await createQuarter(fresh().db, QUARTER);
  });

  const enrol = (payload: object) => app.inject({ method: 'POST', url: '/api/v1/enrol', payload });
  const getDevice = (authorization?: string) =>
    app.inject({
      method: 'GET',
      url: '/api/v1/device',
      headers: authorization === undefined ? {} : { authorization },
    });
  const signIn = (authorization: string, payload: object) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/device/sign-in',
      headers: { authorization },
      payload,
    });

  it('enrols a device whose credential then opens GET /api/v1/device', async () => {
    const { code } = await createEnrolmentCode(fresh().db, QUARTER.id);
    const response = await enrol({ code: ` ${code.toLowerCase()} `, label: 'Tablet Laden' });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json<{ deviceId: string; credential: string }>();
    expect(body).toEqual({
      deviceId: expect.any(String),
      credential: expect.stringMatching(/^[\w-]{43}$/),
      quarter: QUARTER,
      firstPull: expect.objectContaining({ quarter: QUARTER }),
    });
    const device = await getDevice(deviceAuthorization(body.deviceId, body.credential));
    expect(device.statusCode).toBe(200);
    expect(device.json()).toEqual({ deviceId: body.deviceId, quarter: QUARTER, users: [] });
    // The credential never reaches the log.
    expect(logs.join('\n')).not.toContain(body.credential);
    expect(logs.join('\n')).not.toContain(code);
  });

  it("answers with the first pull of the new device: reference data, nobody's entries", async () => {
    await seedSmallQuarter(fresh().db);
    const { device: writer, authorId } = await setUpPushDevice(app, fresh().db);
    const call = callCreate(1, authorId, callArgs(randomUUID()));
    const pushed = await pushAs(app, writer.authorization, {
      clientId: randomUUID(),
      mutations: [call],
    });
    expect(pushed.statusCode, pushed.body).toBe(200);
    expect((await pullAs(app, writer.authorization)).changes.calls).toHaveLength(1);

    const { code } = await createEnrolmentCode(fresh().db, QUARTER.id);
    const body = (await enrol({ code })).json<EnrolResponse>();
    const firstPull = v.parse(pullResponseSchema, body.firstPull);
    expect(firstPull.changes.activities).toHaveLength(1);
    expect(firstPull.changes.storefronts).toHaveLength(1);
    expect(firstPull.changes.calls).toEqual([]);
    expect(firstPull.client).toBeNull();
    // Exactly what the device's own first pull gets, so the device may take it as that pull.
    const own = await pullAs(app, deviceAuthorization(body.deviceId, body.credential));
    expect(firstPull).toEqual({ ...own, serverTime: expect.any(String) });
  });

  it('still hands out the credential when the first pull cannot be built', async () => {
    const { code } = await createEnrolmentCode(fresh().db, QUARTER.id);
    await sql`drop table activities`.execute(fresh().db); // pull reads it; enrolling does not
    const response = await enrol({ code });
    expect(response.statusCode).toBe(201);
    const body = response.json<EnrolResponse>();
    expect(body.firstPull).toBeUndefined();
    const device = await getDevice(deviceAuthorization(body.deviceId, body.credential));
    expect(device.statusCode).toBe(200);
    expect(logs.join('\n')).toContain('enrol: first pull failed');
  });

  it('accepts a code only once', async () => {
    const { code } = await createEnrolmentCode(fresh().db, QUARTER.id);
    expect((await enrol({ code })).statusCode).toBe(201);
    const again = await enrol({ code });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual(INVALID_CODE); // and with it no quarter's data
  });

  it('refuses expired and made-up codes with the same plain message', async () => {
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    const { code } = await createEnrolmentCode(fresh().db, QUARTER.id, { now: eightDaysAgo });
    for (const attempt of [code, 'ABCD-EFGH-JKMN', 'hallo', '0000-0000-0000']) {
      const response = await enrol({ code: attempt });
      expect(response.statusCode, attempt).toBe(400);
      expect(response.json(), attempt).toEqual(INVALID_CODE);
    }
    expect(await fresh().db.selectFrom('devices').selectAll().execute()).toEqual([]);
  });

  it('answers malformed enrol requests with 400, never 500', async () => {
    for (const payload of [
      {},
      { code: 42 },
      { code: 'x'.repeat(65) },
      { code: 'A', label: 'x'.repeat(81) },
    ]) {
      const response = await enrol(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error).toBe('invalid_request');
    }
    const broken = await app.inject({
      method: 'POST',
      url: '/api/v1/enrol',
      headers: { 'content-type': 'application/json' },
      payload: '{"code":',
    });
    expect(broken.statusCode).toBe(400);
  });

  it('answers 401 for a missing, wrong, unknown or revoked credential', async () => {
    const device = await enrolDevice(app, fresh().db);
    const other = await enrolDevice(app, fresh().db);
    const missing = await getDevice();
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual(UNAUTHORIZED);
    expect(missing.headers['www-authenticate']).toBe('Bearer');
    // Another device's credential, an unknown id, a wrong credential.
    for (const authorization of [
      deviceAuthorization(device.deviceId, other.credential),
      deviceAuthorization('3b241101-e2bb-4255-8caf-4136c566a962', device.credential),
      // Last character changed (to a different one: 'A' could already be there).
      deviceAuthorization(
        device.deviceId,
        `${device.credential.slice(0, -1)}${device.credential.endsWith('A') ? 'B' : 'A'}`,
      ),
    ]) {
      const response = await getDevice(authorization);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual(UNAUTHORIZED);
    }
    expect((await getDevice(device.authorization)).statusCode).toBe(200);
    await revokeDevice(fresh().db, device.deviceId);
    const revoked = await getDevice(device.authorization);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toEqual(UNAUTHORIZED);
    expect((await getDevice(other.authorization)).statusCode).toBe(200);
  });

  it('never answers 500 to garbage in the Authorization header', async () => {
    const { deviceId, credential } = await enrolDevice(app, fresh().db);
    const garbage = [
      '',
      ' ',
      'Bearer',
      'Bearer ',
      'Bearer .',
      'Bearer ...',
      `Basic ${Buffer.from('a:b').toString('base64')}`,
      `Bearer ${deviceId}`,
      `Bearer ${deviceId}.`,
      `Bearer .${credential}`,
      `Bearer ${deviceId}.${credential}.${credential}`,
      `Bearer ${'x'.repeat(10_000)}.${credential}`,
      `Bearer ${deviceId}.${'y'.repeat(10_000)}`,
      `Bearer ${deviceId}'; drop table devices; --.${credential}`,
      `Bearer %00.${credential}`,
      'Bearer ä.ö',
    ];
    for (const authorization of garbage) {
      const response = await getDevice(authorization);
      expect(response.statusCode, authorization.slice(0, 40)).toBe(401);
      expect(response.json()).toEqual(UNAUTHORIZED);
    }
  });

  it('records when a device was last seen', async () => {
    const device = await enrolDevice(app, fresh().db);
    const lastSeen = async () =>
      (
        await fresh()
          .db.selectFrom('devices')
          .select('last_seen_at')
          .where('id', '=', device.deviceId)
          .executeTakeFirstOrThrow()
      ).last_seen_at;
    expect(await lastSeen()).toBeNull();
    await getDevice(device.authorization);
    const first = await lastSeen();
    expect(first).not.toBeNull();
    await getDevice(device.authorization);
    expect(await lastSeen()).toBe(first);
  });

  it('lists the people who may sign in: active, with a PIN, of this quarter only', async () => {
    const { db } = fresh();
    await createQuarter(db, OTHER_QUARTER);
    const erika = await createUser(db, {
      quarterId: QUARTER.id,
      name: 'Erika M.',
      role: 'volunteer',
      pin: '4711',
    });
    await createUser(db, { quarterId: QUARTER.id, name: 'Bernd', role: 'staff', pin: '5826' });
    await createUser(db, { quarterId: QUARTER.id, name: 'Ohne PIN', role: 'volunteer' });
    await createUser(db, {
      quarterId: QUARTER.id,
      name: 'Ausgeschieden',
      role: 'volunteer',
      pin: '3952',
    });
    await db
      .updateTable('users')
      .set({ disabled_at: new Date().toISOString() })
      .where('name', '=', 'Ausgeschieden')
      .execute();
    await createUser(db, {
      quarterId: OTHER_QUARTER.id,
      name: 'Fremd',
      role: 'volunteer',
      pin: '6093',
    });
    const device = await enrolDevice(app, db);
    const response = await getDevice(device.authorization);
    expect(response.json().users).toEqual([
      { id: expect.any(String), name: 'Bernd', role: 'staff' },
      { id: erika?.id, name: 'Erika M.', role: 'volunteer' },
    ]);
  });

  it('signs a person in with name and PIN, and refuses everything else alike', async () => {
    const { db } = fresh();
    await createQuarter(db, OTHER_QUARTER);
    const erika = await createUser(db, {
      quarterId: QUARTER.id,
      name: 'Erika M.',
      role: 'volunteer',
      pin: '4711',
    });
    await createUser(db, { quarterId: QUARTER.id, name: 'Ohne PIN', role: 'volunteer' });
    await createUser(db, {
      quarterId: OTHER_QUARTER.id,
      name: 'Fremd',
      role: 'staff',
      pin: '6093',
    });
    const device = await enrolDevice(app, db);

    const ok = await signIn(device.authorization, { name: 'Erika M.', pin: '4711' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      userId: erika?.id,
      name: 'Erika M.',
      role: 'volunteer',
      session: expect.stringMatching(/^[0-9a-f-]{36}\.[\w-]{43}$/),
    });

    for (const payload of [
      { name: 'Erika M.', pin: '4712' },
      { name: 'Niemand', pin: '4711' },
      { name: 'Ohne PIN', pin: '0000' },
      { name: 'Fremd', pin: '6093' }, // another quarter's person
    ]) {
      const response = await signIn(device.authorization, payload);
      expect(response.statusCode, payload.name).toBe(401);
      expect(response.json()).toEqual(SIGN_IN_FAILED);
    }
    const invalid = await signIn(device.authorization, { name: 'Erika M.' });
    expect(invalid.statusCode).toBe(400);
    // Without a device credential nobody signs in, even with the right PIN.
    const noDevice = await signIn('Bearer nope', { name: 'Erika M.', pin: '4711' });
    expect(noDevice.statusCode).toBe(401);
    expect(noDevice.json()).toEqual(UNAUTHORIZED);
    // Numbers the logger writes itself (time, pid, responseTime) may hold these digits by
    // chance; the PIN would be text.
    const logText = logs.join('\n').replace(/:-?\d+(\.\d+)?(e-?\d+)?/g, ':0');
    expect(logText).toContain('sign_in_failed');
    expect(logText).not.toContain('4711');
  });

  it('links a person to the device on sign-in, once, and only on success', async () => {
    const { db } = fresh();
    const erika = await createUser(db, {
      quarterId: QUARTER.id,
      name: 'Erika M.',
      role: 'volunteer',
      pin: '4711',
    });
    const device = await enrolDevice(app, db);
    const other = await enrolDevice(app, db);
    const links = () => db.selectFrom('device_users').selectAll().orderBy('device_id').execute();

    expect((await signIn(device.authorization, { name: 'Erika M.', pin: '0000' })).statusCode).toBe(
      401,
    );
    expect(await links()).toEqual([]);

    expect((await signIn(device.authorization, { name: 'Erika M.', pin: '4711' })).statusCode).toBe(
      200,
    );
    const [first] = await links();
    expect(first).toEqual({
      device_id: device.deviceId,
      user_id: erika?.id,
      first_signed_in_at: expect.any(String),
      last_signed_in_at: first?.first_signed_in_at,
    });
    await clockPasses(Date.parse(first?.last_signed_in_at ?? ''));
    await signIn(device.authorization, { name: 'Erika M.', pin: '4711' });
    await signIn(other.authorization, { name: 'Erika M.', pin: '4711' });
    const after = await links();
    expect(after).toHaveLength(2);
    const again = after.find((link) => link.device_id === device.deviceId);
    expect(again?.first_signed_in_at).toBe(first?.first_signed_in_at);
    expect((again?.last_signed_in_at ?? '') > (first?.last_signed_in_at ?? '')).toBe(true);
  });

  it('answers GET /api/v1/pull without a device with public data only', async () => {
    const open = await app.inject({ method: 'GET', url: `/api/v1/pull?quarter=${QUARTER.id}` });
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ quarter: QUARTER, changes: { calls: [] }, client: null });
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/pull?quarter=gibt-es-nicht' });
    expect(unknown.statusCode).toBe(404);
    const device = await enrolDevice(app, fresh().db);
    const enrolled = await app.inject({
      method: 'GET',
      url: '/api/v1/pull',
      headers: { authorization: device.authorization },
    });
    expect(enrolled.statusCode).toBe(200);
  });
});
