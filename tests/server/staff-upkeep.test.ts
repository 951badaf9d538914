// Upkeep of the catalogue and the opening hours by staff (issue 10), through the real app on
// SQLite and PostgreSQL: weekly hours and an activity's Ampel (colour, condition, as-of date)
// reach an enrolled device's next pull; two staff editing the same row from the same version —
// the second gets 409 with the row as it is now, nothing is overwritten; bad input and another
// quarter's ids change nothing; exceptions are created and deleted (tombstones); every write
// leaves an audit line with the changed fields and their non-personal values.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { listAudit } from '../../server/repos/audit.repo';
import { upsertActivity, upsertTheme } from '../../server/repos/catalogue.repo';
import { createQuarter, findQuarter } from '../../server/repos/quarter.repo';
import { activitySchema } from '../../src/shared/catalogue';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import {
  activityConflictSchema,
  staffCatalogueSchema,
  type StaffCatalogue,
} from '../../src/shared/staff/staff-upkeep';
import { ACTIVITY, QUARTER, seedSmallQuarter, STOREFRONT, THEME } from './support/fixtures';
import { enrolDevice, OTHER_QUARTER } from './support/identity-fixtures';
import { pullAs } from './support/pull-fixtures';
import { buildStaffTestApp, createStaffUser, signInStaff } from './support/staff-fixtures';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const PASSWORD = 'Sommer-im-Park-7';

/** The fields of an activity edit, from a stored activity. */
function activityEdit(activity: StaffCatalogue['activities'][number]) {
  const { themeId, name, description, actorIds, schedule, place, contact } = activity;
  const { ampel, ampelCondition, ampelAsOf = null, version } = activity;
  return {
    ...{ themeId, name, description, actorIds, schedule, place, contact },
    ...{ ampel, ampelCondition, ampelAsOf, expectedVersion: version },
  };
}

describeEachDialect('staff upkeep of catalogue and hours', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let db: Kysely<Database>;
  let app: FastifyInstance;
  let anna: string;
  let bernd: string;

  beforeEach(async () => {
    db = fresh().db;
    await seedSmallQuarter(db);
    ({ app } = await buildStaffTestApp(db));
    for (const name of ['Anna S.', 'Bernd T.']) {
      await createStaffUser(db, { quarterId: QUARTER.id, name, password: PASSWORD });
    }
    anna = await signInStaff(app, { quarterId: QUARTER.id, name: 'Anna S.', password: PASSWORD });
    bernd = await signInStaff(app, { quarterId: QUARTER.id, name: 'Bernd T.', password: PASSWORD });
  });

  const send = (
    cookie: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url: `${STAFF_PREFIX}${path}`,
      headers: { cookie },
      ...(payload ? { payload } : {}),
    });
  const catalogue = async (cookie = anna) => {
    const response = await send(cookie, 'GET', '/catalogue');
    expect(response.statusCode, response.body).toBe(200);
    return v.parse(staffCatalogueSchema, response.json());
  };
  const activityA1 = async () => (await catalogue()).activities.find((a) => a.id === ACTIVITY.id)!;
  const quarterVersion = async () => (await findQuarter(db, QUARTER.id))?.version;
  /** The quarter's audit lines of upkeep, oldest first (sign-ins left out). */
  const audit = async () =>
    (await listAudit(db, QUARTER.id)).reverse().filter((line) => !line.action.startsWith('staff.'));

  it('weekly hours and an Ampel with its date reach an enrolled device with its next pull', async () => {
    const device = await enrolDevice(app, db, QUARTER);
    const first = await pullAs(app, device.authorization);
    expect(first.changes.activities[0]).toMatchObject({
      id: 'a1',
      ampel: 'green',
      ampelAsOf: null,
    });

    const before = await catalogue();
    expect(before.storefront).toMatchObject({ id: STOREFRONT.id, weekly: STOREFRONT.weekly });
    const weekly = [
      { weekday: 1, opens: '10:00', closes: '12:30' },
      { weekday: 1, opens: '14:00', closes: '17:00' },
      { weekday: 4, opens: '09:00', closes: '24:00' },
    ];
    const hours = await send(anna, 'PUT', '/storefront', {
      expectedVersion: before.storefront!.version,
      name: STOREFRONT.name,
      address: STOREFRONT.address,
      weekly,
      holidaysClosed: true,
    });
    expect(hours.statusCode, hours.body).toBe(200);
    expect(hours.json()).toMatchObject({ id: STOREFRONT.id, weekly });

    const activity = await activityA1();
    const ampel = await send(anna, 'PUT', '/activities/a1', {
      ...activityEdit(activity),
      ampel: 'red',
      ampelCondition: 'Nur wenn sich eine neue Übungsleitung findet.',
      ampelAsOf: '2026-11-15',
    });
    expect(ampel.statusCode, ampel.body).toBe(200);
    const saved = v.parse(activitySchema, ampel.json());
    expect(saved).toMatchObject({ ampel: 'red', ampelAsOf: '2026-11-15' });
    expect(saved.version).toBeGreaterThan(activity.version);

    const next = await pullAs(app, device.authorization, { cookie: first.cookie });
    expect(next.reset).toBe(false);
    expect(next.changes.storefronts).toEqual([expect.objectContaining({ id: 's1', weekly })]);
    expect(next.changes.activities).toEqual([
      expect.objectContaining({
        id: 'a1',
        ampel: 'red',
        ampelCondition: 'Nur wenn sich eine neue Übungsleitung findet.',
        ampelAsOf: '2026-11-15',
        name: ACTIVITY.name,
      }),
    ]);

    const lines = await audit();
    expect(lines.map((line) => [line.action, line.subject_id, line.actor_name])).toEqual([
      ['storefront.update', 's1', 'Anna S.'],
      ['activity.update', 'a1', 'Anna S.'],
    ]);
    expect(JSON.parse(lines[0]!.detail)).toEqual({ fields: ['weekly'], values: { weekly } });
    expect(JSON.parse(lines[1]!.detail)).toEqual({
      fields: ['ampel', 'ampelCondition', 'ampelAsOf'],
      values: { ampel: 'red', ampelAsOf: '2026-11-15' },
    });
  });

  it('the second of two edits from the same version gets 409 with the row as saved; nothing is overwritten', async () => {
    const seen = await activityA1();
    const first = await send(anna, 'PUT', '/activities/a1', {
      ...activityEdit(seen),
      name: 'Bewegungstreff am Rhein',
    });
    expect(first.statusCode, first.body).toBe(200);
    const second = await send(bernd, 'PUT', '/activities/a1', {
      ...activityEdit(seen),
      ampel: 'yellow',
    });
    expect(second.statusCode).toBe(409);
    const body = v.parse(activityConflictSchema, second.json());
    expect(body.current).toEqual(first.json());
    expect(body.current).toMatchObject({ name: 'Bewegungstreff am Rhein', ampel: 'green' });
    expect(body.message).toMatch(/inzwischen geändert/);
    expect(await activityA1()).toEqual(first.json());

    // The storefront and an exception alike.
    const { storefront, openingExceptions } = await catalogue();
    const hours = { name: 'Laden', address: 'Hansa Centrum', weekly: [], holidaysClosed: true };
    expect(
      (await send(anna, 'PUT', '/storefront', { ...hours, expectedVersion: storefront!.version }))
        .statusCode,
    ).toBe(200);
    const stale = await send(bernd, 'PUT', '/storefront', {
      ...hours,
      name: 'Anlaufstelle',
      expectedVersion: storefront!.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'version_conflict', current: { name: 'Laden' } });
    const exception = openingExceptions[0]!;
    expect(
      (
        await send(anna, 'DELETE', `/opening-exceptions/${exception.id}`, {
          expectedVersion: exception.version + 1,
        })
      ).statusCode,
    ).toBe(409);
    expect((await catalogue()).openingExceptions).toEqual([exception]);
    expect((await audit()).map((line) => line.action)).toEqual([
      'activity.update',
      'storefront.update',
    ]);
  });

  it('two edits sent at the same moment: one is saved, the other gets 409 with it', async () => {
    const seen = await activityA1();
    const answers = await Promise.all([
      send(anna, 'PUT', '/activities/a1', { ...activityEdit(seen), ampel: 'yellow' }),
      send(bernd, 'PUT', '/activities/a1', { ...activityEdit(seen), ampel: 'red' }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const saved = answers.find((answer) => answer.statusCode === 200)!.json<{ ampel: string }>();
    const refused = answers.find((answer) => answer.statusCode === 409)!;
    expect(v.parse(activityConflictSchema, refused.json()).current).toEqual(saved);
    expect(await activityA1()).toEqual(saved);
    expect((await audit()).map((line) => line.action)).toEqual(['activity.update']);
  });

  it('an edit that changes nothing writes nothing', async () => {
    const seen = await activityA1();
    const version = await quarterVersion();
    const same = await send(anna, 'PUT', '/activities/a1', activityEdit(seen));
    expect(same.statusCode).toBe(200);
    expect(same.json()).toEqual(seen);
    expect(await quarterVersion()).toBe(version);
    expect(await audit()).toEqual([]);
  });

  it('refuses bad input and other quarters’ ids; nothing is stored', async () => {
    await createQuarter(db, OTHER_QUARTER);
    await upsertTheme(db, OTHER_QUARTER.id, THEME);
    await upsertActivity(db, OTHER_QUARTER.id, { ...ACTIVITY, id: 'a-other', actorIds: [] });
    const otherVersion = (await findQuarter(db, OTHER_QUARTER.id))?.version;
    const { storefront } = await catalogue();
    const seen = await activityA1();
    const hours = (weekly: object[]) => ({
      expectedVersion: storefront!.version,
      name: STOREFRONT.name,
      address: STOREFRONT.address,
      weekly,
      holidaysClosed: true,
    });
    const exception = (intervals: object[]) => ({
      expectedVersion: 0,
      date: '2030-05-02',
      closed: false,
      intervals,
      note: '',
    });
    const version = await quarterVersion();
    const stored = await catalogue();
    const cases: [number, string, string, object][] = [
      [400, 'PUT', '/storefront', hours([{ weekday: 1, opens: '16:00', closes: '10:00' }])],
      [
        400,
        'PUT',
        '/storefront',
        hours([
          { weekday: 2, opens: '10:00', closes: '13:00' },
          { weekday: 2, opens: '12:30', closes: '16:00' },
        ]),
      ],
      [400, 'PUT', '/storefront', hours([{ weekday: 1, opens: '10:00', closes: '25:00' }])],
      [400, 'PUT', '/storefront', hours([{ weekday: 8, opens: '10:00', closes: '12:00' }])],
      [400, 'PUT', '/storefront', { ...hours([]), name: 'Laden\u0007' }],
      [
        400,
        'PUT',
        '/opening-exceptions/e-new',
        exception([
          { opens: '10:00', closes: '12:00' },
          { opens: '11:00', closes: '13:00' },
        ]),
      ],
      [400, 'PUT', '/opening-exceptions/e-new', { ...exception([]), closed: false }],
      [
        400,
        'PUT',
        '/opening-exceptions/e-new',
        { ...exception([]), closed: true, date: '2030-12-24' },
      ],
      [400, 'PUT', '/activities/a1', { ...activityEdit(seen), name: 'Bewegung\u0000treff' }],
      [400, 'PUT', '/activities/a1', { ...activityEdit(seen), name: 'x'.repeat(10_000) }],
      [400, 'PUT', '/activities/a1', { ...activityEdit(seen), themeId: 'gibt-es-nicht' }],
      [400, 'PUT', '/activities/a1', { ...activityEdit(seen), actorIds: ['i1', 'unbekannt'] }],
      [400, 'PUT', '/activities/a1', { ...activityEdit(seen), ampelAsOf: '2026-02-30' }],
      [400, 'PUT', '/activities/a1', { ...activityEdit(seen), ampel: 'blau' }],
      [400, 'PUT', '/activities/a1', { ...activityEdit(seen), expectedVersion: undefined }],
      [400, 'POST', '/activities', { ...activityEdit(seen), expectedVersion: 3 }],
      [400, 'POST', '/themes', { expectedVersion: 0, number: 1000, name: 'Zu viel' }],
      [400, 'POST', '/themes', { expectedVersion: 0, id: 'mit leerzeichen', number: 9, name: 'X' }],
      [404, 'PUT', '/activities/a-other', activityEdit(seen)],
      [404, 'PUT', '/activities/gibt-es-nicht', activityEdit(seen)],
      [404, 'PUT', '/themes/gibt-es-nicht', { expectedVersion: 1, number: 9, name: 'X' }],
      [404, 'PUT', '/institutions/gibt-es-nicht', { expectedVersion: 1, name: 'X' }],
      [
        404,
        'PUT',
        '/opening-exceptions/gibt-es-nicht',
        { ...exception([]), closed: true, expectedVersion: 1 },
      ],
      [404, 'DELETE', '/opening-exceptions/gibt-es-nicht', { expectedVersion: 1 }],
    ];
    for (const [status, method, path, payload] of cases) {
      const response = await send(anna, method as 'PUT', path, payload);
      expect(
        response.statusCode,
        `${method} ${path} ${JSON.stringify(payload).slice(0, 200)}`,
      ).toBe(status);
      expect(response.json<{ message: string }>().message).toMatch(/\p{L}/u);
    }
    expect(await quarterVersion()).toBe(version);
    expect((await findQuarter(db, OTHER_QUARTER.id))?.version).toBe(otherVersion);
    expect(await catalogue()).toEqual(stored);
    expect(await audit()).toEqual([]);
  });

  it('creates rows with server ids, changes and deletes an exception as a tombstone', async () => {
    const device = await enrolDevice(app, db, QUARTER);
    const first = await pullAs(app, device.authorization);

    const theme = await send(anna, 'POST', '/themes', {
      expectedVersion: 0,
      number: 6,
      name: 'Digitale Teilhabe',
    });
    expect(theme.statusCode, theme.body).toBe(201);
    expect(theme.json<{ id: string }>().id).toMatch(/^[0-9a-f-]{36}$/);
    const named = await send(anna, 'POST', '/themes', {
      expectedVersion: 0,
      id: 'theme-7',
      number: 7,
      name: 'Sieben',
    });
    expect(named.json()).toMatchObject({ id: 'theme-7', number: 7 });
    // Themes are picked by number: a number in use is refused, naming its theme.
    const twin = await send(anna, 'POST', '/themes', {
      expectedVersion: 0,
      number: THEME.number,
      name: 'Doppelt',
    });
    expect(twin.statusCode).toBe(400);
    expect(twin.json<{ message: string }>().message).toBe(
      `Die Nummer ${THEME.number} hat schon das Themenfeld „${THEME.name}“. Bitte eine andere Nummer wählen.`,
    );
    const renumbered = await send(anna, 'PUT', '/themes/theme-7', {
      expectedVersion: named.json<{ version: number }>().version,
      number: THEME.number,
      name: 'Sieben',
    });
    expect(renumbered.statusCode).toBe(400);
    // Keeping its own number is fine.
    const renamed = await send(anna, 'PUT', '/themes/theme-7', {
      expectedVersion: named.json<{ version: number }>().version,
      number: 7,
      name: 'Sieben (neu)',
    });
    expect(renamed.json()).toMatchObject({ id: 'theme-7', number: 7, name: 'Sieben (neu)' });
    // A given id that exists is a conflict with the row as it is.
    const taken = await send(anna, 'POST', '/themes', {
      expectedVersion: 0,
      id: THEME.id,
      number: 8,
      name: 'Acht',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ current: { id: THEME.id, name: THEME.name } });

    const institution = await send(anna, 'POST', '/institutions', {
      expectedVersion: 0,
      name: 'Bürgerverein',
    });
    expect(institution.statusCode).toBe(201);
    const activity = await send(anna, 'POST', '/activities', {
      ...activityEdit(await activityA1()),
      expectedVersion: 0,
      themeId: theme.json<{ id: string }>().id,
      actorIds: [institution.json<{ id: string }>().id],
      name: 'Tablet-Treff',
    });
    expect(activity.statusCode, activity.body).toBe(201);
    expect(activity.json()).toMatchObject({ name: 'Tablet-Treff', isExample: false });

    const id = '6b1f3c2e-2f4a-4b8e-9a51-0f6a3e1d2c44';
    const special = {
      date: '2030-06-20',
      closed: false,
      intervals: [{ opens: '11:00', closes: '15:00' }],
      note: 'Sommerfest',
    };
    const created = await send(anna, 'PUT', `/opening-exceptions/${id}`, {
      ...special,
      expectedVersion: 0,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ id, storefrontId: 's1', ...special });
    const changed = await send(anna, 'PUT', `/opening-exceptions/${id}`, {
      ...special,
      closed: true,
      intervals: [],
      expectedVersion: created.json<{ version: number }>().version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const second = await pullAs(app, device.authorization, { cookie: first.cookie });
    expect(second.changes.openingExceptions).toEqual([
      expect.objectContaining({ id, closed: true }),
    ]);
    expect(second.changes.themes.map((t) => t.id).sort()).toEqual(
      [theme.json<{ id: string }>().id, 'theme-7'].sort(),
    );
    expect(second.changes.activities.map((a) => a.name)).toEqual(['Tablet-Treff']);

    const deleted = await send(anna, 'DELETE', `/opening-exceptions/${id}`, {
      expectedVersion: changed.json<{ version: number }>().version,
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    const third = await pullAs(app, device.authorization, { cookie: second.cookie });
    expect(third.deleted.openingExceptions).toEqual([id]);
    expect((await catalogue()).openingExceptions.map((e) => e.id)).toEqual(['e1']);
    expect(
      (await send(anna, 'DELETE', `/opening-exceptions/${id}`, { expectedVersion: 1 })).statusCode,
    ).toBe(404);

    const lines = await audit();
    expect(lines.map((line) => line.action)).toEqual([
      'theme.create',
      'theme.create',
      'theme.update',
      'institution.create',
      'activity.create',
      'opening_exception.create',
      'opening_exception.update',
      'opening_exception.delete',
    ]);
    expect(JSON.parse(lines[2]!.detail)).toEqual({
      fields: ['name'],
      values: { name: 'Sieben (neu)' },
    });
    expect(JSON.parse(lines[6]!.detail)).toEqual({
      fields: ['closed', 'intervals'],
      values: { closed: true, intervals: [] },
    });
    expect(JSON.parse(lines[7]!.detail)).toEqual({ values: { date: '2030-06-20' } });
    // The note is free text: named as changed on create, its words never in the log.
    expect(lines.map((line) => line.detail).join()).not.toContain('Sommerfest');
  });

  it("another quarter's staff see and change nothing of this quarter; devices and no session are refused", async () => {
    await createStaffUser(db, { quarterId: OTHER_QUARTER.id, name: 'Olga P.', password: PASSWORD });
    const olga = await signInStaff(app, {
      quarterId: OTHER_QUARTER.id,
      name: 'Olga P.',
      password: PASSWORD,
    });
    const theirs = await catalogue(olga);
    expect(theirs).toEqual({
      themes: [],
      institutions: [],
      activities: [],
      topics: [],
      storefront: null,
      openingExceptions: [],
    });
    const seen = await activityA1();
    expect((await send(olga, 'PUT', '/activities/a1', activityEdit(seen))).statusCode).toBe(404);
    expect(
      (await send(olga, 'DELETE', '/opening-exceptions/e1', { expectedVersion: 1 })).statusCode,
    ).toBe(404);
    // Their own storefront is theirs: created with version 0, in their quarter only.
    const own = await send(olga, 'PUT', '/storefront', {
      expectedVersion: 0,
      name: 'Laden Süd',
      address: '',
      weekly: [],
      holidaysClosed: false,
    });
    expect(own.statusCode, own.body).toBe(200);
    expect((await catalogue()).storefront).toMatchObject({ id: 's1', name: STOREFRONT.name });
    expect(await activityA1()).toEqual(seen);

    expect((await app.inject({ method: 'GET', url: `${STAFF_PREFIX}/catalogue` })).statusCode).toBe(
      401,
    );
    const device = await enrolDevice(app, db, QUARTER);
    const asDevice = await app.inject({
      method: 'PUT',
      url: `${STAFF_PREFIX}/activities/a1`,
      headers: { authorization: device.authorization, cookie: anna },
      payload: activityEdit(seen),
    });
    expect(asDevice.statusCode).toBe(403);
    expect(await activityA1()).toEqual(seen);
  });
});
