// People, devices and the audit log on the staff screens (issue 10) through the real app, on
// SQLite and PostgreSQL: each endpoint, who may do what (staff, admins, nobody on themselves),
// bad input (names, control characters, weak passwords, trivial PINs) as a 400 that creates
// nothing, and an audit line for every action — never with a PIN or a password in it.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import * as v from 'valibot';
import { PARTNER_COMMANDS } from '../../server/admin/partner-commands';
import { CONSOLE_NAME, consoleId } from '../../server/repos/console-identity.repo';
import { createQuarter, findQuarter } from '../../server/repos/quarter.repo';
import { claimSignInAttempt } from '../../server/repos/sign-in-guard.repo';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import {
  auditResponseSchema,
  enrolmentCodeResponseSchema,
  staffDevicesResponseSchema,
  staffPeopleResponseSchema,
  staffPersonSchema,
  type StaffPerson,
} from '../../src/shared/staff/staff-people';
import { QUARTER } from './support/fixtures';
import { enrolDevice, OTHER_QUARTER } from './support/identity-fixtures';
import { callCreate } from './support/entry-mutations';
import { createPerson, pushAs, setUpPushDevice, signInOn } from './support/push-fixtures';
import { buildStaffTestApp, createStaffUser, signInStaff } from './support/staff-fixtures';
import { describeEachDialect, useFreshDatabase } from './support/test-database';
import { passwordGuardName } from '../../server/repos/user-password.repo';

const PETRA = { quarterId: QUARTER.id, name: 'Petra L.', password: 'Sommer-im-Park-7' };
const ANKE = { quarterId: QUARTER.id, name: 'Anke Leitung', password: 'Hansa-Centrum-12' };
const DAY = 86_400_000;

describeEachDialect('staff: people, devices, audit log', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  /** Cookies of Petra (staff) and Anke (admin). */
  let petra: string;
  let anke: string;
  let petraId: string;
  let ankeId: string;
  /** Every PIN and password a test sent: none may appear in the audit log. */
  let secrets: string[];

  beforeEach(async () => {
    const { db } = fresh();
    ({ app } = await buildStaffTestApp(db));
    await createQuarter(db, OTHER_QUARTER);
    petraId = (await createStaffUser(db, PETRA)).id;
    ankeId = (await createStaffUser(db, { ...ANKE, role: 'admin' })).id;
    petra = await signInStaff(app, PETRA);
    anke = await signInStaff(app, ANKE);
    secrets = [PETRA.password, ANKE.password];
  });

  const send = (cookie: string, method: 'GET' | 'POST', path: string, payload?: object) => {
    const body = payload as { pin?: string; password?: string } | undefined;
    if (body?.pin) secrets.push(body.pin);
    if (body?.password) secrets.push(body.password);
    return app.inject({
      method,
      url: `${STAFF_PREFIX}${path}`,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload }),
    });
  };
  const people = async (cookie = petra) =>
    v.parse(staffPeopleResponseSchema, (await send(cookie, 'GET', '/people')).json()).people;
  const person = async (name: string) => {
    const found = (await people()).find((p) => p.name === name);
    if (!found) throw new Error(`${name} not listed`);
    return found;
  };
  const auditLines = () =>
    fresh().db.selectFrom('audit_log').selectAll().orderBy('at').orderBy('id').execute();
  const lastAudit = async () => (await auditLines()).at(-1);
  const expect400 = (response: LightMyRequestResponse, what: string) => {
    expect(response.statusCode, `${what}: ${response.body}`).toBe(400);
    expect(response.json<{ error: string }>().error, what).toBe('invalid_request');
  };
  /** After each test body: no PIN or password in any audit line. */
  const expectNoSecretsInAudit = async () => {
    // What a line says (not its random ids and instants, where four digits occur by chance).
    const text = JSON.stringify(
      (await auditLines()).map((line) => [
        line.actor_name,
        line.action,
        line.subject_type,
        line.detail,
      ]),
    );
    for (const secret of secrets) expect(text, secret).not.toContain(secret);
  };

  it('lists the quarter’s people with what they can do, never a hash', async () => {
    const { db } = fresh();
    await createPerson(db, 'Erika M.');
    await createPerson(db, 'Otto Anders', 'volunteer', OTHER_QUARTER.id);
    for (let i = 0; i < 10; i++) {
      await claimSignInAttempt(db, QUARTER.id, 'Erika M.', new Date(Date.now() + i * 20 * 60_000));
    }
    const response = await send(petra, 'GET', '/people');
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toMatch(/scrypt|argon2|hash/i);
    const listed = v.parse(staffPeopleResponseSchema, response.json()).people;
    expect(listed.map((p) => p.name)).toEqual(['Anke Leitung', 'Erika M.', 'Petra L.']);
    expect(listed.find((p) => p.name === 'Erika M.')).toMatchObject({
      role: 'volunteer',
      hasPin: true,
      hasPassword: false,
      pinLocked: true,
      passwordLocked: false,
      disabledAt: null,
    });
    expect(listed.find((p) => p.name === 'Petra L.')).toMatchObject({
      role: 'staff',
      hasPin: false,
      hasPassword: true,
    });
  });

  it('creates volunteers with a PIN and staff with a password; only an admin creates an admin', async () => {
    const erika = await send(petra, 'POST', '/people', {
      name: ' Erika M. ',
      role: 'volunteer',
      pin: '4711',
    });
    expect(erika.statusCode).toBe(201);
    expect(v.parse(staffPersonSchema, erika.json())).toMatchObject({
      name: 'Erika M.',
      hasPin: true,
      hasPassword: false,
    });
    // She signs in on a tablet with that PIN.
    const device = await enrolDevice(app, fresh().db);
    await signInOn(app, device.authorization, 'Erika M.', '4711');

    const max = await send(petra, 'POST', '/people', {
      name: 'Max Team',
      role: 'staff',
      password: 'Rhein-Ufer-2030',
    });
    expect(max.statusCode).toBe(201);
    await signInStaff(app, {
      quarterId: QUARTER.id,
      name: 'Max Team',
      password: 'Rhein-Ufer-2030',
    });

    const asStaff = await send(petra, 'POST', '/people', {
      name: 'Neue Leitung',
      role: 'admin',
      password: 'Leitung-neu-2030',
    });
    expect(asStaff.statusCode).toBe(403);
    const asAdmin = await send(anke, 'POST', '/people', {
      name: 'Neue Leitung',
      role: 'admin',
      password: 'Leitung-neu-2030',
    });
    expect(asAdmin.statusCode).toBe(201);

    expect(
      (await send(petra, 'POST', '/people', { name: 'Erika M.', role: 'volunteer', pin: '5827' }))
        .statusCode,
    ).toBe(409);
    const creates = (await auditLines()).filter((line) => line.action === 'person.create');
    expect(creates.map((line) => JSON.parse(line.detail))).toEqual([
      { role: 'volunteer', hasPin: true, hasPassword: false },
      { role: 'staff', hasPin: false, hasPassword: true },
      { role: 'admin', hasPin: false, hasPassword: true },
    ]);
    expect(creates[0]).toMatchObject({
      actor_user_id: petraId,
      actor_name: 'Petra L.',
      subject_type: 'person',
    });
    await expectNoSecretsInAudit();
  });

  it('refuses bad names, weak passwords and trivial PINs with a 400 that creates nothing', async () => {
    const before = (await people()).length;
    const bad: [string, object][] = [
      ['too long', { name: 'E'.repeat(81), role: 'volunteer', pin: '4711' }],
      ['invisible', { name: '\u200b\u200b', role: 'volunteer', pin: '4711' }],
      ['blank', { name: '   ', role: 'volunteer', pin: '4711' }],
      ['control', { name: 'Erika\u0007', role: 'volunteer', pin: '4711' }],
      ['bidi', { name: '\u202eakirE', role: 'volunteer', pin: '4711' }],
      ['NUL', { name: 'Eri\u0000ka', role: 'volunteer', pin: '4711' }],
      ['unknown role', { name: 'Erika', role: 'chef', pin: '4711' }],
      ['PIN run', { name: 'Erika', role: 'volunteer', pin: '1234' }],
      ['PIN repeated', { name: 'Erika', role: 'volunteer', pin: '0000' }],
      ['PIN year', { name: 'Erika', role: 'volunteer', pin: '1948' }],
      ['PIN letters', { name: 'Erika', role: 'volunteer', pin: '47a1' }],
      ['no PIN', { name: 'Erika', role: 'volunteer' }],
      [
        'volunteer password',
        { name: 'Erika', role: 'volunteer', pin: '4711', password: 'Ehrenamt-2030-x' },
      ],
      ['no password', { name: 'Max', role: 'staff' }],
      ['short password', { name: 'Max', role: 'staff', password: 'kurz-1' }],
      ['same characters', { name: 'Max', role: 'staff', password: 'aaaaaaaaaaaaaa' }],
      ['name in password', { name: 'Maximilian', role: 'staff', password: 'maximilian-2030' }],
      ['control in password', { name: 'Max', role: 'staff', password: 'Rhein\u0000Ufer-2030' }],
      ['long password', { name: 'Max', role: 'staff', password: 'x1'.repeat(101) }],
    ];
    for (const [what, payload] of bad)
      expect400(await send(petra, 'POST', '/people', payload), what);
    const weak = await send(petra, 'POST', '/people', {
      name: 'Max',
      role: 'staff',
      password: 'kurz-1',
    });
    expect(weak.json()).toMatchObject({ message: 'Das Passwort braucht mindestens 10 Zeichen.' });
    const trivial = await send(petra, 'POST', '/people', {
      name: 'Erika',
      role: 'volunteer',
      pin: '1234',
    });
    expect(trivial.json<{ message: string }>().message).toContain('Ziffern der Reihe nach');
    expect((await people()).length).toBe(before);
    expect((await auditLines()).filter((line) => line.action === 'person.create')).toEqual([]);
    await expectNoSecretsInAudit();
  });

  it('resets a PIN, which lifts the lock after wrong PINs; an admin’s only by an admin', async () => {
    const { db } = fresh();
    const erikaId = await createPerson(db, 'Erika M.');
    for (let i = 0; i < 10; i++) {
      await claimSignInAttempt(db, QUARTER.id, 'Erika M.', new Date(Date.now() + i * 20 * 60_000));
    }
    expect((await person('Erika M.')).pinLocked).toBe(true);
    const reset = await send(petra, 'POST', `/people/${erikaId}/pin`, { pin: '5827' });
    expect(reset.statusCode).toBe(200);
    expect(v.parse(staffPersonSchema, reset.json())).toMatchObject({ pinLocked: false });
    const device = await enrolDevice(app, db);
    await signInOn(app, device.authorization, 'Erika M.', '5827');
    expect(await lastAudit()).toMatchObject({
      action: 'person.pin_reset',
      subject_id: erikaId,
      detail: '{}',
    });

    expect400(await send(petra, 'POST', `/people/${erikaId}/pin`, { pin: '1111' }), 'trivial');
    expect400(await send(petra, 'POST', `/people/${erikaId}/pin`, {}), 'missing');
    expect((await send(petra, 'POST', `/people/${ankeId}/pin`, { pin: '5827' })).statusCode).toBe(
      403,
    );
    expect((await send(anke, 'POST', `/people/${ankeId}/pin`, { pin: '5827' })).statusCode).toBe(
      200,
    );
    // Staff may give themselves a PIN for the tablets.
    expect((await send(petra, 'POST', `/people/${petraId}/pin`, { pin: '3816' })).statusCode).toBe(
      200,
    );
    await expectNoSecretsInAudit();
  });

  it('sets passwords: one’s own, or anyone’s by an admin; never a volunteer’s; rules apply', async () => {
    const { db } = fresh();
    const erikaId = await createPerson(db, 'Erika M.');
    const maxId = (await createStaffUser(db, { ...PETRA, name: 'Max Team' })).id;
    expect(
      (await send(petra, 'POST', `/people/${maxId}/password`, { password: 'Rhein-Ufer-2030' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await send(anke, 'POST', `/people/${maxId}/password`, { password: 'Rhein-Ufer-2030' }))
        .statusCode,
    ).toBe(200);
    expect(await lastAudit()).toMatchObject({
      action: 'person.password_set',
      subject_id: maxId,
      detail: '{"own":false}',
    });
    expect400(
      await send(anke, 'POST', `/people/${erikaId}/password`, { password: 'Ehrenamt-2030-x' }),
      'volunteer',
    );
    expect400(
      await send(petra, 'POST', `/people/${petraId}/password`, { password: 'petra l. 12345' }),
      'own name',
    );
    expect400(
      await send(petra, 'POST', `/people/${petraId}/password`, { password: '123' }),
      'short',
    );
    expect(
      (await send(petra, 'POST', `/people/${petraId}/password`, { password: 'Winter-am-Rhein-3' }))
        .statusCode,
    ).toBe(200);
    expect(await lastAudit()).toMatchObject({ detail: '{"own":true}' });
    await expectNoSecretsInAudit();
  });

  it('locks a person out everywhere at once, never oneself; unlocking lifts every lock', async () => {
    const { db } = fresh();
    const { device, authorId } = await setUpPushDevice(app, db);
    const session = await db
      .selectFrom('person_sessions')
      .select(['id', 'revoked_at'])
      .where('user_id', '=', authorId)
      .executeTakeFirstOrThrow();
    expect(session.revoked_at).toBeNull();

    const locked = await send(petra, 'POST', `/people/${authorId}/lock`);
    expect(locked.statusCode).toBe(200);
    expect(v.parse(staffPersonSchema, locked.json()).disabledAt).not.toBeNull();
    const after = await db
      .selectFrom('person_sessions')
      .select('revoked_at')
      .where('id', '=', session.id)
      .executeTakeFirstOrThrow();
    expect(after.revoked_at).not.toBeNull();
    // Her pushes are refused: her session proves nothing any more.
    const pushed = await pushAs(app, device.authorization, {
      clientId: 'c-locked',
      mutations: [callCreate(1, authorId)],
    });
    expect(pushed.statusCode).toBe(403);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/device/sign-in',
      headers: { authorization: device.authorization },
      payload: { name: 'Erika M.', pin: '4711' },
    });
    expect(signIn.statusCode).toBe(401);
    expect(await lastAudit()).toMatchObject({
      action: 'person.lock',
      detail: '{"deviceSessionsEnded":1,"staffSessionsEnded":0}',
    });

    const self = await send(petra, 'POST', `/people/${petraId}/lock`);
    expect(self.statusCode).toBe(403);
    expect((await send(petra, 'POST', `/people/${ankeId}/lock`)).statusCode).toBe(403);

    // A lock after wrong passwords too: unlocking lifts it with the disable.
    for (let i = 0; i < 10; i++) {
      await claimSignInAttempt(
        db,
        QUARTER.id,
        passwordGuardName('Erika M.'),
        new Date(Date.now() + i * 20 * 60_000),
      );
    }
    const unlocked = await send(petra, 'POST', `/people/${authorId}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(v.parse(staffPersonSchema, unlocked.json())).toMatchObject({
      disabledAt: null,
      pinLocked: false,
      passwordLocked: false,
    });
    await signInOn(app, device.authorization, 'Erika M.', '4711');
    expect(await lastAudit()).toMatchObject({ action: 'person.unlock', subject_id: authorId });
  });

  it('hides the console identity of `npm run admin`: nobody staff can list, unlock or revoke', async () => {
    const { db } = fresh();
    const quarter = await findQuarter(db, QUARTER.id);
    if (!quarter) throw new Error('no quarter');
    await PARTNER_COMMANDS['create-partner']?.(
      db,
      quarter,
      { name: 'Frau K.', phone: '02151 123456', positionals: [] },
      new Date(),
    );
    const id = consoleId(QUARTER.id);
    expect(
      await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst(),
    ).toBeDefined();
    expect((await people(anke)).map((p) => p.name)).not.toContain(CONSOLE_NAME);
    const devices = (await send(anke, 'GET', '/devices')).json<{ devices: { id: string }[] }>();
    expect(devices.devices.map((d) => d.id)).not.toContain(id);
    for (const path of [`/people/${id}/unlock`, `/people/${id}/pin`]) {
      expect(
        (await send(anke, 'POST', path, path.endsWith('pin') ? { pin: '5827' } : undefined))
          .statusCode,
      ).toBe(404);
    }
  });

  it('answers 404 for ids of another quarter and unknown ids, 400 for malformed ones', async () => {
    const { db } = fresh();
    const otto = await createPerson(db, 'Otto Anders', 'volunteer', OTHER_QUARTER.id);
    const other = await enrolDevice(app, db, OTHER_QUARTER);
    for (const path of [
      `/people/${otto}/pin`,
      `/people/${otto}/lock`,
      `/people/${otto}/unlock`,
      `/people/unknown-id/lock`,
      `/devices/${other.deviceId}/revoke`,
    ]) {
      const response = await send(
        anke,
        'POST',
        path,
        path.endsWith('/pin') ? { pin: '5827' } : undefined,
      );
      expect(response.statusCode, path).toBe(404);
    }
    expect(
      (await send(anke, 'POST', `/people/${otto}/password`, { password: 'Rhein-Ufer-2030' }))
        .statusCode,
    ).toBe(404);
    expect((await send(anke, 'POST', `/people/a%20b/lock`)).statusCode).toBe(400);
    expect((await send(anke, 'POST', `/people/${'x'.repeat(65)}/lock`)).statusCode).toBe(400);
    const otherDevice = await db
      .selectFrom('devices')
      .select('revoked_at')
      .where('id', '=', other.deviceId)
      .executeTakeFirstOrThrow();
    expect(otherDevice.revoked_at).toBeNull();
  });

  it('lists devices with what they reported; a tablet that stopped delivering stands out', async () => {
    const { db } = fresh();
    const { device, authorId } = await setUpPushDevice(app, db);
    const report = (headers: Record<string, string>) =>
      app.inject({
        method: 'GET',
        url: '/api/v1/device',
        headers: { authorization: device.authorization, ...headers },
      });
    await report({ 'x-app-version': '0.10.0', 'x-outbox-waiting': '7' });
    const listed = async () =>
      v.parse(staffDevicesResponseSchema, (await send(petra, 'GET', '/devices')).json()).devices;
    expect((await listed())[0]).toMatchObject({
      id: device.deviceId,
      label: 'Tablet Anlaufstelle',
      appVersion: '0.10.0',
      waitingCount: 7,
      lastDeliveredAt: null,
      revokedAt: null,
      stale: false,
    });
    // Garbage is ignored, the last good values stay.
    for (const waiting of ['-1', '1e3', '99999999', '1000001', 'sieben', '']) {
      await report({ 'x-app-version': '<script>', 'x-outbox-waiting': waiting });
    }
    expect((await listed())[0]).toMatchObject({ appVersion: '0.10.0', waitingCount: 7 });
    // A push whose every change is refused delivers nothing…
    await pushAs(app, device.authorization, {
      clientId: 'c-1',
      mutations: [{ seq: 1, name: 'call.create', v: 1, author: authorId, args: {} }],
    });
    expect((await listed())[0]?.lastDeliveredAt).toBeNull();
    // …one that applied a change did.
    await pushAs(app, device.authorization, {
      clientId: 'c-1',
      mutations: [callCreate(2, authorId)],
    });
    expect((await listed())[0]?.lastDeliveredAt).not.toBeNull();

    // Changes waiting, nothing delivered for 3 days: stands out; so does 3 days of silence.
    const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    // Never delivered counts from the enrolment: enrolled 4 days ago, 3 waiting.
    await db
      .updateTable('devices')
      .set({ created_at: ago(5) })
      .where('id', '=', device.deviceId)
      .execute();
    const set = (values: {
      last_seen_at: string | null;
      last_delivered_at: string | null;
      waiting_count: number | null;
    }) => db.updateTable('devices').set(values).where('id', '=', device.deviceId).execute();
    const cases: [Parameters<typeof set>[0], boolean][] = [
      [{ last_seen_at: ago(0), last_delivered_at: ago(4), waiting_count: 3 }, true],
      [{ last_seen_at: ago(0), last_delivered_at: ago(4), waiting_count: 0 }, false],
      [{ last_seen_at: ago(0), last_delivered_at: ago(2), waiting_count: 3 }, false],
      [{ last_seen_at: ago(4), last_delivered_at: null, waiting_count: 0 }, true],
      [{ last_seen_at: ago(4), last_delivered_at: ago(4), waiting_count: 0 }, true],
      [{ last_seen_at: ago(0), last_delivered_at: null, waiting_count: 3 }, true],
    ];
    for (const [values, stale] of cases) {
      await set(values);
      expect((await listed())[0]?.stale, JSON.stringify(values)).toBe(stale);
    }
  });

  it('issues enrolment codes that enrol a tablet, and revokes tablets', async () => {
    const { db } = fresh();
    const issued = await send(petra, 'POST', '/enrolment-codes');
    expect(issued.statusCode).toBe(201);
    const { code, expiresAt } = v.parse(enrolmentCodeResponseSchema, issued.json());
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now() + 6 * DAY);
    const line = await lastAudit();
    expect(line).toMatchObject({ action: 'enrolment_code.create', actor_name: 'Petra L.' });
    expect(JSON.stringify(line)).not.toContain(code);
    expect(JSON.stringify(line)).not.toContain(code.replace(/-/g, ''));
    const codeRow = await db
      .selectFrom('enrolment_codes')
      .select('created_by_user_id')
      .executeTakeFirstOrThrow();
    expect(codeRow.created_by_user_id).toBe(petraId);

    const enrolled = await app.inject({
      method: 'POST',
      url: '/api/v1/enrol',
      payload: { code, label: 'Tablet Küche' },
    });
    expect(enrolled.statusCode).toBe(201);
    const { deviceId, credential } = enrolled.json<{ deviceId: string; credential: string }>();
    const authorization = `Bearer ${deviceId}.${credential}`;
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/device', headers: { authorization } }))
        .statusCode,
    ).toBe(200);

    const revoked = await send(petra, 'POST', `/devices/${deviceId}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({
      id: deviceId,
      label: 'Tablet Küche',
      revokedAt: expect.any(String),
      stale: false,
    });
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/device', headers: { authorization } }))
        .statusCode,
    ).toBe(401);
    expect((await send(petra, 'POST', `/devices/${deviceId}/revoke`)).statusCode).toBe(200);
    const revokes = (await auditLines()).filter((l) => l.action === 'device.revoke');
    expect(revokes).toHaveLength(1);
    expect(revokes[0]).toMatchObject({ subject_type: 'device', subject_id: deviceId });
  });

  it('reads the audit log of its own quarter, newest first, page by page', async () => {
    const { db } = fresh();
    const erikaId = await createPerson(db, 'Erika M.');
    await send(petra, 'POST', `/people/${erikaId}/lock`);
    await send(petra, 'POST', `/people/${erikaId}/unlock`);
    await send(petra, 'POST', `/people/${erikaId}/lock`);
    // Locking a locked person changes nothing and writes no line.
    await send(petra, 'POST', `/people/${erikaId}/lock`);
    await send(petra, 'POST', '/enrolment-codes');
    // Another quarter's staff and their actions stay there.
    const otherStaff = { ...PETRA, quarterId: OTHER_QUARTER.id, name: 'Fremd F.' };
    await createStaffUser(db, otherStaff);
    const other = await signInStaff(app, otherStaff);
    await send(other, 'POST', '/enrolment-codes');

    const all = v.parse(auditResponseSchema, (await send(petra, 'GET', '/audit')).json());
    expect(all.entries.map((e) => e.action)).toEqual([
      'enrolment_code.create',
      'person.lock',
      'person.unlock',
      'person.lock',
      'staff.sign_in',
      'staff.sign_in',
    ]);
    expect(all.nextBefore).toBeNull();
    expect(all.nextBeforeId).toBeNull();
    expect(all.entries.every((e) => e.actorName !== 'Fremd F.')).toBe(true);
    expect(all.entries[1]).toMatchObject({
      subjectType: 'person',
      subjectId: erikaId,
      subjectLabel: 'Erika M.',
      actorName: 'Petra L.',
    });

    const seen: string[] = [];
    let before: string | null | undefined;
    let beforeId: string | null | undefined;
    do {
      const query = `limit=2${before ? `&before=${encodeURIComponent(before)}` : ''}${beforeId ? `&beforeId=${beforeId}` : ''}`;
      const page = v.parse(
        auditResponseSchema,
        (await send(petra, 'GET', `/audit?${query}`)).json(),
      );
      expect(page.entries.length).toBeLessThanOrEqual(2);
      seen.push(...page.entries.map((e) => e.id));
      before = page.nextBefore;
      beforeId = page.nextBeforeId;
    } while (before);
    expect(seen).toEqual(all.entries.map((e) => e.id));

    for (const query of [
      'limit=0',
      'limit=201',
      'limit=abc',
      'before=gestern',
      'before=2030-13-01T00:00:00Z',
    ]) {
      expect((await send(petra, 'GET', `/audit?${query}`)).statusCode, query).toBe(400);
    }
  });

  it('writes one audit line per action, without PINs or passwords', async () => {
    const { db } = fresh();
    const created = await send(petra, 'POST', '/people', {
      name: 'Erika M.',
      role: 'volunteer',
      pin: '4711',
    });
    const erika = (created.json() as StaffPerson).id;
    await send(petra, 'POST', `/people/${erika}/pin`, { pin: '5827' });
    await send(petra, 'POST', `/people/${petraId}/password`, { password: 'Winter-am-Rhein-3' });
    await send(petra, 'POST', `/people/${erika}/lock`);
    await send(petra, 'POST', `/people/${erika}/unlock`);
    await send(petra, 'POST', '/enrolment-codes');
    const device = await enrolDevice(app, db);
    await send(petra, 'POST', `/devices/${device.deviceId}/revoke`);
    await send(petra, 'POST', '/sign-out');
    const actions = (await auditLines()).map((line) => line.action);
    // The first two are the sign-ins of Petra and Anke; enrolDevice's code comes from the
    // repository directly, not from staff, so it has no line.
    expect(actions.slice(2)).toEqual([
      'person.create',
      'person.pin_reset',
      'person.password_set',
      'person.lock',
      'person.unlock',
      'enrolment_code.create',
      'device.revoke',
      'staff.sign_out',
    ]);
    await expectNoSecretsInAudit();
  });
});
