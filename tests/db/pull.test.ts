// Applying pulls to real Dexie on fake-indexeddb: atomic, monotonic, tombstones delete (G4, G8).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuartiersbuchDb } from '../../src/db/db';
import { applyPull } from '../../src/db/pull';
import { readPullState } from '../../src/db/pull-state';
import { activity, exception, pullResponse, storefront, theme, topic } from '../support/fixtures';

let db: QuartiersbuchDb;
let n = 0;
beforeEach(() => {
  db = new QuartiersbuchDb(`pull-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const ids = async (table: 'activities' | 'themes' | 'openingExceptions') =>
  (await db.table(table).toCollection().primaryKeys()).sort();

describe('applyPull', () => {
  it('stores a full snapshot and the cookie together', async () => {
    const first = pullResponse(5, {
      reset: true,
      changes: {
        themes: [theme(1), theme(2)],
        activities: [activity('a'), activity('b')],
        storefronts: [storefront()],
        openingExceptions: [exception('x')],
      },
    });
    expect(await applyPull(db, first, 1000)).toBe('apply');
    expect(await ids('themes')).toEqual(['theme-1', 'theme-2']);
    expect(await ids('activities')).toEqual(['a', 'b']);
    expect(await db.storefronts.count()).toBe(1);
    const state = await readPullState(db);
    expect(state).toMatchObject({
      cookie: first.cookie,
      head: 5,
      epoch: 'epoch-a',
      pulledAt: 1000,
    });
  });

  it('stores the topics of advice sessions like any reference table', async () => {
    await applyPull(
      db,
      pullResponse(5, { reset: true, changes: { topics: [topic(2), topic(1), topic(3)] } }),
      1,
    );
    await applyPull(db, pullResponse(6, { deleted: { topics: ['topic-3'] } }), 2);
    expect(await db.topics.orderBy('number').primaryKeys()).toEqual(['topic-1', 'topic-2']);
  });

  it('applies changes and tombstones on top of the replica', async () => {
    await applyPull(
      db,
      pullResponse(5, { reset: true, changes: { activities: [activity('a'), activity('b')] } }),
      1,
    );
    await applyPull(
      db,
      pullResponse(7, {
        changes: { activities: [activity('a', { name: 'Neu', version: 7 }), activity('c')] },
        deleted: { activities: ['b'] },
      }),
      2,
    );
    expect(await ids('activities')).toEqual(['a', 'c']);
    expect((await db.activities.get('a'))?.name).toBe('Neu');
  });

  it('a reset drops rows the snapshot no longer has', async () => {
    await applyPull(
      db,
      pullResponse(5, { reset: true, changes: { activities: [activity('a'), activity('b')] } }),
      1,
    );
    await applyPull(
      db,
      pullResponse(9, { reset: true, changes: { activities: [activity('b')] } }),
      2,
    );
    expect(await ids('activities')).toEqual(['b']);
  });

  it('refuses an older response: the cookie never moves back', async () => {
    await applyPull(
      db,
      pullResponse(9, { reset: true, changes: { activities: [activity('new')] } }),
      1,
    );
    const late = pullResponse(4, { reset: true, changes: { activities: [activity('old')] } });
    expect(await applyPull(db, late, 2)).toBe('stale');
    expect(await ids('activities')).toEqual(['new']);
    expect((await readPullState(db))?.head).toBe(9);
  });

  it('accepts a reset from a new server epoch even with a lower head', async () => {
    await applyPull(
      db,
      pullResponse(9, { reset: true, changes: { activities: [activity('a')] } }),
      1,
    );
    const fresh = pullResponse(2, {
      reset: true,
      epoch: 'epoch-b',
      changes: { activities: [activity('z')] },
    });
    expect(await applyPull(db, fresh, 2)).toBe('apply');
    expect(await ids('activities')).toEqual(['z']);
    expect((await readPullState(db))?.epoch).toBe('epoch-b');
  });

  it('ignores a non-reset response from another epoch', async () => {
    await applyPull(
      db,
      pullResponse(3, { reset: true, changes: { activities: [activity('a')] } }),
      1,
    );
    const other = pullResponse(8, { epoch: 'epoch-b', deleted: { activities: ['a'] } });
    expect(await applyPull(db, other, 2)).toBe('stale');
    expect(await ids('activities')).toEqual(['a']);
  });

  it('takes a reset of another quarter even with a lower head (enrolled after a public pull), nothing else of it', async () => {
    await applyPull(
      db,
      pullResponse(9, { reset: true, changes: { activities: [activity('a')] } }),
      1,
    );
    const other = (response: ReturnType<typeof pullResponse>) => ({
      ...response,
      quarter: { id: 'q-other', name: 'Anderes Quartier' },
    });
    expect(
      await applyPull(db, other(pullResponse(12, { deleted: { activities: ['a'] } })), 2),
    ).toBe('stale');
    const reset = other(pullResponse(2, { reset: true, changes: { activities: [activity('z')] } }));
    expect(await applyPull(db, reset, 3)).toBe('apply');
    expect(await ids('activities')).toEqual(['z']);
    expect(await readPullState(db)).toMatchObject({ quarterId: 'q-other', head: 2 });
  });

  it('is atomic: a failure half-way leaves the previous replica and cookie', async () => {
    await applyPull(
      db,
      pullResponse(3, { reset: true, changes: { activities: [activity('a')] } }),
      1,
    );
    // A row without its primary key makes bulkPut fail after the clear of the reset.
    const broken = pullResponse(6, {
      reset: true,
      changes: {
        themes: [theme(1)],
        activities: [{ ...activity('b'), id: undefined as unknown as string }],
      },
    });
    await expect(applyPull(db, broken, 2)).rejects.toThrow();
    expect(await ids('activities')).toEqual(['a']);
    expect(await ids('themes')).toEqual([]);
    expect((await readPullState(db))?.head).toBe(3);
  });

  it('applying the same response twice changes nothing', async () => {
    const response = pullResponse(4, { reset: true, changes: { activities: [activity('a')] } });
    await applyPull(db, response, 1);
    await applyPull(db, response, 2);
    expect(await ids('activities')).toEqual(['a']);
  });
});

describe('schema', () => {
  it('opens at the latest version with the reference tables indexed for the views', async () => {
    await db.open();
    expect(db.verno).toBe(8);
    expect(db.tables.map((table) => table.name).sort()).toEqual([
      'activities',
      'clientState',
      'device',
      'drafts',
      'entries',
      'institutions',
      'leases',
      'openingExceptions',
      'outbox',
      'people',
      'recordings',
      'rejectedChanges',
      'session',
      'storefronts',
      'syncState',
      'themes',
      'topics',
      'walkPoints',
    ]);
    expect(db.entries.schema.indexes.map((index) => index.name).sort()).toEqual([
      'author',
      'kind',
      'occurredAt',
      'state',
    ]);
    expect(db.walkPoints.schema.primKey.name).toBe('[walkId+n]');
    expect(db.walkPoints.schema.indexes.map((index) => index.name)).toEqual(['walkId']);
    expect(db.recordings.schema.indexes.map((index) => index.name)).toEqual(['author']);
    expect(db.activities.schema.indexes.map((index) => index.name)).toContain('themeId');
    expect(db.openingExceptions.schema.indexes.map((index) => index.name)).toEqual(
      expect.arrayContaining(['storefrontId', 'date']),
    );
  });
});
