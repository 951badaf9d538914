import { decidePull } from '../../src/domain/pull-decision';
import type { FastifyInstance } from 'fastify';
import * as v from 'valibot';
import { beforeEach, expect, it } from 'vitest';
import { pullResponseSchema, type PullResponse } from '../../src/shared/protocol';
import { upsertActivity, upsertTheme } from '../../server/repos/catalogue.repo';
import { createQuarter } from '../../server/repos/quarter.repo';
import { purgeTombstones, softDelete } from '../../server/repos/tombstone.repo';
import { encodeCookie, parseCookie } from '../../server/sync/pull-cookie';
import { ACTIVITY, QUARTER, seedSmallQuarter } from './support/fixtures';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const EMPTY_DELETED = {
  themes: [],
  institutions: [],
  activities: [],
  storefronts: [],
  openingExceptions: [],
};

function counts(response: PullResponse) {
  return Object.fromEntries(
    Object.entries(response.changes).map(([table, rows]) => [table, rows.length]),
  );
}

describeEachDialect('pull', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;

  beforeEach(async () => {
    app = (await buildTestApp(fresh().db)).app;
  });

  async function pull(query: Record<string, string> = {}): Promise<PullResponse> {
    const response = await app.inject({ method: 'GET', url: '/api/v1/pull', query });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    // Exactly the shared contract: the device validates every pull with this schema.
    return v.parse(pullResponseSchema, response.json());
  }

  async function pullError(url: string) {
    const response = await app.inject({ method: 'GET', url });
    return {
      status: response.statusCode,
      body: response.json<{ error: string; message: string }>(),
    };
  }

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
    });
    expect(response.changes.activities[0]).toMatchObject({ ...ACTIVITY, version: 1 });
    expect(parseCookie(response.cookie)).toEqual({
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
    expect(Object.values(counts(second))).toEqual([0, 0, 0, 0, 0]);
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
    ['another epoch', (c: string) => c.replace(/^1\.[0-9a-f]+\./, '1.0000000000000000.')],
    ['another format', (c: string) => `9${c.slice(1)}`],
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

  it('serves the quarter asked for, and resets a cookie of another quarter', async () => {
    const { db } = fresh();
    await seedSmallQuarter(db, { id: 'q-a', name: 'Quartier A' });
    await seedSmallQuarter(db, { id: 'q-b', name: 'Quartier B' });
    await upsertTheme(db, 'q-b', { id: 't-b', number: 2, name: 'Nur in B' });

    const a = await pull();
    expect(a.quarter).toEqual({ id: 'q-a', name: 'Quartier A' });
    const b = await pull({ quarter: 'q-b', cookie: a.cookie });
    expect(b).toMatchObject({ reset: true, head: 2, quarter: { id: 'q-b' } });
    expect(b.changes.themes.map((t) => t.id)).toEqual(['t1', 't-b']);
    // Without a quarter parameter the cookie's quarter is served.
    expect(await pull({ cookie: b.cookie })).toMatchObject({
      reset: false,
      quarter: { id: 'q-b' },
    });
  });

  it('serves the configured default quarter', async () => {
    const { db } = fresh();
    await seedSmallQuarter(db, { id: 'q-a', name: 'Quartier A' });
    await seedSmallQuarter(db, { id: 'q-b', name: 'Quartier B' });
    app = (await buildTestApp(db, { defaultQuarter: 'q-b' })).app;
    expect((await pull()).quarter.id).toBe('q-b');
    app = (await buildTestApp(db, { defaultQuarter: 'q-missing' })).app;
    expect((await pullError('/api/v1/pull')).status).toBe(404);
  });

  it('answers an unknown quarter with 404 and a German message', async () => {
    await seedSmallQuarter(fresh().db);
    const { status, body } = await pullError('/api/v1/pull?quarter=gibt-es-nicht');
    expect(status).toBe(404);
    expect(body).toEqual({
      error: 'unknown_quarter',
      message: 'Dieses Quartier gibt es auf dem Server nicht.',
    });
  });

  it('answers an empty server with 404 and a German message', async () => {
    const { status, body } = await pullError('/api/v1/pull');
    expect(status).toBe(404);
    expect(body.message).toMatch(/noch kein Quartier/);
  });

  it.each([
    ['a cookie of 5000 characters', `cookie=${'x'.repeat(5000)}`, '„cookie“'],
    ['an empty quarter', 'quarter=', '„quarter“'],
    ['a repeated quarter', 'quarter=a&quarter=b', '„quarter“'],
    ['a quarter of 65 characters', `quarter=${'q'.repeat(65)}`, '„quarter“'],
  ])('refuses %s with 400 and a German message', async (_, query, field) => {
    await seedSmallQuarter(fresh().db);
    const { status, body } = await pullError(`/api/v1/pull?${query}`);
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
    expect(parseCookie(next.cookie)?.version).toBe(3);
    expect(encodeCookie({ epoch: next.epoch, quarterId: QUARTER.id, version: 3 })).toBe(
      next.cookie,
    );
  });
});
