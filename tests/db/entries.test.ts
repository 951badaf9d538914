// Saving, changing, deleting and exporting entries of every kind on real Dexie
// (fake-indexeddb): every change is the entry and its outbox row in one transaction (G1); an
// entry is 'saved' while any of its rows waits, 'delivered' once all are done, 'rejected' when
// its newest change was refused (G7). Calls and advice sessions go through the same functions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuartiersbuchDb } from '../../src/db/db';
import {
  deleteEntry,
  dismissRejection,
  exportUnsent,
  saveEntry,
  updateEntry,
} from '../../src/db/entries';
import { readAttention, readEntries, readEntry } from '../../src/db/entry-queries';
import { pendingSummary, readOutboxBatch } from '../../src/db/outbox';
import { acknowledge } from '../../src/db/outbox-settle';
import { applyPull } from '../../src/db/pull';
import { adviceRecord, adviceValues, callRecord, callValues } from '../support/entry-builders';
import { pullResponse } from '../support/fixtures';

let db: QuartiersbuchDb;
let n = 0;
beforeEach(() => {
  db = new QuartiersbuchDb(`entries-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const as = (author: string, now = 1_000) => ({ author, now });
const rows = () => readOutboxBatch(db, 100);
const fromServer = (id: string, version: number) =>
  applyPull(db, pullResponse(version, { changes: { calls: [callRecord(id, { version })] } }), 1);
const adviceFromServer = (id: string, version: number) =>
  applyPull(db, pullResponse(version, { changes: { advice: [adviceRecord(id, { version })] } }), 1);

describe('updateEntry', () => {
  it('shows the change at once and queues only the changed fields with the known version', async () => {
    await fromServer('c1', 4);
    const updated = await updateEntry(
      db,
      'call',
      'c1',
      { note: 'Rückruf', reached: false },
      as('u2', 5),
    );
    expect(updated).toMatchObject({ note: 'Rückruf', reached: false, state: 'saved', seq: 1 });
    expect(await db.entries.get('c1')).toEqual(updated);
    expect(await rows()).toEqual([
      {
        seq: 1,
        name: 'call.update',
        v: 1,
        author: 'u2',
        createdAt: 5,
        args: { id: 'c1', baseVersion: 4, fields: { note: 'Rückruf', reached: false } },
      },
    ]);
  });

  it('removes the edit’s draft in the same transaction, and keeps it when the change fails', async () => {
    await fromServer('c1', 4);
    await db.drafts.put({ formId: 'call-edit:c1', data: { note: 'Rückruf' }, updatedAt: 1 });
    await expect(
      updateEntry(
        db,
        'call',
        'c1',
        { durationMinutes: -5 },
        { ...as('u2'), draftId: 'call-edit:c1' },
      ),
    ).rejects.toThrow();
    expect(await db.drafts.get('call-edit:c1')).toBeDefined();
    await updateEntry(
      db,
      'call',
      'c1',
      { note: 'Rückruf' },
      { ...as('u2'), draftId: 'call-edit:c1' },
    );
    expect(await db.drafts.get('call-edit:c1')).toBeUndefined();
    expect(await rows()).toHaveLength(1);
  });

  it('of an entry the server has not sent back yet sends baseVersion null', async () => {
    const call = await saveEntry(db, 'call', callValues('A'), as('u1'));
    await updateEntry(db, 'call', call.id, { durationMinutes: 20 }, as('u1'));
    expect((await rows())[1]?.args).toMatchObject({ baseVersion: null });
  });

  it('refuses empty or invalid fields and an unknown entry, writing nothing', async () => {
    await fromServer('c1', 4);
    await expect(updateEntry(db, 'call', 'c1', {}, as('u1'))).rejects.toThrow();
    await expect(
      updateEntry(db, 'call', 'c1', { durationMinutes: -1 }, as('u1')),
    ).rejects.toThrow();
    await expect(updateEntry(db, 'call', 'nope', { note: 'x' }, as('u1'))).rejects.toThrow();
    expect(await rows()).toEqual([]);
    expect(await db.entries.get('c1')).toMatchObject({ state: 'delivered', note: '' });
  });

  it('of an entry of another kind throws and writes nothing', async () => {
    await fromServer('c1', 4);
    await adviceFromServer('a1', 5);
    await expect(updateEntry(db, 'advice', 'c1', { note: 'x' }, as('u1'))).rejects.toThrow(
      'Diese Beratung gibt es auf diesem Gerät nicht',
    );
    await expect(updateEntry(db, 'call', 'a1', { note: 'x' }, as('u1'))).rejects.toThrow(
      'Diesen Anruf gibt es auf diesem Gerät nicht',
    );
    expect(await rows()).toEqual([]);
    expect(await db.clientState.count()).toBe(0);
    expect(await db.entries.get('c1')).toMatchObject({ kind: 'call', note: '', seq: 0 });
    expect(await db.entries.get('a1')).toMatchObject({ kind: 'advice', note: '', seq: 0 });
  });

  it('is atomic: when the outbox write fails, the entry keeps its old values', async () => {
    await fromServer('c1', 4);
    await db.outbox.add({ seq: 1, name: 'x', v: 1, author: 'u1', args: {}, createdAt: 0 });
    await expect(updateEntry(db, 'call', 'c1', { note: 'neu' }, as('u1'))).rejects.toThrow();
    expect(await db.entries.get('c1')).toMatchObject({ note: '', state: 'delivered' });
  });

  it('stays saved until its newest change is done, then is delivered', async () => {
    const call = await saveEntry(db, 'call', callValues('A'), as('u1'));
    const edit = await updateEntry(db, 'call', call.id, { note: 'x' }, as('u1'));
    await acknowledge(db, call.seq, []); // the create is done, the edit still waits
    expect(await db.entries.get(call.id)).toMatchObject({ state: 'saved' });
    await acknowledge(db, edit.seq, []);
    expect(await db.entries.get(call.id)).toMatchObject({ state: 'delivered' });
  });

  it('clears an earlier refusal: the newest change decides', async () => {
    const call = await saveEntry(db, 'call', callValues('A'), as('u1'));
    await acknowledge(db, call.seq, [{ seq: call.seq, code: 'invalid_args', message: 'x' }]);
    const edit = await updateEntry(db, 'call', call.id, { note: 'x' }, as('u1'));
    expect(edit.rejection).toBeUndefined();
    expect(edit.state).toBe('saved');
  });
});

describe('deleteEntry', () => {
  it('removes the entry and queues its kind’s delete in one go', async () => {
    await fromServer('c1', 4);
    expect(await deleteEntry(db, 'c1', as('u1', 9))).toBe(true);
    expect(await db.entries.get('c1')).toBeUndefined();
    expect(await rows()).toEqual([
      { seq: 1, name: 'call.delete', v: 1, author: 'u1', createdAt: 9, args: { id: 'c1' } },
    ]);
    expect(await deleteEntry(db, 'c1', as('u1'))).toBe(false);
    expect(await db.outbox.count()).toBe(1);
  });

  it('is atomic: when the outbox write fails, the entry stays', async () => {
    await fromServer('c1', 4);
    await db.outbox.add({ seq: 1, name: 'x', v: 1, author: 'u1', args: {}, createdAt: 0 });
    await expect(deleteEntry(db, 'c1', as('u1'))).rejects.toThrow();
    expect(await db.entries.get('c1')).toBeDefined();
  });
});

describe('advice sessions', () => {
  it('are saved, changed and deleted like calls, each change with its outbox row', async () => {
    const saved = await saveEntry(db, 'advice', adviceValues({ note: 'Erstgespräch' }), {
      ...as('u1', 10),
      makeId: () => 'a1',
    });
    expect(saved).toMatchObject({
      id: 'a1',
      kind: 'advice',
      author: 'u1',
      state: 'saved',
      seq: 1,
      version: null,
      conflict: false,
      place: 'shop',
      topics: [{ id: 'topic-1', name: 'Wohnen' }],
    });
    expect(await readEntry(db, 'a1')).toEqual(saved);
    const changed = await updateEntry(
      db,
      'advice',
      'a1',
      { followUp: '2026-12-07', topics: [{ id: 'topic-2', name: 'Pflege' }] },
      as('u1', 20),
    );
    expect(changed).toMatchObject({
      followUp: '2026-12-07',
      topics: [{ id: 'topic-2', name: 'Pflege' }],
      note: 'Erstgespräch',
      seq: 2,
    });
    expect(await deleteEntry(db, 'a1', as('u1', 30))).toBe(true);
    expect(await readEntry(db, 'a1')).toBeNull();
    expect((await rows()).map((row) => [row.seq, row.name, row.v, row.createdAt])).toEqual([
      [1, 'advice.create', 1, 10],
      [2, 'advice.update', 1, 20],
      [3, 'advice.delete', 1, 30],
    ]);
    expect((await rows())[1]?.args).toEqual({
      id: 'a1',
      baseVersion: null,
      fields: { followUp: '2026-12-07', topics: [{ id: 'topic-2', name: 'Pflege' }] },
    });
    expect(await pendingSummary(db)).toEqual({ count: 1, oldestCreatedAt: 10 });
  });

  it('refuses values its schema refuses (no topic, a day that does not exist), writing nothing', async () => {
    await expect(saveEntry(db, 'advice', adviceValues({ topics: [] }), as('u1'))).rejects.toThrow();
    await expect(
      saveEntry(db, 'advice', adviceValues({ followUp: '2026-02-30' }), as('u1')),
    ).rejects.toThrow();
    await expect(
      saveEntry(db, 'advice', { ...adviceValues(), partner: 'Frau K.' } as never, as('u1')),
    ).resolves.not.toHaveProperty('partner'); // unknown fields are dropped, never stored
    expect(await db.outbox.count()).toBe(1);
  });

  it('a pulled one takes the server’s version and keeps a waiting change on top', async () => {
    await adviceFromServer('a1', 4);
    expect(await db.entries.get('a1')).toMatchObject({
      kind: 'advice',
      state: 'delivered',
      version: 4,
    });
    await updateEntry(db, 'advice', 'a1', { note: 'von mir' }, as('u1'));
    const staff = adviceRecord('a1', { note: 'alt', durationMinutes: 90, version: 6 });
    await applyPull(db, pullResponse(6, { changes: { advice: [staff] } }), 2);
    expect(await db.entries.get('a1')).toMatchObject({
      note: 'von mir',
      durationMinutes: 90,
      version: 6,
      state: 'saved',
    });
  });
});

describe('dismissRejection', () => {
  it('removes an entry whose create the server refused', async () => {
    const call = await saveEntry(db, 'call', callValues('A'), as('u1'));
    await acknowledge(db, call.seq, [{ seq: call.seq, code: 'unknown_author', message: 'x' }]);
    await dismissRejection(db, call.id);
    expect(await db.entries.get(call.id)).toBeUndefined();
  });

  it('turns an entry the server has back into a delivered one', async () => {
    await fromServer('c1', 4);
    const edit = await updateEntry(db, 'call', 'c1', { note: 'x' }, as('u1'));
    await acknowledge(db, edit.seq, [{ seq: edit.seq, code: 'forbidden', message: 'x' }]);
    await dismissRejection(db, 'c1');
    const call = await db.entries.get('c1');
    expect(call?.state).toBe('delivered');
    expect(call?.rejection).toBeUndefined();
  });

  it('leaves saved and delivered entries alone', async () => {
    const call = await saveEntry(db, 'call', callValues('A'), as('u1'));
    await dismissRejection(db, call.id);
    expect(await db.entries.get(call.id)).toMatchObject({ state: 'saved' });
  });
});

describe('reading', () => {
  it('lists one author’s entries newest first, of one kind or all, and the refused ones', async () => {
    const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`;
    const old = await saveEntry(db, 'call', callValues('Alt', { occurredAt: at(1) }), as('u1'));
    const mid = await saveEntry(db, 'call', callValues('Mitte', { occurredAt: at(10) }), as('u2'));
    const neu = await saveEntry(db, 'call', callValues('Neu', { occurredAt: at(20) }), as('u1'));
    const advice = await saveEntry(db, 'advice', adviceValues({ occurredAt: at(15) }), as('u1'));
    expect((await readEntries(db, 'u1', 'call')).map((call) => call.partner)).toEqual([
      'Neu',
      'Alt',
    ]);
    expect((await readEntries(db, 'u1')).map((entry) => entry.id)).toEqual([
      neu.id,
      advice.id,
      old.id,
    ]);
    expect((await readEntries(db, 'u1', 'advice')).map((entry) => entry.place)).toEqual(['shop']);
    const refusal = (seq: number) => ({ seq, code: 'invalid_args', message: 'x' });
    await acknowledge(db, advice.seq, [refusal(old.seq), refusal(mid.seq)]);
    const all = await readAttention(db);
    expect(all.entries.map((entry) => entry.id)).toEqual([mid.id, old.id]);
    expect(all).toMatchObject({ changes: [], count: 2 });
    expect((await readAttention(db, 'u1')).entries.map((entry) => entry.id)).toEqual([old.id]);
  });
});

describe('exportUnsent', () => {
  it('holds every waiting row with its entry, as plain JSON', async () => {
    const a = await saveEntry(db, 'call', callValues('A'), as('u1', Date.UTC(2026, 10, 1)));
    await fromServer('c1', 4);
    await deleteEntry(db, 'c1', as('u2', Date.UTC(2026, 10, 2)));
    const advice = await saveEntry(db, 'advice', adviceValues(), as('u1', Date.UTC(2026, 10, 2)));
    const exported = await exportUnsent(db, Date.UTC(2026, 10, 3));
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
    expect(exported).toMatchObject({
      format: 'quartiersbuch-unsent',
      exportedAt: '2026-11-03T00:00:00.000Z',
      clientId: expect.any(String),
    });
    expect(exported.changes).toMatchObject([
      {
        seq: 1,
        name: 'call.create',
        author: 'u1',
        createdAt: '2026-11-01T00:00:00.000Z',
        entry: { kind: 'call', partner: 'A' },
      },
      { seq: 2, name: 'call.delete', author: 'u2', args: { id: 'c1' }, entry: null },
      { seq: 3, name: 'advice.create', entry: { id: advice.id, kind: 'advice' } },
    ]);
    expect(exported.changes[0]?.args).toMatchObject({ id: a.id, partner: 'A' });
  });
});
