// Issue 7, "every bad input a clear 4xx on both databases": each finding of the attack on a
// fresh server, row by row, now refused at the edge by the shared schemas (src/shared/text.ts)
// with the documented 4xx — or, inside a push batch, as an `invalid_args` rejection of that one
// mutation while the rest apply — and nothing written. PostgreSQL used to fail on a NUL byte or
// an integer beyond 32 bits (5xx, a push retried for ever); SQLite accepted them.
// Also: every error Fastify or Node answers itself has the documented format and the security
// headers, and a stalled request body times out.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { migrateToLatest } from '../../server/db/migrate';
import { createEnrolmentCode } from '../../server/repos/enrolment-code.repo';
import type { Database } from '../../server/db/tables';
import { PUSH_MAX_BYTES } from '../../src/shared/push-protocol';
import { QUARTER } from './support/fixtures';
import { pullRaw } from './support/pull-fixtures';
import { callArgs, callCreate, callUpdate } from './support/entry-mutations';
import {
  pushAs,
  setUpPushDevice,
  storedLog,
  TEST_PIN,
  type PushSetup,
} from './support/push-fixtures';
import { storedEntry, storedEntryIds } from './support/stored-entries';
import { listenLocally, rawExchange } from './support/raw-http';
import { buildTestApp } from './support/test-app';
import {
  createTestDatabase,
  describeEachDialect,
  useFreshDatabase,
  type TestDatabase,
} from './support/test-database';

const CLIENT = 'client-edge';

/** Rows of every table a request could write: "nothing written" compares these. */
async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = [
    'entries',
    'entry_history',
    'mutation_log',
    'sync_clients',
    'devices',
    'device_users',
    'walk_track_chunks',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** The documented error format, security headers, no-store, and no echo of what was sent. */
function expectDocumentedError(
  response: {
    statusCode?: number;
    status?: number;
    headers: Record<string, unknown>;
    body: string;
  },
  status: number,
  error?: string,
  mustNotEcho: string[] = [],
): void {
  const actual = response.statusCode ?? response.status;
  expect(actual, response.body).toBe(status);
  const body = JSON.parse(response.body) as Record<string, unknown>;
  expect(typeof body.error).toBe('string');
  expect(typeof body.message).toBe('string');
  if (error) expect(body.error).toBe(error);
  expect(String(response.headers['content-type'])).toMatch(/application\/json/);
  expect(String(response.headers['content-security-policy'])).toContain("default-src 'self'");
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['cache-control']).toBe('no-store');
  for (const text of mustNotEcho) expect(response.body).not.toContain(text);
}

describeEachDialect('edge input', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let db: Kysely<Database>;
  let setup: PushSetup;

  beforeEach(async () => {
    db = fresh().db;
    app = (await buildTestApp(db)).app;
    setup = await setUpPushDevice(app, db);
  });

  const push = (mutations: unknown[], clientId = CLIENT) =>
    pushAs(app, setup.device.authorization, { clientId, mutations });

  async function pushOk(mutations: unknown[]) {
    const response = await push(mutations);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ lastSeq: number; rejected: { seq: number; code: string }[] }>();
  }

  const create = (seq: number, overrides: Record<string, unknown> = {}) =>
    callCreate(seq, setup.authorId, { ...callArgs(`call-${seq}`), ...overrides });

  describe('push', () => {
    it('a NUL in the note of the 2nd of 3 calls: that one rejected, the other two stored', async () => {
      const body = await pushOk([create(1), create(2, { note: 'a\u0000b' }), create(3)]);
      expect(body.lastSeq).toBe(3);
      expect(body.rejected).toEqual([expect.objectContaining({ seq: 2, code: 'invalid_args' })]);
      expect(await storedEntryIds(db)).toEqual(['call-1', 'call-3']);
      expect(await storedLog(db, CLIENT)).toEqual([
        { seq: 1, status: 'applied', reject_code: null },
        { seq: 2, status: 'rejected', reject_code: 'invalid_args' },
        { seq: 3, status: 'applied', reject_code: null },
      ]);
    });

    it('control characters, lone surrogates and bidi overrides in any text are invalid_args', async () => {
      const bad = [
        { partner: 'Frau\u0000K.' },
        { partner: 'Frau \u202EK.' },
        { partner: 'Frau \u2066K.' },
        { partner: 'Frau\u0085K.' },
        { partner: 'Frau \uD800K.' },
        { note: 'Zeile 1\r\nZeile 2' },
        { note: 'Escape \u001B[31m rot' },
        { note: 'Ende \uDC00' },
        { activity: { id: 'a1', name: 'Bewegungs\u0000treff', themeName: 'Fit' } },
        { activity: { id: 'a\u0000', name: 'Bewegungstreff', themeName: 'Fit' } },
        { id: 'call-\u0000' },
      ];
      const body = await pushOk(bad.map((overrides, index) => create(index + 1, overrides)));
      expect(body.rejected.map((r) => [r.seq, r.code])).toEqual(
        bad.map((_, index) => [index + 1, 'invalid_args']),
      );
      expect(await storedEntryIds(db)).toEqual([]);
    });

    it('a note keeps its line breaks and tabs', async () => {
      await pushOk([create(1, { note: 'Zeile 1\nZeile 2\tmit Tab' })]);
      expect(await storedEntry(db, 'call-1')).toMatchObject({ note: 'Zeile 1\nZeile 2\tmit Tab' });
    });

    it('names of only zero-width or blank characters are rejected', async () => {
      const invisible = ['\u200B\u200B', '\u200C', '\u200D\u2060', '\uFEFF', ' \u00A0 ', '\u3164'];
      const body = await pushOk(invisible.map((partner, i) => create(i + 1, { partner })));
      expect(body.rejected).toHaveLength(invisible.length);
      expect(await storedEntryIds(db)).toEqual([]);
    });

    it('stores text as NFC: a decomposed "Müller" arrives composed', async () => {
      const decomposed = 'Herr Mu\u0308ller';
      expect(decomposed).not.toBe(decomposed.normalize('NFC'));
      await pushOk([create(1, { partner: decomposed, note: 'Gru\u0308ße' })]);
      const row = await storedEntry(db, 'call-1');
      expect(row.partner).toBe('Herr Müller');
      expect(row.partner).toBe(decomposed.normalize('NFC'));
      expect(row.note).toBe('Grüße');
    });

    it('a 500,000-character activity name is rejected, the batch still applies', async () => {
      const huge = 'x'.repeat(500_000);
      const body = await pushOk([
        create(1, { activity: { id: 'a1', name: huge, themeName: 'Fit fürs Alter' } }),
        create(2),
      ]);
      expect(body.rejected).toEqual([expect.objectContaining({ seq: 1, code: 'invalid_args' })]);
      expect(await storedEntryIds(db)).toEqual(['call-2']);
    });

    it('every text field has a maximum length', async () => {
      const body = await pushOk([
        create(1, { partner: 'x'.repeat(81) }),
        create(2, { note: 'x'.repeat(2001) }),
        create(3, { activity: { id: 'a1', name: 'x'.repeat(201), themeName: 'Fit' } }),
        create(4, { activity: { id: 'a1', name: 'Treff', themeName: 'x'.repeat(201) } }),
        create(5, { id: 'x'.repeat(65) }),
      ]);
      expect(body.rejected.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(await storedEntryIds(db)).toEqual([]);
    });

    const badTimes: [string, unknown][] = [
      ['year 0000', '0000-01-01T00:00:00.000Z'],
      ['year 9999', '9999-12-31T23:59:59.999Z'],
      ['year 1999', '1999-12-31T23:59:59.999Z'],
      ['31 February', '2026-02-31T10:00:00.000Z'],
      ['29 February of a common year', '2027-02-29T10:00:00.000Z'],
      ['a space for T', '2026-11-25 09:02:00.000Z'],
      ['an offset (+14:00)', '2026-11-25T09:02:00.000+14:00'],
      ['no zone', '2026-11-25T09:02:00.000'],
      ['hour 24', '2026-11-25T24:00:00.000Z'],
      ['a leap second', '2026-12-31T23:59:60.000Z'],
      ['six fraction digits', '2026-11-25T09:02:00.000000Z'],
      ['lower-case z', '2026-11-25T09:02:00.000z'],
      ['a number', 1_795_000_000_000],
    ];

    it(`refuses times that are not strict UTC within 2000–2100: ${badTimes.map(([what]) => what).join(', ')}`, async () => {
      // One mutation per bad time, and a good call last: each is rejected on its own.
      const mutations = badTimes.map(([, occurredAt], index) => create(index + 1, { occurredAt }));
      const good = badTimes.length + 1;
      const body = await pushOk([...mutations, create(good)]);
      expect(body.rejected.map((r) => [r.seq, r.code])).toEqual(
        badTimes.map((_, index) => [index + 1, 'invalid_args']),
      );
      expect(await storedEntryIds(db)).toEqual([`call-${good}`]);
    });

    it('accepts times as toISOString writes them, with or without milliseconds', async () => {
      const body = await pushOk([
        create(1, { occurredAt: '2026-02-28T23:59:59.999Z' }),
        create(2, { occurredAt: '2028-02-29T00:00:00Z' }),
        create(3, { occurredAt: '2000-01-01T00:00:00.000Z' }),
        create(4, { occurredAt: '2100-12-31T23:59:59.999Z' }),
      ]);
      expect(body.rejected).toEqual([]);
      expect(await storedEntryIds(db)).toHaveLength(4);
    });

    it('an update with bad text or time is rejected, the call unchanged', async () => {
      await pushOk([create(1)]);
      const created = await storedEntry(db, 'call-1');
      const body = await pushOk([
        callUpdate(2, setup.authorId, 'call-1', 1, { note: 'x\u0000' }),
        callUpdate(3, setup.authorId, 'call-1', 1, { occurredAt: '2026-02-31T10:00:00.000Z' }),
        callUpdate(4, setup.authorId, 'call-1', 1, { partner: '\u200B' }),
        callUpdate(5, setup.authorId, 'call-1', 2 ** 31, { durationMinutes: 5 }),
      ]);
      expect(body.rejected.map((r) => [r.seq, r.code])).toEqual([
        [2, 'invalid_args'],
        [3, 'invalid_args'],
        [4, 'invalid_args'],
        [5, 'invalid_args'],
      ]);
      expect(await storedEntry(db, 'call-1')).toEqual(created);
      expect(await db.selectFrom('entry_history').selectAll().execute()).toEqual([]);
    });

    it('a mutation with v or seq beyond 32 bits, or a NUL in author or name, is a 400; nothing written', async () => {
      const before = await rowCounts(db);
      for (const overrides of [
        { v: 2 ** 31 },
        { v: 1001 },
        { seq: 2 ** 31 },
        { seq: 2 ** 53 },
        { seq: -0 },
        { author: 'user\u0000' },
        { name: 'call.create\u0000' },
      ]) {
        const response = await push([create(1), { ...create(2), ...overrides }]);
        expectDocumentedError(response, 400, 'invalid_request');
      }
      expect(await rowCounts(db)).toEqual(before);
    });

    it('a clientId or appVersion with control characters is a 400, nothing written', async () => {
      const before = await rowCounts(db);
      expectDocumentedError(await push([create(1)], 'client\u0000'), 400, 'invalid_request');
      const badApp = await pushAs(app, setup.device.authorization, {
        clientId: CLIENT,
        appVersion: '0.1.0\u0000',
        mutations: [create(1)],
      });
      expectDocumentedError(badApp, 400, 'invalid_request');
      expect(await rowCounts(db)).toEqual(before);
    });

    it('a walk chunk with an impossible accuracy or time is rejected', async () => {
      const chunk = (seq: number, point: Record<string, unknown>) => ({
        seq,
        name: 'walk.track',
        v: 1,
        author: setup.authorId,
        args: {
          walkId: `walk-${seq}`,
          chunk: 0,
          points: [{ t: '2030-11-25T09:02:00.000Z', lat: 51.3, lon: 6.5, accuracy: 5, ...point }],
        },
      });
      const body = await pushOk([
        chunk(1, { accuracy: 1e308 }),
        chunk(2, { t: '9999-01-01T00:00:00.000Z' }),
        chunk(3, { lat: 91 }),
      ]);
      expect(body.rejected.map((r) => r.code)).toEqual([
        'invalid_args',
        'invalid_args',
        'invalid_args',
      ]);
      expect(await db.selectFrom('walk_track_chunks').selectAll().execute()).toEqual([]);
    });

    it('a 100,000-deep JSON body is a 4xx, never a crash', async () => {
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      const deepObject = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
      const asArgs = `{"clientId":"${CLIENT}","appVersion":"0.1.0","mutations":[{"seq":1,"name":"call.create","v":1,"author":"${setup.authorId}","args":${deep}}]}`;
      for (const payload of [deep, deepObject, asArgs]) {
        const response = await pushAs(app, setup.device.authorization, payload);
        expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
        expect(response.statusCode, response.body).toBeLessThan(500);
        if (response.statusCode >= 400) expectDocumentedError(response, response.statusCode);
      }
      for (const payload of [deep, deepObject]) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/enrol',
          headers: { 'content-type': 'application/json' },
          payload,
        });
        expectDocumentedError(response, 400);
      }
      expect(await storedEntryIds(db)).toEqual([]);
      expect((await app.inject({ url: '/api/v1/health' })).statusCode).toBe(200);
    });
  });

  describe('identity and pull', () => {
    it('sign-in with a NUL in the name or PIN is a 400', async () => {
      for (const payload of [
        { name: 'Erika M.\u0000', pin: TEST_PIN },
        { name: 'Erika\u0000M.', pin: TEST_PIN },
        { name: 'Erika M.', pin: '47\u000011' },
        { name: '\u200B', pin: TEST_PIN },
        { name: 'x'.repeat(81), pin: TEST_PIN },
      ]) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/device/sign-in',
          headers: { authorization: setup.device.authorization },
          payload,
        });
        expectDocumentedError(response, 400, 'invalid_request', ['\u0000']);
      }
    });

    it('sign-in still takes a name with spaces around it', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/device/sign-in',
        headers: { authorization: setup.device.authorization },
        payload: { name: '  Erika M. ', pin: TEST_PIN },
      });
      expect(response.statusCode, response.body).toBe(200);
    });

    it('enrolment with a NUL, an override or nothing visible in the label is a 400; the code stays usable', async () => {
      const { code } = await createEnrolmentCode(db, QUARTER.id);
      const before = await rowCounts(db);
      for (const label of ['Tablet\u0000', 'Tablet \u202Eenilno', '\u200B\u200B', 'x'.repeat(81)]) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/enrol',
          payload: { code, label },
        });
        expectDocumentedError(response, 400, 'invalid_request');
      }
      const badCode = await app.inject({
        method: 'POST',
        url: '/api/v1/enrol',
        payload: { code: `${code}\u0000` },
      });
      expectDocumentedError(badCode, 400, 'invalid_request');
      expect(await rowCounts(db)).toEqual(before);
      const ok = await app.inject({
        method: 'POST',
        url: '/api/v1/enrol',
        payload: { code, label: '  Tablet Anlaufstelle  ' },
      });
      expect(ok.statusCode, ok.body).toBe(201);
      const device = await db
        .selectFrom('devices')
        .select('label')
        .where('id', '=', ok.json<{ deviceId: string }>().deviceId)
        .executeTakeFirstOrThrow();
      expect(device.label).toBe('Tablet Anlaufstelle');
    });

    it('pull with a NUL or space in client or cookie, or from beyond 32 bits, is a 400', async () => {
      for (const [query, field] of [
        ['client=%00', 'client'],
        ['client=a%00b', 'client'],
        ['client=c%20d', 'client'],
        ['cookie=%00', 'cookie'],
        ['cookie=2.a%0Ab', 'cookie'],
        ['from=2147483648', 'from'],
        ['from=9007199254740993', 'from'],
      ] as const) {
        const response = await pullRaw(app, setup.device.authorization, query);
        expectDocumentedError(response, 400, 'invalid_request', ['\u0000']);
        expect(response.json<{ message: string }>().message).toContain(field);
      }
    });

    it('pull with from at the 32-bit limit still answers', async () => {
      const response = await pullRaw(
        app,
        setup.device.authorization,
        `client=${CLIENT}&from=2147483647`,
      );
      expect(response.statusCode, response.body).toBe(200);
    });
  });

  describe('errors Fastify answers itself', () => {
    it('a URL that cannot be decoded: 400 bad_url, never echoed', async () => {
      for (const url of ['/%ZZgeheim', '/api/v1/%ZZgeheim', '/api/v1/pull?x=1&%ZZgeheim']) {
        const response = await app.inject({ method: 'GET', url });
        if (response.statusCode === 200) continue; // a bad query string alone is ignored
        expectDocumentedError(response, 400, 'bad_url', ['geheim', '%ZZ']);
      }
      const response = await app.inject({ method: 'GET', url: '/%ZZgeheim' });
      expect(response.json()).toEqual({
        error: 'bad_url',
        message: 'Die Adresse der Anfrage ist ungültig.',
      });
    });

    it('/%00 without a site is a 404, never "fehlerhaftes JSON"', async () => {
      const response = await app.inject({ method: 'GET', url: '/%00' });
      expectDocumentedError(response, 404, 'not_found');
    });

    it('a 404 API path has the format and the headers', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/v1/gibt-es-nicht?geheim=1' });
      expectDocumentedError(response, 404, 'not_found', ['geheim']);
      const post = await app.inject({ method: 'DELETE', url: '/api/v1/push' });
      expectDocumentedError(post, 404, 'not_found');
    });

    it('413: a push over its byte cap, an enrolment over 1 MiB', async () => {
      const big = JSON.stringify({
        clientId: CLIENT,
        appVersion: '0.1.0',
        mutations: [create(1, { note: 'x'.repeat(PUSH_MAX_BYTES) })],
      });
      expectDocumentedError(await pushAs(app, setup.device.authorization, big), 413, 'too_large');
      const enrol = await app.inject({
        method: 'POST',
        url: '/api/v1/enrol',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ code: 'x'.repeat(2 * 1024 * 1024) }),
      });
      expectDocumentedError(enrol, 413, 'payload_too_large');
      expect(await storedEntryIds(db)).toEqual([]);
    });

    it('415: a push as text/plain', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/push',
        headers: { authorization: setup.device.authorization, 'content-type': 'text/plain' },
        payload: JSON.stringify({ clientId: CLIENT, appVersion: '0.1.0', mutations: [create(1)] }),
      });
      expectDocumentedError(response, 415, 'unsupported_media_type');
      expect(await storedEntryIds(db)).toEqual([]);
    });

    it('malformed JSON keeps its own message', async () => {
      const response = await pushAs(app, setup.device.authorization, '{"clientId": "geheim", ');
      expectDocumentedError(response, 400, 'bad_request', ['geheim']);
      expect(response.json<{ message: string }>().message).toMatch(/JSON/);
    });
  });

  describe('with a static site', () => {
    let staticDir: string;
    let site: FastifyInstance;

    beforeAll(() => {
      staticDir = mkdtempSync(join(tmpdir(), 'qb-edge-static-'));
      writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Q</title>');
    });
    afterAll(() => rmSync(staticDir, { recursive: true, force: true }));
    beforeEach(async () => {
      site = (await buildTestApp(db, { staticDir })).app;
    });

    it('/%00 is a bad URL (it said "fehlerhaftes JSON")', async () => {
      for (const url of ['/%00', '/a%00b', '/assets/%00.js']) {
        const response = await site.inject({ method: 'GET', url });
        expectDocumentedError(response, 400, 'bad_url');
      }
    });
  });
});

// Over a real socket: what Node's HTTP parser answers before Fastify sees a request, and a body
// that never completes. One server for all of them: they write nothing.
describeEachDialect('edge input over a socket', (dialect) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await migrateToLatest(database.db);
    app = await buildApp({
      db: database.db,
      config: { staticDir: '/nonexistent/quartiersbuch-static', logLevel: 'info' },
      logger: false,
      http: { requestTimeoutMs: 600 },
    });
    port = await listenLocally(app);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  const asInject = (raw: Awaited<ReturnType<typeof rawExchange>>) =>
    ({ ...raw, statusCode: raw.status }) as unknown as LightMyRequestResponse;

  it('431: a 100 KB header gets the documented format and the security headers', async () => {
    const big = 'a'.repeat(100 * 1024);
    const raw = await rawExchange(
      port,
      `GET /api/v1/health?geheim=1 HTTP/1.1\r\nHost: localhost\r\nX-Big: ${big}\r\n\r\n`,
    );
    expectDocumentedError(asInject(raw), 431, 'header_too_large', ['geheim', 'aaaa']);
    expect(raw.headers['strict-transport-security']).toMatch(/max-age=/);
    // The server still answers.
    expect((await app.inject({ url: '/api/v1/health' })).statusCode).toBe(200);
  });

  it('400: malformed HTTP gets the documented format', async () => {
    const raw = await rawExchange(port, 'GET /geheim HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expectDocumentedError(asInject(raw), 400, 'bad_request', ['geheim']);
  });

  it('a bad URL over the wire: 400 bad_url with the security headers', async () => {
    const raw = await rawExchange(
      port,
      'GET /%ZZgeheim HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    expectDocumentedError(asInject(raw), 400, 'bad_url', ['geheim']);
  });

  it.each(['/api/v1/enrol', '/api/v1/push'])(
    'a stalled body on %s times out with 408 and the connection closes',
    async (path) => {
      const raw = await rawExchange(
        port,
        `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
          `Authorization: Bearer x.y\r\nContent-Length: 1000\r\n\r\n{"code":"ABCD-`,
        8_000,
      );
      // Push checks the credential before it reads the body: 401 at once, then the rest of
      // the request still times out and the connection closes.
      if (raw.status !== 408) {
        expectDocumentedError(asInject(raw), 401, 'unauthorized');
        expect(raw.rest).toMatch(/^HTTP\/1\.1 408 /);
      } else {
        expectDocumentedError(asInject(raw), 408, 'request_timeout');
      }
      expect(raw.elapsedMs).toBeLessThan(5_000);
    },
  );

  it('a body that stops after its first byte times out after the configured time', async () => {
    const raw = await rawExchange(
      port,
      'POST /api/v1/enrol HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Content-Length: 50\r\n\r\n{',
      8_000,
    );
    expectDocumentedError(asInject(raw), 408, 'request_timeout');
    expect(raw.elapsedMs).toBeGreaterThanOrEqual(500);
    expect(raw.elapsedMs).toBeLessThan(5_000);
  });

  it('the default request timeout (120 s) reaches the HTTP server', async () => {
    const { DEFAULT_REQUEST_TIMEOUT_MS } = await import('../../server/http/http-limits');
    expect(DEFAULT_REQUEST_TIMEOUT_MS).toBe(120_000);
    const other = await buildApp({
      db: database.db,
      config: { staticDir: '/nonexistent', logLevel: 'info' },
      logger: false,
    });
    await other.ready();
    expect(other.server.requestTimeout).toBe(120_000);
    await other.close();
  });
});
