// Limits by who is asking (issue 7): the per-address limits see the real client address behind
// a trusted reverse proxy (TRUST_PROXY) and only then; push is limited per device (a quota per
// minute, 429 with Retry-After), and requests without a device credential count for nobody.
import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import type { TrustProxy } from '../../server/config';
import { createQuarter } from '../../server/repos/quarter.repo';
import { QUARTER } from './support/fixtures';
import { callCreate } from './support/entry-mutations';
import { pushAs, setUpPushDevice } from './support/push-fixtures';
import { storedEntryIds } from './support/stored-entries';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

describeEachDialect('per-address limits behind a reverse proxy', (dialect) => {
  const fresh = useFreshDatabase(dialect);

  beforeEach(async () => {
    await createQuarter(fresh().db, QUARTER);
  });

  async function appTrusting(trustProxy: TrustProxy | undefined): Promise<FastifyInstance> {
    const config = trustProxy === undefined ? {} : { trustProxy };
    return (await buildTestApp(fresh().db, config, { enrolPerMinute: 2 })).app;
  }

  /** An enrolment attempt arriving from `remoteAddress` that says it forwards for `client`. */
  const enrol = (app: FastifyInstance, client: string, remoteAddress = '127.0.0.1') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/enrol',
      remoteAddress,
      headers: { 'x-forwarded-for': client },
      payload: { code: 'ABCD-EFGH-JKMN' },
    });

  it('gives two clients behind a trusted proxy a budget each', async () => {
    for (const trust of [['127.0.0.1'], ['127.0.0.0/8', '::1'], true, 1] as TrustProxy[]) {
      const app = await appTrusting(trust);
      expect((await enrol(app, '203.0.113.1')).statusCode).toBe(400);
      expect((await enrol(app, '203.0.113.1')).statusCode).toBe(400);
      expect((await enrol(app, '203.0.113.1')).statusCode, String(trust)).toBe(429);
      // Another client behind the same proxy still has its own budget.
      expect((await enrol(app, '203.0.113.2')).statusCode, String(trust)).toBe(400);
      await app.close();
    }
  });

  it('without TRUST_PROXY, everyone behind the proxy shares its address', async () => {
    const app = await appTrusting(undefined);
    expect((await enrol(app, '203.0.113.1')).statusCode).toBe(400);
    expect((await enrol(app, '203.0.113.2')).statusCode).toBe(400);
    expect((await enrol(app, '203.0.113.3')).statusCode).toBe(429);
  });

  it('does not believe X-Forwarded-For from an address that is not the trusted proxy', async () => {
    const app = await appTrusting(['10.0.0.1']);
    // A client talking to the server directly, making up a new address each time.
    const direct = '198.51.100.9';
    expect((await enrol(app, '203.0.113.1', direct)).statusCode).toBe(400);
    expect((await enrol(app, '203.0.113.2', direct)).statusCode).toBe(400);
    expect((await enrol(app, '203.0.113.3', direct)).statusCode).toBe(429);
    // Through the proxy, the forwarded address counts.
    expect((await enrol(app, '203.0.113.3', '10.0.0.1')).statusCode).toBe(400);
  });
});

describeEachDialect('push quota per device', (dialect) => {
  const fresh = useFreshDatabase(dialect);

  it('answers 429 with Retry-After over the quota, per device, and applies nothing', async () => {
    const { db } = fresh();
    const { app } = await buildTestApp(db, {}, { pushPerMinute: 3 });
    const one = await setUpPushDevice(app, db);
    const two = await setUpPushDevice(app, db);
    const empty = (clientId: string) => ({ clientId, mutations: [] });
    for (let i = 0; i < 3; i++) {
      expect((await pushAs(app, one.device.authorization, empty('c-one'))).statusCode).toBe(200);
    }
    const over = await pushAs(app, one.device.authorization, {
      clientId: 'c-one',
      mutations: [callCreate(1, one.authorId)],
    });
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(over.json()).toEqual({
      error: 'too_many_requests',
      message:
        'Dieses Gerät sendet zu oft. Die Änderungen bleiben auf dem Gerät und werden gleich erneut gesendet.',
    });
    expect(await storedEntryIds(db)).toEqual([]);

    // Strangers without a credential get 401 and use up nobody's quota …
    for (let i = 0; i < 10; i++) {
      expect((await pushAs(app, undefined, empty('c-x'))).statusCode).toBe(401);
      expect((await pushAs(app, 'Bearer nope.nope', empty('c-x'))).statusCode).toBe(401);
    }
    // … and the other device, behind the same address, has its own.
    for (let i = 0; i < 3; i++) {
      const response = await pushAs(app, two.device.authorization, {
        clientId: 'c-two',
        mutations: i === 0 ? [callCreate(1, two.authorId)] : [],
      });
      expect(response.statusCode).toBe(200);
    }
    expect(await storedEntryIds(db)).toEqual(['call-1']);
  });

  it('allows 60 pushes per device and minute by default', async () => {
    const { db } = fresh();
    const { app } = await buildTestApp(db);
    const { device } = await setUpPushDevice(app, db);
    for (let i = 0; i < 60; i++) {
      const response = await pushAs(app, device.authorization, { clientId: 'c', mutations: [] });
      expect(response.statusCode, `push ${i + 1}`).toBe(200);
    }
    expect(
      (await pushAs(app, device.authorization, { clientId: 'c', mutations: [] })).statusCode,
    ).toBe(429);
  });
});
