// A walk whose route went after the routes' period (issue 11), against real Dexie
// (fake-indexeddb): the pull that names a period of 30 days drops the route of a walk 40 days
// old, and the walk's page says calmly that the route was deleted after 30 days — the walk,
// its distance and its details stay. Without a period from the server, or for a walk that never
// had a route, the page says as before that there is no route on this device.
import { screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/instance';
import { applyPull } from '../../src/db/pull';
import { readWalkPoints } from '../../src/db/walk-points';
import type { PullResponse } from '../../src/shared/protocol';
import { RETENTION_DEFAULT_DAYS } from '../../src/shared/retention-defaults';
import { walkRecord } from '../support/entry-builders';
import { pullResponse } from '../support/fixtures';
import { ERIKA, show, useEntryWorld } from './entry-world';

useEntryWorld();

const DAY = 86_400_000;
const RETENTION = { ...RETENTION_DEFAULT_DAYS, routes: 30 };
const DELETED =
  'Die Route wurde nach 30 Tagen gelöscht, so wie es der Datenschutz vorsieht. Die Länge der Strecke bleibt.';
const NO_ROUTE = 'Für diesen Spaziergang gibt es keine Route auf diesem Gerät.';

/** Erika's walk of 40 days ago, 1.8 km, with its route of three points. */
function oldWalk(overrides: Parameters<typeof walkRecord>[1] = {}) {
  const start = Date.now() - 40 * DAY;
  const walk = walkRecord('w-old', {
    author: ERIKA.userId,
    occurredAt: new Date(start).toISOString(),
    endedAt: new Date(start + 3_600_000).toISOString(),
    distanceMetres: 1800,
    ...overrides,
  });
  const points = [0, 1, 2].map((i) => ({
    t: new Date(start + i * 12_000).toISOString(),
    lat: 51.33 + i * 0.00015,
    lon: 6.56,
    accuracy: 4,
  }));
  return { walk, tracks: [{ walkId: 'w-old', chunk: 0, points }] };
}

async function pullWalk(head: number, extra: Partial<PullResponse>, overrides = {}) {
  const { walk, tracks } = oldWalk(overrides);
  const response = pullResponse(head, { changes: { walks: [walk], tracks } });
  await applyPull(db, { ...response, ...extra }, Date.now());
}

async function openWalk() {
  show('#/eintrag/w-old');
  expect(await screen.findByRole('heading', { level: 2, name: 'Route' })).toBeTruthy();
}

describe('a walk whose route outlived its period', () => {
  it('loses its route with the pull that names the period, and its page says so calmly', async () => {
    await pullWalk(2, { retention: RETENTION });
    expect(await readWalkPoints(db, 'w-old')).toEqual([]);
    await openWalk();
    expect(await screen.findByText(DELETED)).toBeTruthy();
    expect(screen.queryByText(NO_ROUTE)).toBeNull();
    expect(screen.queryByRole('img', { name: /Route des Spaziergangs/ })).toBeNull();
    // The walk stays, with its distance, and no download of a route that is gone.
    expect(screen.getByText('1,8 km', { selector: 'dd' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /GPX/ })).toBeNull();
    expect(screen.queryByRole('link', { name: /GPX/ })).toBeNull();
  });

  it('keeps the route and draws it while no server has named a period', async () => {
    await pullWalk(2, {});
    expect(await readWalkPoints(db, 'w-old')).toHaveLength(3);
    await openWalk();
    expect(await screen.findByRole('img', { name: /Route des Spaziergangs/ })).toBeTruthy();
    expect(screen.queryByText(DELETED)).toBeNull();
  });

  it('says "no route" for an old walk that never had one', async () => {
    await pullWalk(2, { retention: RETENTION }, { distanceMetres: 0 });
    await openWalk();
    expect(await screen.findByText(NO_ROUTE)).toBeTruthy();
    expect(screen.queryByText(DELETED)).toBeNull();
  });
});
