// Changing, deleting and exporting calls on real Dexie (fake-indexeddb): every change is the
// entry and its outbox row in one transaction (G1); an entry is 'saved' while any of its rows
// waits, 'delivered' once all are done, 'rejected' when its newest change was refused (G7).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAttention, readCalls } from '../../src/db/call-queries';
import {
  deleteCall,
  dismissRejection,
  exportUnsent,
  saveCall,
  updateCall,
  type CallInput,
} from '../../src/db/calls';
import { QuartiersbuchDb } from '../../src/db/db';
import { acknowledge, readOutboxBatch } from '../../src/db/outbox';
import { applyPull } from '../../src/db/pull';
import { callRecord, pullResponse } from '../support/fixtures';

let db: QuartiersbuchDb;
let n = 0;
beforeEach(() => {
  db = new QuartiersbuchDb(`calls-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const input = (partner: string, occurredAt = '2026-11-25T10:00:00.000Z'): CallInput => ({
  occurredAt,
  partner,
  durationMinutes: 15,
  concern: false,
  note: '',
  activity: null,
  reached: true,
});
const as = (author: string, now = 1_000) => ({ author, now });
const rows = () => readOutboxBatch(db, 100);
const fromServer = (id: string, version: number) =>
  applyPull(db, pullResponse(version, { changes: { calls: [callRecord(id, { version })] } }), 1);

describe('updateCall', () => {
  it('shows the change at once and queues only the changed fields with the known version', async () => {
    await fromServer('c1', 4);
    const updated = await updateCall(db, 'c1', { note: 'Rückruf', reached: false }, as('u2', 5));
    expect(updated).toMatchObject({ note: 'Rückruf', reached: false, state: 'saved', seq: 1 });
    expect(await db.calls.get('c1')).toEqual(updated);
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

  it('of a call the server has not sent back yet sends baseVersion null', async () => {
    const call = await saveCall(db, input('A'), as('u1'));
    await updateCall(db, call.id, { durationMinutes: 20 }, as('u1'));
    expect((await rows())[1]?.args).toMatchObject({ baseVersion: null });
  });

  it('refuses empty or invalid fields and an unknown call, writing nothing', async () => {
    await fromServer('c1', 4);
    await expect(updateCall(db, 'c1', {}, as('u1'))).rejects.toThrow();
    await expect(updateCall(db, 'c1', { durationMinutes: -1 }, as('u1'))).rejects.toThrow();
    await expect(updateCall(db, 'nope', { note: 'x' }, as('u1'))).rejects.toThrow();
    expect(await rows()).toEqual([]);
    expect(await db.calls.get('c1')).toMatchObject({ state: 'delivered', note: '' });
  });

  it('is atomic: when the outbox write fails, the entry keeps its old values', async () => {
    await fromServer('c1', 4);
    await db.outbox.add({ seq: 1, name: 'x', v: 1, author: 'u1', args: {}, createdAt: 0 });
    await expect(updateCall(db, 'c1', { note: 'neu' }, as('u1'))).rejects.toThrow();
    expect(await db.calls.get('c1')).toMatchObject({ note: '', state: 'delivered' });
  });

  it('stays saved until its newest change is done, then is delivered', async () => {
    const call = await saveCall(db, input('A'), as('u1'));
    const edit = await updateCall(db, call.id, { note: 'x' }, as('u1'));
    await acknowledge(db, call.seq, []); // the create is done, the edit still waits
    expect(await db.calls.get(call.id)).toMatchObject({ state: 'saved' });
    await acknowledge(db, edit.seq, []);
    expect(await db.calls.get(call.id)).toMatchObject({ state: 'delivered' });
  });

  it('clears an earlier refusal: the newest change decides', async () => {
    const call = await saveCall(db, input('A'), as('u1'));
    await acknowledge(db, call.seq, [{ seq: call.seq, code: 'invalid_args', message: 'x' }]);
    const edit = await updateCall(db, call.id, { note: 'x' }, as('u1'));
    expect(edit.rejection).toBeUndefined();
    expect(edit.state).toBe('saved');
  });
});

describe('deleteCall', () => {
  it('removes the call and queues its delete in one go', async () => {
    await fromServer('c1', 4);
    expect(await deleteCall(db, 'c1', as('u1', 9))).toBe(true);
    expect(await db.calls.get('c1')).toBeUndefined();
    expect(await rows()).toEqual([
      { seq: 1, name: 'call.delete', v: 1, author: 'u1', createdAt: 9, args: { id: 'c1' } },
    ]);
    expect(await deleteCall(db, 'c1', as('u1'))).toBe(false);
    expect(await db.outbox.count()).toBe(1);
  });

  it('is atomic: when the outbox write fails, the call stays', async () => {
    await fromServer('c1', 4);
    await db.outbox.add({ seq: 1, name: 'x', v: 1, author: 'u1', args: {}, createdAt: 0 });
    await expect(deleteCall(db, 'c1', as('u1'))).rejects.toThrow();
    expect(await db.calls.get('c1')).toBeDefined();
  });
});

describe('dismissRejection', () => {
  it('removes a call whose create the server refused', async () => {
    const call = await saveCall(db, input('A'), as('u1'));
    await acknowledge(db, call.seq, [{ seq: call.seq, code: 'unknown_author', message: 'x' }]);
    await dismissRejection(db, call.id);
    expect(await db.calls.get(call.id)).toBeUndefined();
  });

  it('turns a call the server has back into a delivered one', async () => {
    await fromServer('c1', 4);
    const edit = await updateCall(db, 'c1', { note: 'x' }, as('u1'));
    await acknowledge(db, edit.seq, [{ seq: edit.seq, code: 'forbidden', message: 'x' }]);
    await dismissRejection(db, 'c1');
    const call = await db.calls.get('c1');
    expect(call?.state).toBe('delivered');
    expect(call?.rejection).toBeUndefined();
  });

  it('leaves saved and delivered calls alone', async () => {
    const call = await saveCall(db, input('A'), as('u1'));
    await dismissRejection(db, call.id);
    expect(await db.calls.get(call.id)).toMatchObject({ state: 'saved' });
  });
});

describe('reading', () => {
  it('lists one author’s calls newest first, and the refused ones per author or for all', async () => {
    const old = await saveCall(db, input('Alt', '2026-11-01T10:00:00.000Z'), as('u1'));
    const mid = await saveCall(db, input('Mitte', '2026-11-10T10:00:00.000Z'), as('u2'));
    const neu = await saveCall(db, input('Neu', '2026-11-20T10:00:00.000Z'), as('u1'));
    expect((await readCalls(db, 'u1')).map((call) => call.partner)).toEqual(['Neu', 'Alt']);
    const refusal = (seq: number) => ({ seq, code: 'invalid_args', message: 'x' });
    await acknowledge(db, neu.seq, [refusal(old.seq), refusal(mid.seq)]);
    expect((await readAttention(db)).map((call) => call.partner)).toEqual(['Mitte', 'Alt']);
    expect((await readAttention(db, 'u1')).map((call) => call.partner)).toEqual(['Alt']);
  });
});

describe('exportUnsent', () => {
  it('holds every waiting row with its entry, as plain JSON', async () => {
    const a = await saveCall(db, input('A'), as('u1', Date.UTC(2026, 10, 1)));
    await fromServer('c1', 4);
    await deleteCall(db, 'c1', as('u2', Date.UTC(2026, 10, 2)));
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
        entry: { partner: 'A' },
      },
      { seq: 2, name: 'call.delete', author: 'u2', args: { id: 'c1' }, entry: null },
    ]);
    expect(exported.changes[0]?.args).toMatchObject({ id: a.id, partner: 'A' });
  });
});
