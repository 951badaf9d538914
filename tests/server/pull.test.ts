// GET /api/v1/pull of reference data through the real app, on SQLite and PostgreSQL: resets,
// increments, tombstones, the tombstone horizon, a restored database (G4, G8), and the device
// credential it needs. Entries in the device's view: pull-view.test.ts.
import { decidePull } from '../../src/domain/pull-decision';
import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import type { PullResponse } from '../../src/shared/protocol';
import { deviceAuthorization } from '../../src/shared/identity';
import { upsertActivity, upsertTheme, upsertTopic } from '../../server/repos/catalogue.repo';
import { revokeDevice } from '../../server/repos/device.repo';
import { createQuarter } from '../../server/repos/quarter.repo';
import { purgeTombstones, softDelete } from '../../server/repos/tombstone.repo';
import { encodeCookie, parseCookie } from '../../server/sync/pull-cookie';
import { ACTIVITY, QUARTER, seedSmallQuarter, TOPIC } from './support/fixtures';
import { enrolDevice, type EnrolledTestDevice } from './support/identity-fixtures';
import { EMPTY_DELETED, pullAs, pullRaw, type PullQuery } from './support/pull-fixtures';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const UNAUTHORIZED = {
  error: 'unauthorized',
  message: 'Dieses Gerät ist nicht (mehr) angemeldet. Bitte neu anmelden.',
};

/** The same position as a format-1 cookie (`1.<epoch>.<quarterId>.<version>`). */
function formatOne(cookie: string): string {
  const parsed = parseCookie(cookie);
  if (!parsed) throw new Error(`not a cookie: ${cookie}`);
  return `1.${parsed.epoch}.${parsed.quarterId}.${parsed.version}`;
}

function counts(response: PullResponse) {
  return Object.fromEntries(
    Object.entries(response.changes).map(([table, rows]) => [table, rows.length]),
  );
}

describeEachDialect('pull', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let device: EnrolledTestDevice;

  beforeEach(async () => {
    app = (await buildTestApp(fresh().db)).app;
    // Creates QUARTER at version 0; enrolling writes no synced row, so versions stay put.
    device = await enrolDevice(app, fresh().db);
  });

  const pull = (query: PullQuery = {}) => pullAs(app, device.authorization, query);

  async function pullError(query: string) {
    const response = await pullRaw(app, device.authorization, query);
    return {
      status: response.statusCode,
      body: response.json<{ error: string; message: string }>(),
    };
  }

  it('answers 401 with an unknown, wrong or revoked credential', async () => {
    await seedSmallQuarter(fresh().db);
    const other = await enrolDevice(app, fresh().db);
    const wrong = [
      '',
      'Bearer kaputt',
      deviceAuthorization('gibt-es-nicht', device.credential),
      deviceAuthorization(device.deviceId, other.credential),
    ];
    for (const authorization of wrong) {
      const response = await pullRaw(app, authorization);
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json()).toEqual(UNAUTHORIZED);
    }
    expect((await pull()).head).toBe(1);
    await revokeDevice(fresh().db, device.deviceId);
    const revoked = await pullRaw(app, device.authorization);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toEqual(UNAUTHORIZED);
    expect(revoked.headers['www-authenticate']).toBe('Bearer');
    expect(revoked.body).not.toContain('Testquartier');
  });

  it('without a cookie returns the full state as a reset', async () => {
    await seedSmallQuarter(fresh().db);
    const response = await pull();
    expect(response).toMatchObject({
      protocol: 1,
      head: 1,
      reset: true,
      quarter: QUARTER,
      deleted: EMPTY_DELETED,
    });
    expect(counts(response)).toEqual({
      themes: 1,
      institutions: 1,
      activities: 1,
      storefronts: 1,
      openingExceptions: 1,
      topics: 1,
      calls: 0,
      advice: 0,
      walks: 0,
      observations: 0,
      partners: 0,
      tracks: 0,
    });
    expect(response.client).toBeNull();
    expect(response.changes.activities[0]).toMatchObject({ ...ACTIVITY, version: 1 });
    expect(parseCookie(response.cookie)).toMatchObject({
      epoch: response.epoch,
      quarterId: QUARTER.id,
      version: 1,
    });
    expect(Math.abs(Date.parse(response.serverTime) - Date.now())).toBeLessThan(60_000);
  });

  it('with the returned cookie returns nothing new', async () => {
    await seedSmallQuarter(fresh().db);
    const first = await pull();
    const second = await pull({ cookie: first.cookie });
    expect(second).toMatchObject({ reset: false, head: 1, cookie: first.cookie });
    expect(Object.values(counts(second))).toEqual(Array(12).fill(0));
    expect(second.deleted).toEqual(EMPTY_DELETED);
  });

  it('after an edit and a delete returns only those, with a tombstone', async () => {
    const { db } = fresh();
    await seedSmallQuarter(db);
    const first = await pull();
    await upsertActivity(db, QUARTER.id, { ...ACTIVITY, ampel: 'yellow' });
    await softDelete(db, QUARTER.id, 'openingExceptions', 'e1');

    const second = await pull({ cookie: first.cookie });
    expect(second).toMatchObject({ reset: false, head: 3 });
    expect(counts(second)).toEqual({
      themes: 0,
      institutions: 0,
      activities: 1,
      storefronts: 0,
      openingExceptions: 0,
      topics: 0,
      calls: 0,
      advice: 0,
      walks: 0,
      observations: 0,
      partners: 0,
      tracks: 0,
    });
    expect(second.changes.activities[0]).toMatchObject({ id: 'a1', ampel: 'yellow', version: 2 });
    expect(second.deleted).toEqual({ ...EMPTY_DELETED, openingExceptions: ['e1'] });

    // A full pull no longer lists the deleted row and has no tombstones.
    const full = await pull();
    expect(full.changes.openingExceptions).toEqual([]);
    expect(full.deleted).toEqual(EMPTY_DELETED);
  });

  it('resets a cookie older than the tombstone horizon, and only that one', async () => {
    const { db } = fresh();
    await seedSmallQuarter(db);
    const old = await pull();
    await softDelete(db, QUARTER.id, 'activities', 'a1');
    const recent = await pull({ cookie: old.cookie });
    expect(recent.deleted.activities).toEqual(['a1']);

    expect(await purgeTombstones(db, QUARTER.id, recent.head)).toBe(1);
    const afterPurge = await pull({ cookie: old.cookie });
    expect(afterPurge).toMatchObject({ reset: true, head: 2, deleted: EMPTY_DELETED });
    expect(afterPurge.changes.activities).toEqual([]);
    expect(afterPurge.changes.themes).toHaveLength(1);
    // A device that already saw the delete continues incrementally.
    expect(await pull({ cookie: recent.cookie })).toMatchObject({ reset: false, head: 2 });
  });

  it.each([
    ['garbage', () => 'garbage'],
    ['another epoch', (c: string) => c.replace(/^2\.[0-9a-f]+\./, '2.0000000000000000.')],
    ['another format', (c: string) => `9${c.slice(1)}`],
    ['format 1 (before the view was in the cookie)', (c: string) => formatOne(c)],
  ])('answers a cookie from %s with a reset, not an error', async (_, mangle) => {
    await seedSmallQuarter(fresh().db);
    const first = await pull();
    const response = await pull({ cookie: mangle(first.cookie) });
    expect(response).toMatchObject({ reset: true, head: 1, cookie: first.cookie });
    expect(response.changes.themes).toHaveLength(1);
  });

  it('a cookie ahead of the head (database restored from a backup) gives everyone a new epoch', async () => {
    await seedSmallQuarter(fresh().db);
    const first = await pull();
    const fromTheLostFuture = first.cookie.replace(/\.1$/, '.99');
    const response = await pull({ cookie: fromTheLostFuture });
    expect(response).toMatchObject({ reset: true, head: 1 });
    expect(response.epoch).not.toBe(first.epoch);
    expect(response.changes.themes).toHaveLength(1);
    // The device accepts the reset although its head goes down: the epoch changed.
    expect(decidePull({ epoch: first.epoch, head: 99 }, response)).toBe('apply');
    // Every other device resets too: their versions may belong to the forgotten history.
    expect(await pull({ cookie: first.cookie })).toMatchObject({
      reset: true,
      epoch: response.epoch,
    });
    // And the new epoch's cookies work incrementally.
    expect(await pull({ cookie: response.cookie })).toMatchObject({ reset: false });
  });

  it("serves the device's quarter, and resets a cookie of another quarter", async () => {
    const { db } = fresh();
    const [a, b] = [
      { id: 'q-a', name: 'Quartier A' },
      { id: 'q-b', name: 'Quartier B' },
    ];
    await seedSmallQuarter(db, a);
    await seedSmallQuarter(db, b);
    await upsertTheme(db, b.id, { id: 't-b', number: 2, name: 'Nur in B' });
    const deviceA = await enrolDevice(app, db, a);
    const deviceB = await enrolDevice(app, db, b);

    const fromA = await pullAs(app, deviceA.authorization);
    expect(fromA.quarter).toEqual(a);
    const fromB = await pullAs(app, deviceB.authorization, { cookie: fromA.cookie });
    expect(fromB).toMatchObject({ reset: true, head: 2, quarter: b });
    expect(fromB.changes.themes.map((t) => t.id)).toEqual(['t1', 't-b']);
    expect(await pullAs(app, deviceB.authorization, { cookie: fromB.cookie })).toMatchObject({
      reset: false,
      quarter: b,
    });
    // A `quarter` parameter (older apps sent one) changes nothing.
    const named = await pullAs(app, deviceA.authorization, { quarter: b.id });
    expect(named.quarter).toEqual(a);
  });

  it.each([
    ['a cookie of 5000 characters', `cookie=${'x'.repeat(5000)}`, '„cookie“'],
    ['an empty client', 'client=', '„client“'],
    ['a repeated client', 'client=a&client=b', '„client“'],
    ['a client of 65 characters', `client=${'c'.repeat(65)}`, '„client“'],
    ['from 0', 'client=c&from=0', '„from“'],
    ['a from that is not a number', 'client=c&from=zwei', '„from“'],
    ['a fractional from', 'client=c&from=1.5', '„from“'],
  ])('refuses %s with 400 and a German message', async (_, query, field) => {
    await seedSmallQuarter(fresh().db);
    const { status, body } = await pullError(query);
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
    expect(body.message).toContain('ungültig');
    expect(body.message).toContain(field);
  });

  it('lists changes in version order and keeps the head monotonic', async () => {
    const { db } = fresh();
    await createQuarter(db, QUARTER);
    const start = await pull();
    expect(start).toMatchObject({ head: 0, reset: true });
    await upsertTheme(db, QUARTER.id, { id: 'z', number: 1, name: 'Erstes' });
    await upsertTheme(db, QUARTER.id, { id: 'a', number: 2, name: 'Zweites' });
    await upsertTheme(db, QUARTER.id, { id: 'z', number: 1, name: 'Erstes, geändert' });
    const next = await pull({ cookie: start.cookie });
    expect(next.head).toBe(3);
    expect(next.changes.themes.map((t) => [t.id, t.version])).toEqual([
      ['a', 2],
      ['z', 3],
    ]);
    const cookie = parseCookie(next.cookie);
    expect(cookie?.version).toBe(3);
    expect(
      encodeCookie({
        epoch: next.epoch,
        quarterId: QUARTER.id,
        version: 3,
        view: cookie?.view ?? '',
      }),
    ).toBe(next.cookie);
  });
  it('sends the topics of advice sessions like every reference table, also publicly', async () => {
    const { db } = fresh();
    await seedSmallQuarter(db);
    const first = await pull();
    expect(first.changes.topics).toEqual([{ ...TOPIC, version: 1 }]);
    await upsertTopic(db, QUARTER.id, { id: 'digitales', number: 2, name: 'Digitales' });
    await upsertTopic(db, QUARTER.id, { ...TOPIC, name: 'Wohnen und Umzug' });
    await softDelete(db, QUARTER.id, 'topics', 'digitales');
    const next = await pull({ cookie: first.cookie });
    expect(next).toMatchObject({ reset: false, head: 4 });
    expect(next.changes.topics).toEqual([{ ...TOPIC, name: 'Wohnen und Umzug', version: 3 }]);
    expect(next.deleted).toEqual({ ...EMPTY_DELETED, topics: ['digitales'] });
    // A first visit (no device) sees them too: the advice form needs them offline.
    const visit = await pullRaw(app, undefined, { quarter: QUARTER.id });
    expect(visit.json<PullResponse>().changes.topics).toEqual([
      { ...TOPIC, name: 'Wohnen und Umzug', version: 3 },
    ]);
    expect(await purgeTombstones(db, QUARTER.id, 4)).toBe(1);
  });
});
