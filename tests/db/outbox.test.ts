// Entries and their outbox rows on real Dexie (fake-indexeddb): one transaction (G1), seq
// numbering per installation (G2), acknowledgement (no refusal ever vanishes, G7), drafts that
// never sync, and the schema upgrades that carry old tablets' calls and outbox along.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuartiersbuchDb } from '../../src/db/db';
import { readDraft, saveDraft } from '../../src/db/drafts';
import {
  deleteEntry,
  dismissRejectedChange,
  exportUnsent,
  saveEntry,
  updateEntry,
  type SaveOptions,
} from '../../src/db/entries';
import { readAttention, readEntries } from '../../src/db/entry-queries';
import { pendingSummary, readClient, readOutboxBatch } from '../../src/db/outbox';
import { acknowledge } from '../../src/db/outbox-settle';
import { applyPull } from '../../src/db/pull';
import { readPullState } from '../../src/db/pull-state';
import { saveTrackChunks } from '../../src/db/tracks';
import type { ValuesOf } from '../../src/shared/entry-kinds';
import { adviceValues, callRecord, callValues } from '../support/entry-builders';
import { pullResponse } from '../support/fixtures';
import { openReleasedSchema } from '../support/released-schemas';

let db: QuartiersbuchDb;
let n = 0;
beforeEach(() => {
  db = new QuartiersbuchDb(`outbox-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const tel = { id: 'tel', name: 'Begegnungstelefon', themeName: 'Beratung' };
const call = (partner: string, overrides: Partial<ValuesOf<'call'>> = {}) =>
  callValues(partner, { activity: tel, ...overrides });
const as = (author: string, now = 1_000) => ({ author, now });
const saveCall = (partner: string, options: SaveOptions = as('u1'), overrides = {}) =>
  saveEntry(db, 'call', call(partner, overrides), options);
const route = (points: number) =>
  Array.from({ length: points }, (_, i) => ({
    t: new Date(Date.UTC(2026, 10, 25, 10) + i * 1_000).toISOString(),
    lat: 51.33 + i / 1e5,
    lon: 6.56,
    accuracy: 5,
  }));

describe('saveEntry', () => {
  it('writes the call and its outbox row with consecutive seqs of one client', async () => {
    const a = await saveCall('Frau A.', as('u1'));
    const b = await saveCall('Herr B.', as('u2', 2_000));
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a.state).toBe('saved');
    const rows = await readOutboxBatch(db, 10);
    expect(rows.map((row) => [row.seq, row.name, row.v, row.author])).toEqual([
      [1, 'call.create', 3, 'u1'],
      [2, 'call.create', 3, 'u2'],
    ]);
    expect(rows[0]?.args).toMatchObject({ id: a.id, partner: 'Frau A.', reached: true });
    expect(a).toMatchObject({ version: null, conflict: false });
    const client = await readClient(db);
    expect(client?.lastSeq).toBe(2);
    expect(client?.clientId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses invalid input and writes nothing', async () => {
    await expect(saveCall('  ')).rejects.toThrow();
    await expect(saveCall('X', as('u1'), { durationMinutes: -5 })).rejects.toThrow();
    await expect(
      saveEntry(db, 'advice', adviceValues({ place: 'pub' as 'shop' }), as('u1')),
    ).rejects.toThrow();
    expect(await db.entries.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await readClient(db)).toBeUndefined();
  });

  it('is atomic: when the outbox write fails, neither the entry nor the seq is kept', async () => {
    await saveCall('Frau A.');
    // The next seq (2) is taken by a stray row, so adding the outbox row fails.
    await db.outbox.add({ seq: 2, name: 'x', v: 1, author: 'u1', args: {}, createdAt: 0 });
    await expect(saveCall('Herr B.')).rejects.toThrow();
    await expect(saveEntry(db, 'advice', adviceValues(), as('u1'))).rejects.toThrow();
    expect(await db.entries.count()).toBe(1);
    expect((await readClient(db))?.lastSeq).toBe(1);
  });

  it('removes the form draft in the same transaction, and drafts never reach the outbox', async () => {
    await saveDraft(db, 'call-form', { partner: 'Frau A' }, 500);
    expect(await db.outbox.count()).toBe(0);
    await saveCall('Frau A.', { ...as('u1'), draftId: 'call-form' });
    expect(await readDraft(db, 'call-form')).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
  });

  it('keeps each author’s entries apart on a shared tablet', async () => {
    await saveCall('Frau A.', as('u1'));
    await saveCall('Herr B.', as('u2'));
    expect((await readEntries(db, 'u1', 'call')).map((c) => c.partner)).toEqual(['Frau A.']);
    expect((await readOutboxBatch(db, 10)).map((row) => row.author)).toEqual(['u1', 'u2']);
  });
});

describe('acknowledge', () => {
  it('drops done rows and marks entries delivered or rejected, leaving later ones waiting', async () => {
    const a = await saveCall('A', as('u1', 100));
    const b = await saveEntry(db, 'advice', adviceValues(), as('u1', 200));
    const c = await saveCall('C', as('u1', 300));
    const rejection = { seq: b.seq, code: 'invalid_args', message: 'Dauer fehlt' };
    await acknowledge(db, 2, [rejection]);
    expect((await readOutboxBatch(db, 10)).map((row) => row.seq)).toEqual([3]);
    expect((await db.entries.get(a.id))?.state).toBe('delivered');
    expect(await db.entries.get(b.id)).toMatchObject({ state: 'rejected', rejection });
    expect((await db.entries.get(c.id))?.state).toBe('saved');
    expect(await pendingSummary(db)).toEqual({ count: 1, oldestCreatedAt: 300 });
    expect(await db.rejectedChanges.count()).toBe(0); // the entry shows it
  });

  it('acknowledging the same lastSeq twice changes nothing more', async () => {
    await saveCall('A');
    await acknowledge(db, 1, []);
    await acknowledge(db, 1, []);
    expect(await pendingSummary(db)).toEqual({ count: 0, oldestCreatedAt: null });
  });
});

describe('pendingSummary', () => {
  it('counts entries as people do: an entry changed twice is one, a route in chunks is one', async () => {
    const first = await saveCall('Frau K.', as('erika', 5_000));
    await updateEntry(db, 'call', first.id, { note: 'Rückruf' }, as('erika', 6_000));
    await updateEntry(db, 'call', first.id, { durationMinutes: 20 }, as('erika', 7_000));
    const second = await saveCall('Herr B.', as('erika', 8_000));
    await deleteEntry(db, second.id, as('erika', 9_000));
    await saveTrackChunks(db, 'walk-1', route(1_200), as('erika', 10_000));
    const advice = await saveEntry(db, 'advice', adviceValues(), as('erika', 11_000));
    await updateEntry(db, 'advice', advice.id, { note: 'nachgetragen' }, as('erika', 12_000));
    expect(await db.outbox.count()).toBeGreaterThan(9);
    expect(await pendingSummary(db)).toEqual({ count: 4, oldestCreatedAt: 5_000 });
  });
});

describe('a refusal no entry shows', () => {
  const refusal = (seq: number, code = 'forbidden') => ({ seq, code, message: `Nein (${seq})` });

  it('of a route chunk is kept under "Braucht Aufmerksamkeit" until dismissed', async () => {
    await applyPull(db, pullResponse(3, { reset: true }), 1);
    const seqs = await saveTrackChunks(db, 'walk-1', route(600), as('erika', 40));
    expect(seqs).toEqual([1, 2]);
    await acknowledge(db, 2, [refusal(2)]);
    expect(await db.outbox.count()).toBe(0);
    const change = {
      seq: 2,
      name: 'walk.track',
      author: 'erika',
      entryId: 'walk-1',
      rejection: refusal(2),
      createdAt: 40,
    };
    expect(await readAttention(db)).toEqual({ entries: [], changes: [change], count: 1 });
    expect(await readAttention(db, 'erika')).toMatchObject({ count: 1 });
    expect(await readAttention(db, 'hans')).toEqual({ entries: [], changes: [], count: 0 });
    // A refused chunk says nothing about entries: no full pull is needed.
    expect((await readPullState(db))?.cookie).not.toBe('');
    await dismissRejectedChange(db, 2);
    expect(await readAttention(db)).toMatchObject({ changes: [], count: 0 });
  });

  it('of a delete is kept, and the next pull is a full one that brings the entry back', async () => {
    await applyPull(
      db,
      pullResponse(4, { reset: true, changes: { calls: [callRecord('c1')] } }),
      1,
    );
    await deleteEntry(db, 'c1', as('u1', 50));
    await applyPull(db, pullResponse(5, { client: { lastSeq: 1, rejected: [refusal(1)] } }), 2);
    expect(await readAttention(db, 'u1')).toEqual({
      entries: [],
      changes: [
        {
          seq: 1,
          name: 'call.delete',
          author: 'u1',
          entryId: 'c1',
          rejection: refusal(1),
          createdAt: 50,
        },
      ],
      count: 1,
    });
    expect((await readPullState(db))?.cookie).toBe('');
    await applyPull(
      db,
      pullResponse(5, { reset: true, changes: { calls: [callRecord('c1')] } }),
      3,
    );
    expect(await db.entries.get('c1')).toMatchObject({ state: 'delivered' });
    expect((await readAttention(db)).count).toBe(1); // still there until dismissed
  });

  it('of a change a later one superseded, or of an entry since deleted, is kept too', async () => {
    const a = await saveCall('A', as('u1', 1));
    const edit = await updateEntry(db, 'call', a.id, { note: 'x' }, as('u1', 2));
    const b = await saveCall('B', as('u1', 3));
    await deleteEntry(db, b.id, as('u1', 4));
    await acknowledge(db, 4, [refusal(a.seq, 'invalid_args'), refusal(b.seq, 'invalid_args')]);
    expect(await db.entries.get(a.id)).toMatchObject({ state: 'delivered', seq: edit.seq });
    const attention = await readAttention(db);
    expect(attention.entries).toEqual([]);
    expect(attention.changes.map((change) => [change.seq, change.entryId])).toEqual([
      [b.seq, b.id],
      [a.seq, a.id],
    ]);
    expect(attention.count).toBe(2);
  });

  it('is not part of the export of unsent changes: it left the outbox', async () => {
    const [chunk] = await saveTrackChunks(db, 'walk-1', route(10), as('erika'));
    await acknowledge(db, chunk!, [refusal(chunk!)]);
    expect((await exportUnsent(db)).changes).toEqual([]);
  });
});

describe('schema upgrade', () => {
  it('a version-1 database keeps its catalogue when it gains the outbox', async () => {
    const name = `upgrade-test-${++n}`;
    const v1 = openReleasedSchema(name, 1);
    await v1.table('themes').put({ id: 't1', number: 1, name: 'Fit fürs Alter', version: 1 });
    v1.close();
    const upgraded = new QuartiersbuchDb(name);
    expect(await upgraded.themes.get('t1')).toMatchObject({ name: 'Fit fürs Alter' });
    expect(await upgraded.outbox.count()).toBe(0);
    expect(upgraded.verno).toBe(8);
    await upgraded.delete();
  });

  it('a version-3 database keeps its calls (as entries) and outbox; old calls count as reached, never seen back', async () => {
    const name = `upgrade-test-${++n}`;
    const v3 = openReleasedSchema(name, 3);
    const v1Call: Record<string, unknown> = { ...call('Frau A.'), id: 'c1' };
    delete v1Call.reached; // call.create v1 had no `reached`
    await v3.table('calls').put({ ...v1Call, author: 'u1', state: 'saved', seq: 1 });
    await v3
      .table('outbox')
      .put({ seq: 1, name: 'call.create', v: 1, author: 'u1', args: v1Call, createdAt: 5 });
    v3.close();
    const upgraded = new QuartiersbuchDb(name);
    expect(await upgraded.entries.get('c1')).toMatchObject({
      kind: 'call',
      partner: 'Frau A.',
      reached: true,
      version: null,
      conflict: false,
      state: 'saved',
    });
    expect(await readOutboxBatch(upgraded, 10)).toMatchObject([{ seq: 1, v: 1 }]); // upcast by the server
    expect(await upgraded.device.count()).toBe(0);
    await upgraded.delete();
  });

  it('a version-5 database: every call becomes an entry of kind call with all it had, the outbox untouched', async () => {
    const name = `upgrade-test-${++n}`;
    const v5 = openReleasedSchema(name, 5);
    const rejection = { seq: 7, code: 'invalid_args', message: 'Dauer fehlt' };
    const calls = [
      {
        ...call('Gesendet'),
        id: 'c1',
        author: 'u1',
        state: 'delivered',
        seq: 0,
        version: 12,
        conflict: true,
      },
      {
        ...call('Wartet'),
        id: 'c2',
        author: 'u2',
        state: 'saved',
        seq: 8,
        version: null,
        conflict: false,
      },
      {
        ...call('Abgelehnt'),
        id: 'c3',
        author: 'u1',
        state: 'rejected',
        seq: 7,
        version: 3,
        conflict: false,
        rejection,
      },
    ];
    const outbox = [
      {
        seq: 8,
        name: 'call.update',
        v: 1,
        author: 'u2',
        args: { id: 'c2', baseVersion: null, fields: { note: 'x' } },
        createdAt: 5,
      },
      {
        seq: 9,
        name: 'walk.track',
        v: 1,
        author: 'u1',
        args: { walkId: 'w1', chunk: 0, points: [] },
        createdAt: 6,
      },
    ];
    await v5.table('calls').bulkPut(calls);
    await v5.table('outbox').bulkPut(outbox);
    await v5.table('clientState').put({ key: 'client', clientId: 'client-1', lastSeq: 9 });
    await v5.table('syncState').put({
      key: 'pull',
      cookie: '2.e.v.q.40',
      epoch: 'e',
      head: 40,
      quarterId: 'q',
      quarterName: 'Q',
      pulledAt: 1,
      serverTime: '2026-11-25T10:00:00.000Z',
    });
    v5.close();

    const upgraded = new QuartiersbuchDb(name);
    expect(await upgraded.entries.orderBy('id').toArray()).toEqual(
      calls.map((row) => ({ ...row, kind: 'call' })),
    );
    expect(await upgraded.outbox.orderBy('seq').toArray()).toEqual(outbox);
    expect(await readClient(upgraded)).toEqual({ key: 'client', clientId: 'client-1', lastSeq: 9 });
    expect(upgraded.tables.map((table) => table.name)).not.toContain('calls');
    expect(await upgraded.rejectedChanges.count()).toBe(0);
    // The first pull after the update is a full one (it brings the topics), never an older one.
    expect(await readPullState(upgraded)).toMatchObject({ cookie: '', epoch: 'e', head: 40 });
    expect(await readEntries(upgraded, 'u1', 'call')).toHaveLength(2);
    expect((await readAttention(upgraded)).entries.map((entry) => entry.id)).toEqual(['c3']);
    expect(await pendingSummary(upgraded)).toEqual({ count: 2, oldestCreatedAt: 5 });
    // And the device goes on: the next seq follows the old ones.
    const next = await saveEntry(upgraded, 'advice', adviceValues(), as('u1'));
    expect(next.seq).toBe(10);
    await upgraded.delete();
  });

  it('a version-7 database keeps its entries and outbox, gains route points and recordings, and pulls in full once', async () => {
    const name = `upgrade-test-${++n}`;
    const v7 = openReleasedSchema(name, 7);
    const v2Call: Record<string, unknown> = { ...call('Frau A.'), id: 'c1' };
    delete v2Call.partnerId; // call.create v2 had no partner
    const entries = [
      {
        ...v2Call,
        kind: 'call',
        author: 'u1',
        state: 'saved',
        seq: 3,
        version: null,
        conflict: false,
      },
      {
        ...adviceValues(),
        id: 'a1',
        kind: 'advice',
        author: 'u2',
        state: 'delivered',
        seq: 0,
        version: 7,
        conflict: false,
      },
    ];
    const outbox = [
      { seq: 3, name: 'call.create', v: 2, author: 'u1', args: v2Call, createdAt: 5 },
      {
        seq: 4,
        name: 'walk.track',
        v: 1,
        author: 'u1',
        args: { walkId: 'w-old', chunk: 0, points: route(2) },
        createdAt: 6,
      },
    ];
    await v7.table('entries').bulkPut(entries);
    await v7.table('outbox').bulkPut(outbox);
    await v7.table('clientState').put({ key: 'client', clientId: 'client-7', lastSeq: 4 });
    await v7.table('syncState').put({
      key: 'pull',
      cookie: '2.e.v.q.70',
      epoch: 'e',
      head: 70,
      quarterId: 'q',
      quarterName: 'Q',
      pulledAt: 1,
      serverTime: '2026-11-25T10:00:00.000Z',
    });
    v7.close();

    const upgraded = new QuartiersbuchDb(name);
    expect(await upgraded.entries.get('c1')).toEqual({ ...entries[0], partnerId: null });
    expect(await upgraded.entries.get('a1')).toEqual(entries[1]);
    expect(await upgraded.outbox.orderBy('seq').toArray()).toEqual(outbox); // sent as they are (G10)
    expect(await upgraded.walkPoints.count()).toBe(0);
    expect(await upgraded.recordings.count()).toBe(0);
    expect(upgraded.verno).toBe(8);
    // Partners assigned while the old app ignored them arrive with a full pull, never an older one.
    expect(await readPullState(upgraded)).toMatchObject({ cookie: '', epoch: 'e', head: 70 });
    expect(await pendingSummary(upgraded)).toEqual({ count: 2, oldestCreatedAt: 5 });
    const next = await saveEntry(upgraded, 'call', call('Herr B.'), as('u1'));
    expect(next.seq).toBe(5);
    await upgraded.delete();
  });
});
