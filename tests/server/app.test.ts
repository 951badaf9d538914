// The HTTP shell around the routes: health, security headers, error mapping, logging.
import type { FastifyInstance } from 'fastify';
import { gunzipSync } from 'node:zlib';
import { beforeEach, expect, it } from 'vitest';
import { seedSmallQuarter } from './support/fixtures';
import { enrolDevice } from './support/identity-fixtures';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

describeEachDialect('app', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let logs: string[];

  beforeEach(async () => {
    ({ app, logs } = await buildTestApp(fresh().db));
  });

  it('reports health with the database in use', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', db: dialect, version: '0.1.0' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('reports 503 when the database does not answer', async () => {
    const unreachable = fresh().db.withPlugin({
      transformQuery: () => {
        throw new Error('connection refused');
      },
      transformResult: (args) => Promise.resolve(args.result),
    });
    const { app: other } = await buildTestApp(unreachable);
    const response = await other.inject({ method: 'GET', url: '/api/v1/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'error', db: dialect });
  });

  it('sends security headers with a CSP that fits the PWA', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/health' });
    const csp = String(response.headers['content-security-policy']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "connect-src 'self'",
      "worker-src 'self'",
      "manifest-src 'self'",
      "img-src 'self' data:",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
  });

  it('compresses large responses when the client accepts gzip', async () => {
    await seedSmallQuarter(fresh().db);
    const { authorization } = await enrolDevice(app, fresh().db);
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/pull',
      headers: { 'accept-encoding': 'gzip', authorization },
    });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(response.rawPayload).toString())).toMatchObject({ head: 1 });
  });

  it('answers unknown API paths with a JSON 404 in German', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/gibt-es-nicht?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: 'not_found',
      message: 'Diesen API-Endpunkt gibt es nicht.',
    });
  });

  it('maps malformed bodies to 4xx and unknown errors to a bare 500', async () => {
    app.post('/api/v1/test-echo', async (request) => request.body);
    app.get('/api/v1/test-crash', async () => {
      throw new Error('secret detail at /srv/quartiersbuch');
    });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/test-echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "Frau Müller", ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      error: 'bad_request',
      message: 'Die Anfrage ist ungültig (z. B. fehlerhaftes JSON).',
    });

    const tooLarge = await app.inject({
      method: 'POST',
      url: '/api/v1/test-echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ error: 'payload_too_large' });

    const wrongType = await app.inject({
      method: 'POST',
      url: '/api/v1/test-echo',
      headers: { 'content-type': 'application/x-kaputt' },
      payload: 'x',
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json()).toMatchObject({ error: 'unsupported_media_type' });

    const crash = await app.inject({ method: 'GET', url: '/api/v1/test-crash' });
    expect(crash.statusCode).toBe(500);
    expect(crash.json()).toEqual({
      error: 'internal',
      message: 'Interner Fehler auf dem Server. Bitte später erneut versuchen.',
    });
    expect(crash.body).not.toContain('secret');
    // The stack goes to the log, for operators.
    expect(logs.join('\n')).toContain('secret detail');
    // The malformed body (personal data) is not logged.
    expect(logs.join('\n')).not.toContain('Müller');
  });

  it('logs requests without query strings, cookies or addresses', async () => {
    await seedSmallQuarter(fresh().db);
    const { authorization, credential } = await enrolDevice(app, fresh().db);
    const first = await app.inject({
      method: 'GET',
      url: '/api/v1/pull',
      headers: { authorization },
    });
    const cookie = first.json<{ cookie: string }>().cookie;
    logs.length = 0;
    await app.inject({
      method: 'GET',
      url: `/api/v1/pull?cookie=${encodeURIComponent(cookie)}&client=client-geheim&from=3`,
      headers: { cookie: 'session=geheim', authorization },
      remoteAddress: '203.0.113.77',
    });
    const text = logs.join('\n');
    expect(text).toContain('"url":"/api/v1/pull"');
    expect(text).toContain('"statusCode":200');
    for (const secret of [cookie, credential, 'geheim', '203.0.113.77', 'cookie=', 'from=']) {
      expect(text).not.toContain(secret);
    }
  });
});
