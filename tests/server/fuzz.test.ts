// Issue 7: a seeded, replayable fuzz test of every endpoint documented in docs/api.md, with and
// without valid credentials — malformed, oversized, hostile and boundary values (NUL, lone
// surrogates, bidi overrides, 2^31, 2^53, -0, 1e999, NaN-like strings, years 0000/9999,
// 100,000-deep JSON, huge strings, wrong types, __proto__/constructor keys). Every answer must
// be a 2xx or a 4xx the docs list (status and `error` code from the error table, JSON with
// `error` and `message`, the security headers), never a 5xx; afterwards the server still
// answers, and nothing is half-written: the entries (calls and advice sessions) are exactly
// those of the creates answered as applied, every client's log has no holes, no stored text has a control character.
//
// Replay a failure: FUZZ_SEED=<the printed seed> npx vitest run tests/server/fuzz.test.ts
// More requests: FUZZ_RUNS=2000 (default 1000 per database).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateToLatest } from '../../server/db/migrate';
import type { Database } from '../../server/db/tables';
import { revokeDevice } from '../../server/repos/device.repo';
import { createEnrolmentCode } from '../../server/repos/enrolment-code.repo';
import { planPush } from '../../server/sync/push-sequence';
import { isCleanText } from '../../src/shared/text';
import { seedSmallQuarter, QUARTER } from './support/fixtures';
import { enrolDevice, sessionHeaders } from './support/identity-fixtures';
import { adviceArgs, callArgs } from './support/entry-mutations';
import { storedEntries } from './support/stored-entries';
import { createPerson, setUpPushDevice, type PushSetup } from './support/push-fixtures';
import { buildTestApp } from './support/test-app';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from './support/test-database';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2_147_483_647;
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1000;
console.info(
  `fuzz seed ${SEED}, ${RUNS} requests per database (replay: FUZZ_SEED=${SEED} npx vitest run tests/server/fuzz.test.ts)`,
);

// ---- What the docs promise --------------------------------------------------------------------

const API_DOC = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');

/** `| 409 | \`seq_gap\` | …` rows of the error table: status → codes. */
function documentedErrors(): Map<number, Set<string>> {
  const errors = new Map<number, Set<string>>();
  for (const match of API_DOC.matchAll(/^\|\s*(\d{3})\s*\|\s*`([a-z_]+)`/gm)) {
    const status = Number(match[1]);
    const codes = errors.get(status) ?? new Set<string>();
    codes.add(match[2] ?? '');
    errors.set(status, codes);
  }
  return errors;
}

/** The endpoints the docs describe: headings such as "## `POST /api/v1/push` (device)". */
function documentedEndpoints(): { method: string; path: string }[] {
  const found = [
    ...API_DOC.matchAll(/^#{2,3} `(GET|POST|PUT|PATCH|DELETE) (\/api\/v1\/[^`\s?]*)`/gm),
  ];
  return found.map((match) => ({ method: match[1] ?? '', path: match[2] ?? '' }));
}

const ERRORS = documentedErrors();
const ENDPOINTS = documentedEndpoints();

// ---- A small seeded PRNG (mulberry32) -----------------------------------------------------------

class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

// ---- Hostile values -------------------------------------------------------------------------------

/** Raw JSON tokens JSON.stringify cannot write: sent by replacing a placeholder string. */
const RAW_TOKENS = [
  '-0',
  '1e999',
  '-1e999',
  '1E2',
  '0.0',
  '9007199254740993',
  '1' + '0'.repeat(40),
];
const rawToken = (token: string) => `\u0001raw:${token}\u0001`;

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00',
  '\uDBFF\uDFFF',
  '\u202E',
  'Frau \u202EK.',
  '\u2066x\u2069',
  '\u200B',
  '\u200B\u200D\uFEFF',
  '\u001B[2J\u001B[31mrot',
  '\r\n',
  '\t',
  '\u0085',
  '\u2028',
  '\uFFFF',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e309',
  '0x10',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '0000-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '2026-02-31T10:00:00.000Z',
  '2026-11-25 09:02:00.000Z',
  '2026-11-25T09:02:00.000+14:00',
  '2030-11-25T09:02:00.000Z',
  '%00',
  '%ZZ',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE entries; --",
  '${7*7}',
  'Mu\u0308ller',
  'Ärger 😀',
  'call.create',
  'x'.repeat(65),
  'x'.repeat(81),
  'x'.repeat(2001),
];
const HOSTILE_NUMBERS = [
  0,
  1,
  -1,
  0.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 53 + 2,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  600,
  601,
  1000,
  1001,
  99_999,
  100_000,
];
const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'extra',
  '',
  '\u0000',
  'x'.repeat(300),
];

function randomText(random: Random): string {
  let text = '';
  const length = random.int(40);
  for (let i = 0; i < length; i += 1) {
    text += String.fromCharCode(
      random.chance(0.5)
        ? random.int(0x80)
        : random.chance(0.5)
          ? random.int(0x10000)
          : 0xd800 + random.int(0x800),
    );
  }
  return text;
}

function hostileValue(random: Random, depth = 0): unknown {
  const kind = random.int(depth >= 2 ? 7 : 9);
  switch (kind) {
    case 0:
    case 1:
      return random.pick(HOSTILE_STRINGS);
    case 2:
      return random.pick(HOSTILE_NUMBERS);
    case 3:
      return rawToken(random.pick(RAW_TOKENS));
    case 4:
      return random.pick([true, false, null]);
    case 5:
      return randomText(random);
    case 6:
      return random.chance(0.05) ? 'y'.repeat(70_000 + random.int(10_000)) : random.pick([[], {}]);
    case 7:
      return Array.from({ length: random.int(4) }, () => hostileValue(random, depth + 1));
    default:
      return objectWith(
        Array.from({ length: random.int(4) }, () => [
          random.chance(0.5) ? random.pick(HOSTILE_KEYS) : random.pick(HOSTILE_STRINGS),
          hostileValue(random, depth + 1),
        ]),
      );
  }
}

/** An object with own properties even for keys like "__proto__" (as JSON.parse makes them). */
function objectWith(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

/** JSON text with the raw tokens put in. */
function toJson(value: unknown): string {
  return JSON.stringify(value).replace(/"\\u0001raw:([^"\\]*)\\u0001"/g, '$1');
}

/** Percent-encoding that also writes lone surrogates (as the bytes WTF-8 would give them). */
function encodeHostile(text: string): string {
  let encoded = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      const bytes = [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)];
      encoded += bytes.map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    } else encoded += encodeURIComponent(char);
  }
  return encoded;
}

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = [], into: Path[] = []): Path[] {
  into.push(path);
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...path, index], into));
  else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value))
      pathsOf((value as Record<string, unknown>)[key], [...path, key], into);
  }
  return into;
}

/** A copy of `value` with one random place replaced, deleted or given an extra key. */
function corrupt(random: Random, value: unknown): unknown {
  const copy = structuredClone(value);
  const paths = pathsOf(copy);
  const path = random.pick(paths);
  if (path.length === 0) return random.chance(0.5) ? hostileValue(random) : copy;
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], copy);
  const key = path.at(-1) as string | number;
  const node = parent as Record<string | number, unknown>;
  const action = random.int(10);
  if (action < 7) node[key] = hostileValue(random);
  else if (action < 9 && !Array.isArray(parent)) delete node[key];
  else {
    const target = node[key];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
      Object.defineProperty(target, random.pick(HOSTILE_KEYS), {
        value: hostileValue(random),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else node[key] = hostileValue(random);
  }
  return copy;
}

// ---- Whole bodies that are hostile as such ------------------------------------------------------

const DEPTH = 100_000;
const RAW_BODIES: { name: string; contentType: string; payload: string }[] = [
  {
    name: 'deep array',
    contentType: 'application/json',
    payload: '['.repeat(DEPTH) + ']'.repeat(DEPTH),
  },
  {
    name: 'deep object',
    contentType: 'application/json',
    payload: '{"a":'.repeat(DEPTH) + '0' + '}'.repeat(DEPTH),
  },
  {
    name: 'huge string',
    contentType: 'application/json',
    payload: JSON.stringify('x'.repeat(1_200_000)),
  },
  { name: 'broken JSON', contentType: 'application/json', payload: '{"code": "K7QM-3XPA", ' },
  { name: 'empty', contentType: 'application/json', payload: '' },
  {
    name: 'proto',
    contentType: 'application/json',
    payload: '{"__proto__": {"admin": true}, "code": "x"}',
  },
  {
    name: 'constructor',
    contentType: 'application/json',
    payload: '{"constructor": {"prototype": {"admin": true}}, "code": "x"}',
  },
  { name: 'text', contentType: 'text/plain', payload: 'code=K7QM-3XPA' },
  { name: 'form', contentType: 'application/x-www-form-urlencoded', payload: 'code=K7QM-3XPA' },
  { name: 'NUL bytes', contentType: 'application/json', payload: '{"code":"\u0000"}' },
  { name: 'lone surrogate', contentType: 'application/json', payload: '{"code":"\\ud800"}' },
  { name: 'number', contentType: 'application/json', payload: '1e999' },
  { name: 'null', contentType: 'application/json', payload: 'null' },
];

/** Headers a request may carry besides its own, now and then. */
const ODD_HEADERS: [string, string][] = [
  ['accept-encoding', 'identity;q=0, *;q=0'],
  ['accept-encoding', 'gzip;q=abc, x-unknown'],
  ['content-encoding', 'gzip'],
  ['content-encoding', 'x-unknown'],
  ['content-type', 'application/json; charset=latin1'],
  ['content-type', 'application/json; charset=utf-16'],
  ['content-type', 'application/JSON'],
  ['accept', 'text/html'],
  ['accept', 'application/xml'],
  ['x-forwarded-for', '1.2.3.4, 5.6.7.8'],
  ['x-person-sessions', 'a'.repeat(8000)],
  ['cookie', 'session=__proto__'],
  ['expect', '100-continue'],
];

// ---- The fuzz run -----------------------------------------------------------------------------------

interface FuzzRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** For the check of what was applied: the push body as sent, when it is one. */
  push?: { clientId: string; mutations: { seq: number; name: string; args: unknown }[] };
  enrol?: boolean;
}

function describeRequest(request: FuzzRequest): string {
  const payload =
    request.payload === undefined ? '' : ` ${JSON.stringify(request.payload.slice(0, 300))}`;
  const headers = Object.keys(request.headers).join(',');
  return `${request.method} ${request.url.slice(0, 300)} [${headers}]${payload}${
    (request.payload?.length ?? 0) > 300 ? `… (${request.payload?.length} chars)` : ''
  }`;
}

describeEachDialect('fuzz', (dialect) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let app: FastifyInstance;
  let setup: PushSetup;
  let revokedAuthorization: string;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'qb-fuzz-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Q</title>');
    writeFileSync(join(staticDir, 'assets', 'index-abc123.js'), 'console.log(1);');
    database = await createTestDatabase(dialect);
    db = database.db;
    await migrateToLatest(db);
    await seedSmallQuarter(db);
    app = (
      await buildTestApp(
        db,
        { staticDir, logLevel: 'warn' },
        { enrolPerMinute: 1_000_000, signInPerMinute: 1_000_000, pushPerMinute: 1_000_000 },
      )
    ).app;
    setup = await setUpPushDevice(app, db);
    await createPerson(db, 'Fuzz Person', 'volunteer', QUARTER.id, '2468');
    const revoked = await enrolDevice(app, db, QUARTER, 'Altes Tablet');
    await revokeDevice(db, revoked.deviceId);
    revokedAuthorization = revoked.authorization;
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    rmSync(staticDir, { recursive: true, force: true });
  });

  it(`answers ${RUNS} hostile requests with 2xx or a documented 4xx, and writes nothing half`, async () => {
    const random = new Random(SEED + (dialect === 'postgres' ? 1 : 0));
    const freshCodes = await Promise.all(
      Array.from({ length: 5 }, () => createEnrolmentCode(db, QUARTER.id).then((c) => c.code)),
    );
    const devicesBefore = await countRows(db, 'devices');
    let enrolled = 0;
    const lastSeq = new Map<string, number>();
    const appliedIds = new Set<string>();
    const clients = ['fuzz-a', 'fuzz-b', 'fuzz-c'];
    /** Updates and deletes mostly aim at entries that exist (of either kind). */
    const targetId = () =>
      appliedIds.size > 0 && random.chance(0.8)
        ? random.pick([...appliedIds])
        : `unknown-${random.int(10)}`;

    const authorization = (): Record<string, string> => {
      const which = random.int(10);
      if (which < 6) {
        return {
          authorization: setup.device.authorization,
          ...sessionHeaders(setup.device.authorization),
        };
      }
      if (which < 7) return {};
      if (which < 8) return { authorization: revokedAuthorization };
      if (which < 9) {
        return {
          authorization: setup.device.authorization,
          'x-person-sessions': random.pick([
            '',
            ',',
            'a.b',
            'x'.repeat(5000),
            '%00',
            'a'.repeat(64) + '.' + 'b'.repeat(200),
          ]),
        };
      }
      return {
        authorization: random.pick([
          'Bearer',
          'Bearer ',
          'Bearer a.b',
          'Basic Zm9vOmJhcg==',
          `Bearer ${'x'.repeat(10_000)}`,
          `Bearer ${setup.device.deviceId}.`,
          `Bearer ${setup.device.deviceId}.${'A'.repeat(43)}`,
          'Bearer __proto__.constructor',
        ]),
      };
    };

    const validMutation = (seq: number) => {
      const author = setup.authorId;
      const kind = random.int(8);
      const id = `fz-${random.int(1_000_000)}`;
      if (kind === 0) return { seq, name: 'call.create', v: 1, author, args: callArgs(id) };
      if (kind === 1) {
        return {
          seq,
          name: 'call.create',
          v: 2,
          author,
          args: { ...callArgs(id), reached: random.chance(0.5) },
        };
      }
      const target = targetId();
      if (kind === 2) {
        return {
          seq,
          name: 'call.update',
          v: 1,
          author,
          args: {
            id: target,
            baseVersion: random.pick([null, 0, 1, 5]),
            fields: { note: 'Neue Notiz', durationMinutes: 10 },
          },
        };
      }
      if (kind === 3) return { seq, name: 'call.delete', v: 1, author, args: { id: target } };
      if (kind === 4) {
        return {
          seq,
          name: 'walk.track',
          v: 1,
          author,
          args: {
            walkId: `walk-${random.int(100)}`,
            chunk: random.int(3),
            points: [{ t: '2030-11-25T09:02:00.000Z', lat: 51.33, lon: 6.56, accuracy: 5 }],
          },
        };
      }
      if (kind === 6) return { seq, name: 'advice.create', v: 1, author, args: adviceArgs(id) };
      if (kind === 7) {
        return {
          seq,
          name: random.pick(['advice.update', 'advice.delete']),
          v: 1,
          author,
          args: { id: target, baseVersion: 1, fields: { place: 'home', topics: [] } },
        };
      }
      return { seq, name: 'call.create', v: 2, author, args: { ...callArgs(id), reached: true } };
    };

    const pushRequest = (): FuzzRequest => {
      const clientId = random.pick(clients);
      const next = (lastSeq.get(clientId) ?? 0) + 1;
      const start = random.chance(0.8)
        ? next
        : random.pick([1, next - 1, next + 1, next + 5, 2 ** 31, 2 ** 53]);
      const count = 1 + random.int(5);
      const mutations = Array.from({ length: count }, (_, i) => {
        const mutation = validMutation(Math.max(1, start) + i);
        return random.chance(0.4) ? (corrupt(random, mutation) as typeof mutation) : mutation;
      });
      let body: unknown = { clientId, appVersion: '0.1.0', mutations };
      if (random.chance(0.2)) body = corrupt(random, body);
      return {
        method: 'POST',
        url: '/api/v1/push',
        headers: { 'content-type': 'application/json', ...authorization() },
        payload: toJson(body),
        push: body as FuzzRequest['push'],
      };
    };

    const enrolRequest = (): FuzzRequest => {
      const code =
        random.chance(0.15) && freshCodes.length > 0
          ? (freshCodes.pop() as string)
          : random.pick(HOSTILE_STRINGS);
      let body: unknown = {
        code,
        label: random.chance(0.5) ? 'Tablet Anlaufstelle' : hostileValue(random),
      };
      if (random.chance(0.4)) body = corrupt(random, body);
      return {
        method: 'POST',
        url: '/api/v1/enrol',
        headers: {
          'content-type': 'application/json',
          ...(random.chance(0.2) ? authorization() : {}),
        },
        payload: toJson(body),
        enrol: true,
      };
    };

    const signInRequest = (): FuzzRequest => {
      const name = random.pick([
        'Fuzz Person',
        'fuzz person',
        '  Fuzz Person ',
        'Niemand',
        random.pick(HOSTILE_STRINGS),
      ]);
      let body: unknown = {
        name,
        pin: random.pick(['2468', '0000', '24680', random.pick(HOSTILE_STRINGS)]),
      };
      if (random.chance(0.4)) body = corrupt(random, body);
      return {
        method: 'POST',
        url: '/api/v1/device/sign-in',
        headers: { 'content-type': 'application/json', ...authorization() },
        payload: toJson(body),
      };
    };

    const queryValue = () => {
      const value = hostileValue(random);
      return typeof value === 'string' ? value : toJson(value);
    };

    const pullRequest = (): FuzzRequest => {
      const params = new URLSearchParams();
      const keys = ['cookie', 'client', 'from', 'quarter', random.pick(HOSTILE_KEYS)];
      for (const key of keys) {
        if (random.chance(0.4)) params.append(key, queryValue());
        if (random.chance(0.05)) params.append(key, queryValue());
      }
      if (random.chance(0.2)) params.set('client', random.pick(clients));
      if (random.chance(0.1)) params.set('from', String(random.pick(HOSTILE_NUMBERS)));
      let query = params.toString();
      if (random.chance(0.1))
        query += random.pick(['&%ZZ', '&cookie=%00', '&a=%E0%A4%A', '&&&', '&from']);
      return { method: 'GET', url: `/api/v1/pull?${query}`, headers: authorization() };
    };

    const simpleGet = (path: string) => (): FuzzRequest => {
      const query = random.chance(0.3)
        ? `?${encodeHostile(queryValue())}=${encodeHostile(queryValue())}`
        : '';
      return { method: 'GET', url: `${path}${query}`, headers: authorization() };
    };

    const staticRequest = (): FuzzRequest => {
      const path = random.pick([
        '/',
        '/index.html',
        '/assets/index-abc123.js',
        '/assets/missing.js',
        '/wochenuebersicht',
        '/%00',
        '/a%00b',
        '/%ZZ',
        '/..%2f..%2fetc%2fpasswd',
        '/%2e%2e/%2e%2e/etc/passwd',
        '/assets/',
        '/api',
        '/api/v2/pull',
        `/${encodeHostile(randomText(random))}`,
        `/${'a'.repeat(5000)}`,
      ]);
      const headers: Record<string, string> = {};
      if (random.chance(0.2))
        headers.range = random.pick(['bytes=0-1', 'bytes=999999-', 'bytes=5-1', 'bytes=x']);
      if (random.chance(0.1)) headers['if-none-match'] = random.pick(['*', '"abc"', 'W/"x"']);
      return { method: random.pick(['GET', 'GET', 'HEAD', 'POST', 'OPTIONS']), url: path, headers };
    };

    const rawBodyRequest = (): FuzzRequest => {
      const target = random.pick(ENDPOINTS.filter((e) => e.method === 'POST'));
      const body = random.pick(RAW_BODIES);
      return {
        method: 'POST',
        url: target.path,
        headers: { 'content-type': body.contentType, ...authorization() },
        payload: body.payload,
      };
    };

    const wrongMethod = (): FuzzRequest => {
      const target = random.pick(ENDPOINTS);
      const method = random.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const);
      return {
        method,
        url: target.path,
        headers: {
          ...authorization(),
          ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
        },
        ...(method === 'GET' || method === 'DELETE'
          ? {}
          : { payload: toJson(hostileValue(random)) }),
      };
    };

    /** Any documented endpoint this file has no own generator for: random bodies and queries. */
    const generic = (endpoint: { method: string; path: string }) => (): FuzzRequest => ({
      method: endpoint.method as FuzzRequest['method'],
      url: `${endpoint.path}?${encodeHostile(queryValue())}=${encodeHostile(queryValue())}`,
      headers: { 'content-type': 'application/json', ...authorization() },
      ...(endpoint.method === 'GET' ? {} : { payload: toJson(hostileValue(random)) }),
    });

    const known: Record<string, () => FuzzRequest> = {
      'POST /api/v1/push': pushRequest,
      'POST /api/v1/enrol': enrolRequest,
      'POST /api/v1/device/sign-in': signInRequest,
      'GET /api/v1/pull': pullRequest,
      'GET /api/v1/device': simpleGet('/api/v1/device'),
      'GET /api/v1/health': simpleGet('/api/v1/health'),
    };
    expect(ENDPOINTS.length, 'docs/api.md lists the endpoints').toBeGreaterThanOrEqual(6);
    const generators: (() => FuzzRequest)[] = [
      ...ENDPOINTS.map(
        (endpoint) => known[`${endpoint.method} ${endpoint.path}`] ?? generic(endpoint),
      ),
      pushRequest,
      pushRequest,
      pushRequest,
      staticRequest,
      rawBodyRequest,
      wrongMethod,
    ];

    // Every whole-body attack once on every POST endpoint, then the random ones.
    const fixed: FuzzRequest[] = ENDPOINTS.filter((e) => e.method === 'POST').flatMap((endpoint) =>
      RAW_BODIES.map((body) => ({
        method: 'POST' as const,
        url: endpoint.path,
        headers: {
          'content-type': body.contentType,
          authorization: setup.device.authorization,
          ...sessionHeaders(setup.device.authorization),
        },
        payload: body.payload,
      })),
    );

    const problems: string[] = [];
    const statuses = new Map<string, number>();
    for (let index = 0; index < fixed.length + RUNS; index += 1) {
      const request =
        index < fixed.length ? (fixed[index] as FuzzRequest) : random.pick(generators)();
      if (index >= fixed.length && random.chance(0.1)) {
        const [name, value] = random.pick(ODD_HEADERS);
        request.headers = { ...request.headers, [name]: value };
      }
      let response: LightMyRequestResponse;
      try {
        response = await app.inject({
          method: request.method,
          url: request.url,
          headers: request.headers,
          ...(request.payload === undefined ? {} : { payload: request.payload }),
        });
      } catch (error) {
        problems.push(`#${index} ${describeRequest(request)}: inject threw ${String(error)}`);
        continue;
      }
      const key = `${request.method} ${request.url.split('?')[0]?.slice(0, 40)} ${response.statusCode}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      const problem = checkResponse(request, response);
      if (problem) problems.push(`#${index} ${describeRequest(request)}: ${problem}`);
      if (request.enrol && response.statusCode === 201) enrolled += 1;
      if (request.push && response.statusCode === 200) {
        trackPush(request.push, response.json(), lastSeq, appliedIds, problems, index);
      }
      if (problems.length >= 5) break;
    }
    if (process.env.FUZZ_VERBOSE) console.info([...statuses].sort().join('\n'));
    expect(problems, `seed ${SEED} (replay: FUZZ_SEED=${SEED})`).toEqual([]);

    // The server is still up, and nothing is half-written.
    const health = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(health.statusCode).toBe(200);
    const entries = await storedEntries(db);
    expect(new Set(entries.map((entry) => entry.id)), `seed ${SEED}`).toEqual(appliedIds);
    for (const entry of entries) {
      const ids = new Set(['id', 'author_user_id', 'device_id']);
      const stored = Object.entries(entry).filter(([field]) => !ids.has(field));
      for (const [field, text] of textsOf(Object.fromEntries(stored))) {
        expect(
          isCleanText(text, field === 'note') && text === text.normalize('NFC'),
          `seed ${SEED}: ${JSON.stringify(text)}`,
        ).toBe(true);
      }
    }
    for (const clientId of clients) {
      const log = await db
        .selectFrom('mutation_log')
        .select('seq')
        .where('client_id', '=', clientId)
        .orderBy('seq')
        .execute();
      const client = await db
        .selectFrom('sync_clients')
        .select('last_seq')
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      // Every seq 1 … last_seq done exactly once: no holes, nothing beyond.
      expect(
        log.map((row) => row.seq),
        `seed ${SEED}, ${clientId}`,
      ).toEqual(Array.from({ length: client?.last_seq ?? 0 }, (_, i) => i + 1));
      expect(client?.last_seq ?? 0, `seed ${SEED}, ${clientId}`).toBe(lastSeq.get(clientId) ?? 0);
    }
    expect(await countRows(db, 'devices'), `seed ${SEED}`).toBe(devicesBefore + enrolled);
  });
});

/** What is wrong with this answer, or undefined. */
function checkResponse(request: FuzzRequest, response: LightMyRequestResponse): string | undefined {
  const status = response.statusCode;
  if (status >= 500) return `answered ${status}: ${response.body.slice(0, 300)}`;
  if (status < 400) {
    const isStatic = !request.url.startsWith('/api');
    if (isStatic)
      return [200, 204, 206, 304].includes(status) ? undefined : `static answered ${status}`;
    return [200, 201].includes(status) ? undefined : `answered ${status}`;
  }
  const codes = ERRORS.get(status);
  if (!codes) return `answered ${status}, which docs/api.md does not list`;
  if (request.method === 'HEAD') return undefined; // no body
  let body: Record<string, unknown>;
  try {
    body = response.json();
  } catch {
    return `answered ${status} without JSON: ${response.body.slice(0, 200)}`;
  }
  if (typeof body.error !== 'string' || typeof body.message !== 'string') {
    return `answered ${status} without error and message: ${response.body.slice(0, 200)}`;
  }
  if (!codes.has(body.error))
    return `answered ${status} ${body.error}, which docs/api.md does not list`;
  if (!String(response.headers['content-security-policy']).includes("default-src 'self'")) {
    return `answered ${status} without the CSP`;
  }
  if (response.headers['x-content-type-options'] !== 'nosniff')
    return `answered ${status} without nosniff`;
  if (response.body.includes('\u0000')) return 'echoed a NUL';
  return undefined;
}

/** Every string in a stored entry, with the top-level field it is in. */
function textsOf(entry: Record<string, unknown>): [string, string][] {
  const found: [string, string][] = [];
  const walk = (field: string, value: unknown) => {
    if (typeof value === 'string') found.push([field, value]);
    else if (value !== null && typeof value === 'object') {
      for (const inner of Object.values(value)) walk(field, inner);
    }
  };
  for (const [field, value] of Object.entries(entry)) walk(field, value);
  return found;
}

/** Replays the push's sequence rules (G2, G3) to know which entries it created. */
function trackPush(
  body: NonNullable<FuzzRequest['push']>,
  response: { lastSeq: number; rejected: { seq: number }[] },
  lastSeq: Map<string, number>,
  appliedIds: Set<string>,
  problems: string[],
  index: number,
): void {
  const before = lastSeq.get(body.clientId) ?? 0;
  const plan = planPush(body.mutations, before);
  if (!('pending' in plan)) {
    problems.push(`#${index}: push answered 200 although seqs have a gap`);
    return;
  }
  const expected = plan.pending.at(-1)?.seq ?? before;
  if (response.lastSeq !== expected)
    problems.push(`#${index}: lastSeq ${response.lastSeq}, expected ${expected}`);
  lastSeq.set(body.clientId, response.lastSeq);
  const rejected = new Set(response.rejected.map((rejection) => rejection.seq));
  for (const mutation of plan.pending) {
    if (rejected.has(mutation.seq) || !mutation.name.endsWith('.create')) continue;
    appliedIds.add((mutation.args as { id: string }).id);
  }
}

async function countRows(db: Kysely<Database>, table: 'devices'): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
