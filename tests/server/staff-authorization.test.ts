// The authorization matrix of the staff screens (issue 10): EVERY entry of STAFF_ENDPOINTS ×
// who asks × which quarter, through the real app on SQLite and PostgreSQL. Path parameters are
// filled with ids that exist in quarter A, and A's data carries a marker string.
// - nobody signed in: 401 `staff_unauthorized` (sign-in aside, the one public endpoint);
// - a tablet of A with a volunteer signed in: 403 `forbidden`, sign-in included;
// - staff of quarter B: 404 for every id of A, and lists without anything of A; nothing of A
//   changes;
// - staff and admins of A: never 401 or 403 (but where the table says `adminOnly`), never 500.
// It also holds the table and the app together: every route the app registers under
// /api/v1/staff is in STAFF_ENDPOINTS and every entry is registered, so a new endpoint cannot
// skip this matrix.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { PARTNER_COMMANDS } from '../../server/admin/partner-commands';
import type { Database } from '../../server/db/tables';
import { findQuarter } from '../../server/repos/quarter.repo';
import {
  STAFF_ENDPOINTS,
  STAFF_PREFIX,
  type StaffEndpoint,
} from '../../src/shared/staff/staff-endpoints';
import { QUARTER, seedSmallQuarter } from './support/fixtures';
import { enrolDevice, OTHER_QUARTER, sessionHeaders } from './support/identity-fixtures';
import { callCreateV3, partnerCallArgs } from './support/entry-mutations';
import { createPerson, pushAs, signInOn } from './support/push-fixtures';
import { buildStaffTestApp, createStaffUser, signInStaff } from './support/staff-fixtures';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

/** In A's names, labels and notes; must never reach staff of B. */
const MARKER = 'Kennzeichen7QA';
const STAFF_A = { quarterId: QUARTER.id, name: `Petra ${MARKER}`, password: 'Sommer-im-Park-7' };
const ADMIN_A = { quarterId: QUARTER.id, name: 'Anke Leitung', password: 'Hansa-Centrum-12' };
const STAFF_B = {
  quarterId: OTHER_QUARTER.id,
  name: 'Bernd Anders',
  password: 'Winter-am-Rhein-3',
};

interface WorldA {
  ids: Record<string, string>;
  /** The tablet of A with the volunteer signed in. */
  device: { authorization: string; headers: Record<string, string> };
  /** Ids of A that must not appear in B's answers. */
  secretsOfA: string[];
}

const key = (endpoint: StaffEndpoint) =>
  `${endpoint.method} ${endpoint.path.slice(STAFF_PREFIX.length)}`;

/** Query strings of the list endpoints that need one, on A's data (the week of its call). */
const QUERIES: Record<string, string> = {
  'GET /week': '?week=2030-W48',
  'GET /export.csv': '?kind=call&from=2030-11-01&to=2030-11-30',
  'GET /report': '?month=2030-11',
  'GET /audit': '?limit=200',
};

/** Valid bodies, so id routes get as far as looking the id up. */
function bodyFor(
  endpoint: StaffEndpoint,
  actor: { name: string; password: string; quarterId: string },
) {
  const activity = {
    themeId: 't1',
    name: 'Bewegungstreff',
    description: '',
    actorIds: ['i1'],
    schedule: '',
    place: '',
    contact: '',
    ampel: 'green',
    ampelCondition: '',
    ampelAsOf: null,
  };
  const bodies: Record<string, object | undefined> = {
    'POST /sign-in': { quarterId: actor.quarterId, name: actor.name, password: actor.password },
    'PUT /follow-ups/:subjectType/:subjectId': {
      expectedVersion: 0,
      ownerUserId: null,
      dueDate: null,
      status: 'in_progress',
      note: '',
    },
    'POST /entries/:id/resolve': { expectedVersion: 1, restore: [] },
    'POST /themes': { expectedVersion: 0, number: 9, name: 'Neues Thema' },
    'PUT /themes/:id': { expectedVersion: 1, number: 1, name: 'Fit fürs Alter' },
    'POST /institutions': { expectedVersion: 0, name: 'Neue Einrichtung' },
    'PUT /institutions/:id': { expectedVersion: 1, name: 'Seniorenbeirat' },
    'POST /activities': { expectedVersion: 0, ...activity, name: 'Neues Angebot' },
    'PUT /activities/:id': { expectedVersion: 1, ...activity },
    'PUT /storefront': {
      expectedVersion: 1,
      name: 'Anlaufstelle',
      address: 'Hansa Centrum',
      weekly: [],
      holidaysClosed: true,
    },
    'PUT /opening-exceptions/:id': {
      expectedVersion: 1,
      date: '2030-12-24',
      closed: true,
      intervals: [],
      note: '',
    },
    'DELETE /opening-exceptions/:id': { expectedVersion: 1 },
    'POST /partners': {
      expectedVersion: 0,
      name: 'Frau Neu',
      phone: '02151 654321',
      preferredTimes: '',
      note: '',
      usualMinutes: 15,
      callEveryDays: 7,
      callers: [],
      status: 'active',
    },
    'PUT /partners/:id': { expectedVersion: 1, status: 'paused' },
    'POST /people': { name: 'Neue Person', role: 'volunteer', pin: '5827' },
    'POST /people/:id/pin': { pin: '5827' },
    // The actor's own password again (their own is the one staff may set): later requests
    // of the matrix still sign in with it.
    'POST /people/:id/password': { password: actor.password },
    // A name that matches nobody: the route is reached, nothing is erased.
    'POST /partners/:id/erase': { name: 'Niemand Passendes' },
    'POST /people/:id/erase': { name: 'Niemand Passendes' },
  };
  return bodies[key(endpoint)];
}

/** The endpoint's URL with A's ids (`ownId`: whose password the password route changes). */
function urlFor(endpoint: StaffEndpoint, ids: Record<string, string>, ownId?: string): string {
  const byCollection: Record<string, string | undefined> = {
    people: endpoint.path.endsWith('/password') && ownId ? ownId : ids.person,
    devices: ids.device,
    entries: ids.entry,
    themes: ids.theme,
    institutions: ids.institution,
    activities: ids.activity,
    'opening-exceptions': ids.exception,
    partners: ids.partner,
  };
  const path = endpoint.path
    .replace(/\/([a-z-]+)\/:id\b/, (_match, collection: string) => {
      const id = byCollection[collection];
      if (id === undefined) throw new Error(`no id of A for ${endpoint.path}`);
      return `/${collection}/${encodeURIComponent(id)}`;
    })
    .replace(':subjectType', 'concern')
    .replace(':subjectId', ids.entry ?? '');
  return `${path}${QUERIES[key(endpoint)] ?? ''}`;
}

const hasIdParameter = (endpoint: StaffEndpoint) => endpoint.path.includes('/:');

async function seedWorldA(app: FastifyInstance, db: Kysely<Database>): Promise<WorldA> {
  await seedSmallQuarter(db);
  const device = await enrolDevice(app, db, QUARTER, `Tablet ${MARKER}`);
  const volunteer = await createPerson(db, `Erika ${MARKER}`);
  await signInOn(app, device.authorization, `Erika ${MARKER}`);
  const call = partnerCallArgs('call-a', null, {
    occurredAt: '2030-11-25T09:02:00.000Z',
    partner: `Frau ${MARKER}`,
    note: `Sorge ${MARKER}`,
    concern: true,
  });
  const pushed = await pushAs(app, device.authorization, {
    clientId: 'client-a',
    mutations: [callCreateV3(1, volunteer, call)],
  });
  expect(pushed.json()).toMatchObject({ lastSeq: 1, rejected: [] });
  const quarter = await findQuarter(db, QUARTER.id);
  if (!quarter) throw new Error('quarter A missing');
  await PARTNER_COMMANDS['create-partner']?.(
    db,
    quarter,
    { name: `Herr ${MARKER}`, phone: '02151 123456', positionals: [] },
    new Date(),
  );
  const partner = await db
    .selectFrom('entries')
    .select('id')
    .where('kind', '=', 'partner')
    .where('quarter_id', '=', QUARTER.id)
    .executeTakeFirstOrThrow();
  const ids = {
    person: volunteer,
    device: device.deviceId,
    entry: 'call-a',
    theme: 't1',
    institution: 'i1',
    activity: 'a1',
    exception: 'e1',
    partner: partner.id,
  };
  return {
    ids,
    device: {
      authorization: device.authorization,
      headers: { authorization: device.authorization, ...sessionHeaders(device.authorization) },
    },
    secretsOfA: [volunteer, device.deviceId, partner.id],
  };
}

function request(
  app: FastifyInstance,
  endpoint: StaffEndpoint,
  url: string,
  headers: Record<string, string>,
  body: object | undefined,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: endpoint.method,
    url,
    headers,
    ...(body === undefined ? {} : { payload: body }),
  });
}

describeEachDialect('staff authorization matrix', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let world: WorldA;

  beforeEach(async () => {
    const { db } = fresh();
    ({ app } = await buildStaffTestApp(db));
    world = await seedWorldA(app, db);
    await createStaffUser(db, STAFF_A);
    await createStaffUser(db, { ...ADMIN_A, role: 'admin' });
    await createStaffUser(db, STAFF_B);
  });

  it('without a session: 401 for every endpoint but sign-in', async () => {
    const wrong: string[] = [];
    for (const endpoint of STAFF_ENDPOINTS.filter((e) => !e.public)) {
      const response = await request(
        app,
        endpoint,
        urlFor(endpoint, world.ids),
        {},
        bodyFor(endpoint, STAFF_A),
      );
      const error = response.json<{ error?: string }>().error;
      if (response.statusCode !== 401 || error !== 'staff_unauthorized') {
        wrong.push(`${key(endpoint)} → ${response.statusCode} ${error}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a tablet of A with a volunteer signed in: 403 everywhere, sign-in included', async () => {
    const wrong: string[] = [];
    for (const endpoint of STAFF_ENDPOINTS) {
      const response = await request(
        app,
        endpoint,
        urlFor(endpoint, world.ids),
        world.device.headers,
        bodyFor(endpoint, STAFF_A),
      );
      const error = response.json<{ error?: string }>().error;
      if (response.statusCode !== 403 || error !== 'forbidden') {
        wrong.push(`${key(endpoint)} → ${response.statusCode} ${error}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('staff of quarter B: 404 for A’s ids, lists without anything of A, nothing of A changes', async () => {
    const { db } = fresh();
    const versionBefore = (await findQuarter(db, QUARTER.id))?.version;
    const auditBefore = await db
      .selectFrom('audit_log')
      .select('id')
      .where('quarter_id', '=', QUARTER.id)
      .execute();
    const wrong: string[] = [];
    for (const endpoint of STAFF_ENDPOINTS) {
      // Each request with a fresh session of B: sign-out must not end the others' checks.
      const cookie = await signInStaff(app, STAFF_B);
      const response = await request(
        app,
        endpoint,
        urlFor(endpoint, world.ids),
        endpoint.public ? {} : { cookie },
        bodyFor(endpoint, STAFF_B),
      );
      const what = `${key(endpoint)} → ${response.statusCode}`;
      if (hasIdParameter(endpoint)) {
        if (response.statusCode !== 404)
          wrong.push(`${what}, expected 404: ${response.body.slice(0, 200)}`);
      } else if (response.statusCode >= 500 || [401, 403].includes(response.statusCode)) {
        wrong.push(`${what}: ${response.body.slice(0, 200)}`);
      }
      for (const secret of [MARKER, ...world.secretsOfA]) {
        if (response.body.includes(secret)) wrong.push(`${what} shows ${secret}`);
      }
    }
    expect(wrong).toEqual([]);
    expect((await findQuarter(db, QUARTER.id))?.version).toBe(versionBefore);
    const auditAfter = await db
      .selectFrom('audit_log')
      .select(['id', 'actor_name'])
      .where('quarter_id', '=', QUARTER.id)
      .execute();
    expect(auditAfter).toHaveLength(auditBefore.length);
    const person = await db
      .selectFrom('users')
      .select('disabled_at')
      .where('id', '=', world.ids.person ?? '')
      .executeTakeFirstOrThrow();
    expect(person.disabled_at).toBeNull();
    const device = await db
      .selectFrom('devices')
      .select('revoked_at')
      .where('id', '=', world.ids.device ?? '')
      .executeTakeFirstOrThrow();
    expect(device.revoked_at).toBeNull();
  });

  for (const [role, actor] of [
    ['staff', STAFF_A],
    ['admin', ADMIN_A],
  ] as const) {
    it(`${role} of A: never 401 or 403 (unless admin only), never a 500`, async () => {
      const wrong: string[] = [];
      for (const endpoint of STAFF_ENDPOINTS) {
        const cookie = await signInStaff(app, actor);
        const me = (
          await app.inject({ method: 'GET', url: `${STAFF_PREFIX}/me`, headers: { cookie } })
        ).json<{ userId: string }>();
        const response = await request(
          app,
          endpoint,
          urlFor(endpoint, world.ids, me.userId),
          endpoint.public ? {} : { cookie },
          bodyFor(endpoint, actor),
        );
        const refused = [401, 403].includes(response.statusCode);
        const allowedRefusal = refused && endpoint.adminOnly === true && role === 'staff';
        if ((refused && !allowedRefusal) || response.statusCode >= 500) {
          wrong.push(`${key(endpoint)} → ${response.statusCode}: ${response.body.slice(0, 200)}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('registers exactly the endpoints of STAFF_ENDPOINTS under /api/v1/staff', async () => {
    await app.ready();
    const registered = registeredRoutes(app.printRoutes({ commonPrefix: false }))
      .filter((route) => route.path === STAFF_PREFIX || route.path.startsWith(`${STAFF_PREFIX}/`))
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    const table = STAFF_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort();
    expect(new Set(table).size).toBe(table.length);
    expect(registered).toEqual(table);
  });
});

/**
 * Method + full path of every route in Fastify's `printRoutes({ commonPrefix: false })` tree:
 * a child line's path continues its parent's. HEAD (added by Fastify to each GET) is left out.
 */
function registeredRoutes(tree: string): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = `${stack[depth - 1] ?? ''}${match[2] ?? ''}`;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (method !== '' && method !== 'HEAD') routes.push({ method, path });
    }
  }
  return routes;
}
