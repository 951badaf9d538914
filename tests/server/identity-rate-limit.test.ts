// Brute force against enrolment codes and PINs: both endpoints answer 429 (German message,
// Retry-After) once an IP has used up its minute. Reading endpoints are not limited.
import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import { createQuarter } from '../../server/repos/quarter.repo';
import { createUser } from '../../server/repos/user.repo';
import { QUARTER } from './support/fixtures';
import { enrolDevice } from './support/identity-fixtures';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const TOO_MANY = {
  error: 'too_many_requests',
  message:
    'Zu viele Versuche in kurzer Zeit. Bitte eine Minute warten und dann noch einmal versuchen.',
};

describeEachDialect('identity rate limits', (dialect) => {
  const fresh = useFreshDatabase(dialect);

  beforeEach(async () => {
    await createQuarter(fresh().db, QUARTER);
  });

  const enrolFrom = (app: FastifyInstance, remoteAddress: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/enrol',
      remoteAddress,
      payload: { code: 'ABCD-EFGH-JKMN' },
    });

  it('allows 10 enrol attempts per IP and minute by default, then 429', async () => {
    const { app } = await buildTestApp(fresh().db);
    for (let i = 1; i <= 10; i++) {
      expect((await enrolFrom(app, '203.0.113.7')).statusCode, `attempt ${i}`).toBe(400);
    }
    const blocked = await enrolFrom(app, '203.0.113.7');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toEqual(TOO_MANY);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another address still gets through; so does everything that is not a secret check.
    expect((await enrolFrom(app, '198.51.100.4')).statusCode).toBe(400);
    const health = await app.inject({
      method: 'GET',
      url: '/api/v1/health',
      remoteAddress: '203.0.113.7',
    });
    expect(health.statusCode).toBe(200);
  });

  it('limits PIN sign-in attempts per IP', async () => {
    const { db } = fresh();
    const { app } = await buildTestApp(db, {}, { signInPerMinute: 3 });
    await createUser(db, {
      quarterId: QUARTER.id,
      name: 'Erika M.',
      role: 'volunteer',
      pin: '4711',
    });
    const device = await enrolDevice(app, db);
    const attempt = (pin: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/device/sign-in',
        headers: { authorization: device.authorization },
        payload: { name: 'Erika M.', pin },
      });
    for (const pin of ['0000', '0001', '0002']) expect((await attempt(pin)).statusCode).toBe(401);
    // Even the right PIN waits now: guessing must not be able to continue.
    const blocked = await attempt('4711');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toEqual(TOO_MANY);
    // Reading the device is not limited.
    const info = await app.inject({
      method: 'GET',
      url: '/api/v1/device',
      headers: { authorization: device.authorization },
    });
    expect(info.statusCode).toBe(200);
  });

  it('takes its limits from the app options', async () => {
    const { app } = await buildTestApp(fresh().db, {}, { enrolPerMinute: 2 });
    expect((await enrolFrom(app, '203.0.113.9')).statusCode).toBe(400);
    expect((await enrolFrom(app, '203.0.113.9')).statusCode).toBe(400);
    expect((await enrolFrom(app, '203.0.113.9')).statusCode).toBe(429);
  });
});
