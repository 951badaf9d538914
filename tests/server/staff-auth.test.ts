// Staff sign-in and sessions (issue 10) through the real app, on SQLite and PostgreSQL: every
// failing sign-in gets the same answer; the cookie is HttpOnly, SameSite=Strict and limited to
// the staff API; sign-in is limited per address and per name; sessions end when idle, when too
// old, on sign-out, on a lock and on a new password; foreign pages and tablets are refused.
import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import * as v from 'valibot';
import { seedDemoData } from '../../server/demo/seed';
import { DEMO_QUARTER } from '../../server/demo/demo-facts';
import { DEMO_USERS } from '../../server/demo/demo-users';
import { hashPassword } from '../../server/secrets/password-hash';
import { setUserDisabled, setUserPassword } from '../../server/repos/user.repo';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import {
  STAFF_COOKIE,
  STAFF_IDLE_MINUTES,
  STAFF_SESSION_HOURS,
  staffMeSchema,
} from '../../src/shared/staff/staff-session';
import { QUARTER } from './support/fixtures';
import { enrolDevice, OTHER_QUARTER } from './support/identity-fixtures';
import { createPerson, signInOn } from './support/push-fixtures';
import {
  buildStaffTestApp,
  createStaffUser,
  signInStaff,
  testClock,
} from './support/staff-fixtures';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const T0 = new Date('2030-03-04T09:00:00.000Z');
const MINUTE = 60_000;
const PETRA = { quarterId: QUARTER.id, name: 'Petra L.', password: 'Sommer-im-Park-7' };
const ADMIN = { quarterId: QUARTER.id, name: 'Anke Leitung', password: 'Hansa-Centrum-12' };
const FAILED = {
  error: 'staff_sign_in_failed',
  message: 'Name oder Passwort stimmt nicht. Bitte noch einmal versuchen.',
};
const SIGNED_OUT = 'staff_unauthorized';

describeEachDialect('staff sign-in and sessions', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let clock: ReturnType<typeof testClock>;

  beforeEach(async () => {
    clock = testClock(T0);
    ({ app } = await buildStaffTestApp(fresh().db, { clock: clock.now }));
    await createStaffUser(fresh().db, PETRA);
  });

  const signIn = (payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `${STAFF_PREFIX}/sign-in`, payload, headers });
  const me = (cookie: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url: `${STAFF_PREFIX}/me`, headers: { cookie, ...headers } });
  const signOut = (cookie: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: `${STAFF_PREFIX}/sign-out`,
      headers: { cookie, ...headers },
    });

  it('signs in with name and password: who, the quarter, a cookie only the staff API gets', async () => {
    const response = await signIn(PETRA);
    expect(response.statusCode).toBe(200);
    const body = v.parse(staffMeSchema, response.json());
    expect(body).toMatchObject({ name: 'Petra L.', role: 'staff', quarter: QUARTER });
    expect(body.idleExpiresAt).toBe(
      new Date(T0.getTime() + STAFF_IDLE_MINUTES * MINUTE).toISOString(),
    );
    const cookie = response.cookies.find((c) => c.name === STAFF_COOKIE);
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: STAFF_PREFIX,
      maxAge: STAFF_SESSION_HOURS * 3600,
    });
    expect(cookie?.secure).toBeUndefined();
    expect(cookie?.value).toMatch(/^[0-9a-f-]{36}\.[\w-]{43}$/);
    // Only the secret's hash is stored.
    const [row] = await fresh().db.selectFrom('staff_sessions').selectAll().execute();
    expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.token_hash).not.toContain(cookie?.value.split('.')[1]);
    expect((await me(`${STAFF_COOKIE}=${cookie?.value}`)).json()).toEqual(body);
    const audit = await fresh().db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toMatchObject([{ action: 'staff.sign_in', actor_name: 'Petra L.' }]);
    expect(audit[0]?.detail).not.toContain(PETRA.password);
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const proxied = (await buildStaffTestApp(fresh().db, { trustProxy: true })).app;
    const response = await proxied.inject({
      method: 'POST',
      url: `${STAFF_PREFIX}/sign-in`,
      payload: PETRA,
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((c) => c.name === STAFF_COOKIE)?.secure).toBe(true);
  });

  it('answers every failing sign-in alike: wrong, unknown, volunteer, disabled, no password', async () => {
    const { db } = fresh();
    const volunteerId = await createPerson(db, 'Erika M.');
    // Even a volunteer who somehow has a password cannot use it here.
    await db
      .updateTable('users')
      .set({ password_hash: await hashPassword('Erikas-Passwort-9') })
      .where('id', '=', volunteerId)
      .execute();
    const locked = await createStaffUser(db, { ...PETRA, name: 'Gesperrt G.' });
    await setUserDisabled(db, QUARTER.id, locked.id, T0);
    await createPerson(db, 'Ohne Passwort', 'staff');
    await createStaffUser(db, { ...PETRA, quarterId: OTHER_QUARTER.id });
    const attempts = [
      { ...PETRA, password: 'Sommer-im-Park-8' },
      { ...PETRA, name: 'Niemand N.' },
      { ...PETRA, name: 'Erika M.', password: 'Erikas-Passwort-9' },
      { ...PETRA, name: 'Gesperrt G.' },
      { ...PETRA, name: 'Ohne Passwort' },
      { ...PETRA, quarterId: 'q-unknown' },
    ];
    for (const attempt of attempts) {
      const response = await signIn(attempt);
      expect(response.statusCode, attempt.name).toBe(401);
      expect(response.json(), attempt.name).toEqual(FAILED);
      expect(response.cookies).toEqual([]);
    }
    // Petra of the other quarter signs in there, not here.
    expect((await signIn({ ...PETRA, quarterId: OTHER_QUARTER.id })).json()).toMatchObject({
      quarter: OTHER_QUARTER,
    });
  });

  it('refuses malformed sign-in requests with a 400, never a 500', async () => {
    for (const payload of [
      {},
      { ...PETRA, name: '' },
      { ...PETRA, name: '\u200b' },
      { ...PETRA, name: 'x'.repeat(81) },
      { ...PETRA, password: 'a\u0000b-c-d-e-f-g' },
      { ...PETRA, password: 'x'.repeat(201) },
      { ...PETRA, quarterId: 'q test' },
    ]) {
      expect((await signIn(payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('limits sign-in attempts per address (429), not for other addresses', async () => {
    const limited = (
      await buildStaffTestApp(fresh().db, { rateLimits: { staffSignInPerMinute: 3 } })
    ).app;
    // A different name each time: this test is about the address, not the guard per name.
    let n = 0;
    const from = (remoteAddress: string) =>
      limited.inject({
        method: 'POST',
        url: `${STAFF_PREFIX}/sign-in`,
        payload: { ...PETRA, name: `Jemand ${++n}` },
        remoteAddress,
      });
    for (let i = 0; i < 3; i++) expect((await from('10.0.0.1')).statusCode).toBe(401);
    const refused = await from('10.0.0.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      error: 'too_many_requests',
      message:
        'Zu viele Versuche in kurzer Zeit. Bitte eine Minute warten und dann noch einmal versuchen.',
    });
    expect((await from('10.0.0.2')).statusCode).toBe(401);
  });

  it('locks a name after 10 wrong passwords in a row, until a new password; PINs are apart', async () => {
    const { db } = fresh();
    const wrong = { ...PETRA, password: 'falsch-falsch-1' };
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await signIn(wrong)).statusCode);
      // Past any delay (at most 15 minutes): this test is about the lock.
      clock.advance(16 * MINUTE);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    const refused = await signIn(PETRA);
    expect(refused.statusCode).toBe(423);
    expect(refused.json()).toMatchObject({ error: 'account_locked' });
    // The same answers for a name nobody has: nothing tells who exists.
    for (let i = 0; i < 10; i++) {
      await signIn({ ...wrong, name: 'Niemand N.' });
      clock.advance(16 * MINUTE);
    }
    expect((await signIn({ ...wrong, name: 'Niemand N.' })).statusCode).toBe(423);
    // Strangers guessing staff passwords do not lock the same name's PIN on the tablets.
    await db.updateTable('users').set({ role: 'staff' }).where('name', '=', PETRA.name).execute();
    const { setUserPin } = await import('../../server/repos/user.repo');
    await setUserPin(db, QUARTER.id, PETRA.name, '4711');
    const device = await enrolDevice(app, db);
    await signInOn(app, device.authorization, PETRA.name, '4711');
    // A new password lifts the lock.
    const petra = await db
      .selectFrom('users')
      .select('id')
      .where('name', '=', PETRA.name)
      .executeTakeFirstOrThrow();
    await setUserPassword(db, QUARTER.id, petra.id, 'Neues-Passwort-2030');
    expect((await signIn({ ...PETRA, password: 'Neues-Passwort-2030' })).statusCode).toBe(200);
  });

  it('delays the next attempt from the 3rd wrong password in a row (429 with Retry-After)', async () => {
    const wrong = { ...PETRA, password: 'falsch-falsch-1' };
    for (let i = 0; i < 3; i++) expect((await signIn(wrong)).statusCode).toBe(401);
    const delayed = await signIn(PETRA);
    expect(delayed.statusCode).toBe(429);
    expect(Number(delayed.headers['retry-after'])).toBe(30);
    clock.advance(30_000);
    expect((await signIn(PETRA)).statusCode).toBe(200);
  });

  it('ends a session after STAFF_IDLE_MINUTES without use', async () => {
    const cookie = await signInStaff(app, PETRA);
    clock.advance((STAFF_IDLE_MINUTES - 1) * MINUTE);
    expect((await me(cookie)).statusCode).toBe(200);
    // Each use moves the limit on.
    clock.advance((STAFF_IDLE_MINUTES - 1) * MINUTE);
    const used = await me(cookie);
    expect(used.statusCode).toBe(200);
    expect(used.json()).toMatchObject({
      idleExpiresAt: new Date(clock.now().getTime() + STAFF_IDLE_MINUTES * MINUTE).toISOString(),
    });
    clock.advance(STAFF_IDLE_MINUTES * MINUTE + 1);
    const expired = await me(cookie);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: SIGNED_OUT });
    // The browser is told to forget the cookie.
    expect(expired.cookies.find((c) => c.name === STAFF_COOKIE)?.value).toBe('');
  });

  it('ends a session after STAFF_SESSION_HOURS however active it is', async () => {
    const cookie = await signInStaff(app, PETRA);
    const end = T0.getTime() + STAFF_SESSION_HOURS * 60 * MINUTE;
    while (clock.now().getTime() + 20 * MINUTE < end) {
      clock.advance(20 * MINUTE);
      expect((await me(cookie)).statusCode).toBe(200);
    }
    clock.set(new Date(end));
    expect((await me(cookie)).json()).toMatchObject({ error: SIGNED_OUT });
  });

  it('sign-out ends the session and is in the audit log', async () => {
    const cookie = await signInStaff(app, PETRA);
    const other = await signInStaff(app, PETRA);
    const response = await signOut(cookie);
    expect(response.statusCode).toBe(204);
    expect(response.cookies.find((c) => c.name === STAFF_COOKIE)?.value).toBe('');
    expect((await me(cookie)).statusCode).toBe(401);
    // Only this session: the other browser stays signed in.
    expect((await me(other)).statusCode).toBe(200);
    const actions = await fresh().db.selectFrom('audit_log').select('action').execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      'staff.sign_in',
      'staff.sign_in',
      'staff.sign_out',
    ]);
  });

  it('a lock by another staff member ends every session of the person at once', async () => {
    const { db } = fresh();
    await createStaffUser(db, { ...ADMIN, role: 'admin' });
    const admin = await signInStaff(app, ADMIN);
    const petraCookie = await signInStaff(app, PETRA);
    const people = (
      await app.inject({ method: 'GET', url: `${STAFF_PREFIX}/people`, headers: { cookie: admin } })
    ).json<{ people: { id: string; name: string }[] }>();
    const petra = people.people.find((p) => p.name === PETRA.name);
    const locked = await app.inject({
      method: 'POST',
      url: `${STAFF_PREFIX}/people/${petra?.id}/lock`,
      headers: { cookie: admin },
    });
    expect(locked.statusCode).toBe(200);
    expect((await me(petraCookie)).json()).toMatchObject({ error: SIGNED_OUT });
    // Unlocked, the old session stays ended; a new sign-in works.
    await app.inject({
      method: 'POST',
      url: `${STAFF_PREFIX}/people/${petra?.id}/unlock`,
      headers: { cookie: admin },
    });
    expect((await me(petraCookie)).statusCode).toBe(401);
    expect((await signIn(PETRA)).statusCode).toBe(200);
  });

  it('disabling or demoting the person ends the session on the next request', async () => {
    const { db } = fresh();
    const cookie = await signInStaff(app, PETRA);
    await db
      .updateTable('users')
      .set({ role: 'volunteer' })
      .where('name', '=', PETRA.name)
      .execute();
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it("a new password ends the other sessions; one's own change keeps the current one", async () => {
    const { db } = fresh();
    await createStaffUser(db, { ...ADMIN, role: 'admin' });
    const first = await signInStaff(app, PETRA);
    const second = await signInStaff(app, PETRA);
    const petraId = v.parse(staffMeSchema, (await me(first)).json()).userId;
    const own = await app.inject({
      method: 'POST',
      url: `${STAFF_PREFIX}/people/${petraId}/password`,
      headers: { cookie: first },
      payload: { password: 'Winter-am-Rhein-3' },
    });
    expect(own.statusCode).toBe(200);
    expect((await me(first)).statusCode).toBe(200);
    expect((await me(second)).statusCode).toBe(401);
    // An admin sets it: every session of Petra ends, hers included.
    const admin = await signInStaff(app, ADMIN);
    const byAdmin = await app.inject({
      method: 'POST',
      url: `${STAFF_PREFIX}/people/${petraId}/password`,
      headers: { cookie: admin },
      payload: { password: 'Frühling-im-Park-4' },
    });
    expect(byAdmin.statusCode).toBe(200);
    expect((await me(first)).statusCode).toBe(401);
    expect((await signIn({ ...PETRA, password: 'Frühling-im-Park-4' })).statusCode).toBe(200);
  });

  it('refuses state changes from a foreign page (Origin, Sec-Fetch-Site), sign-in included', async () => {
    const cookie = await signInStaff(app, PETRA);
    const foreign = { origin: 'https://evil.example' };
    const refusedSignIn = await signIn(PETRA, foreign);
    expect(refusedSignIn.statusCode).toBe(403);
    expect(refusedSignIn.json()).toMatchObject({ error: 'forbidden' });
    expect(refusedSignIn.cookies).toEqual([]);
    expect((await signOut(cookie, foreign)).statusCode).toBe(403);
    expect((await signOut(cookie, { 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await signOut(cookie, { 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
    expect((await signOut(cookie, { origin: 'null' })).statusCode).toBe(403);
    expect(
      (await signIn(PETRA, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }))
        .statusCode,
    ).toBe(403);
    expect((await me(cookie)).statusCode).toBe(200);
    // The server's own origin is fine.
    const own = {
      host: 'team.example',
      origin: 'http://team.example',
      'sec-fetch-site': 'same-origin',
    };
    expect((await signIn(PETRA, own)).statusCode).toBe(200);
    // http inside, https outside (a TLS proxy without TRUST_PROXY): the host decides.
    expect(
      (await signIn(PETRA, { host: 'team.example', origin: 'https://team.example' })).statusCode,
    ).toBe(200);
    // The browser's own word wins over an Origin that only looks foreign because a proxy
    // rewrote the Host header.
    expect(
      (
        await signIn(PETRA, {
          host: '127.0.0.1:8080',
          origin: 'https://team.example',
          'sec-fetch-site': 'same-origin',
        })
      ).statusCode,
    ).toBe(200);
    expect((await signOut(cookie, own)).statusCode).toBe(204);
  });

  it('refuses a tablet: a device credential gets 403 even with a staff cookie', async () => {
    const { db } = fresh();
    const cookie = await signInStaff(app, PETRA);
    const device = await enrolDevice(app, db);
    const withDevice = await me(cookie, { authorization: device.authorization });
    expect(withDevice.statusCode).toBe(403);
    expect(withDevice.json()).toMatchObject({ error: 'forbidden' });
    expect((await signIn(PETRA, { authorization: device.authorization })).statusCode).toBe(403);
  });

  it('answers 401 for missing, malformed or forged cookies, never a 500', async () => {
    const real = await signInStaff(app, PETRA);
    const [id] = real.slice(STAFF_COOKIE.length + 1).split('.');
    for (const cookie of [
      '',
      `${STAFF_COOKIE}=`,
      `${STAFF_COOKIE}=abc`,
      `${STAFF_COOKIE}=${id}.${'A'.repeat(43)}`,
      `${STAFF_COOKIE}=${'x'.repeat(5000)}`,
      `${STAFF_COOKIE}=%ff%fe`,
    ]) {
      const response = await me(cookie);
      expect(response.statusCode, cookie).toBe(401);
      expect(response.json()).toMatchObject({ error: SIGNED_OUT });
    }
  });
});

describeEachDialect('the demo staff member', (dialect) => {
  const fresh = useFreshDatabase(dialect);

  it('signs in with the password documented in the README', async () => {
    await seedDemoData(fresh().db);
    const { app } = await buildStaffTestApp(fresh().db);
    const anna = DEMO_USERS.find((user) => user.role === 'staff');
    expect(anna?.password).toBe('Laden-Demo-2026');
    const cookie = await signInStaff(app, {
      quarterId: DEMO_QUARTER.id,
      name: anna?.name ?? '',
      password: anna?.password ?? '',
    });
    expect(cookie).toMatch(/^qb_staff=/);
  });
});
