// Entries and their outbox rows on real Dexie (fake-indexeddb): one transaction (G1), seq
// numbering per installation (G2), acknowledgement, drafts that never sync.
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCalls } from '../../src/db/call-queries';
import { deleteCall, saveCall, updateCall, type CallInput } from '../../src/db/calls';
import { saveTrackChunks } from '../../src/db/tracks';
import { QuartiersbuchDb } from '../../src/db/db';
import { readDraft, saveDraft } from '../../src/db/drafts';
import { acknowledge, pendingSummary, readClient, readOutboxBatch } from '../../src/db/outbox';

let db: QuartiersbuchDb;
let n = 0;
beforeEach(() => {
  db = new QuartiersbuchDb(`outbox-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const call = (partner: string, overrides: Partial<CallInput> = {}): CallInput => ({
  occurredAt: '2026-11-25T10:00:00.000Z',
  partner,
  durationMinutes: 15,
  concern: false,
  note: '',
  activity: { id: 'tel', name: 'Begegnungstelefon', themeName: 'Beratung' },
  reached: true,
  ...overrides,
});
const as = (author: string, now = 1_000) => ({ author, now });

describe('saveCall', () => {
  it('writes the call and its outbox row with consecutive seqs of one client', async () => {
    const a = await saveCall(db, call('Frau A.'), as('u1'));
    const b = await saveCall(db, call('Herr B.'), as('u2', 2_000));
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(a.state).toBe('saved');
    const rows = await readOutboxBatch(db, 10);
    expect(rows.map((row) => [row.seq, row.name, row.v, row.author])).toEqual([
      [1, 'call.create', 2, 'u1'],
      [2, 'call.create', 2, 'u2'],
    ]);
    expect(rows[0]?.args).toMatchObject({ id: a.id, partner: 'Frau A.', reached: true });
    expect(a).toMatchObject({ version: null, conflict: false });
    const client = await readClient(db);
    expect(client?.lastSeq).toBe(2);
    expect(client?.clientId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses invalid input and writes nothing', async () => {
    await expect(saveCall(db, call('  '), as('u1'))).rejects.toThrow();
    await expect(saveCall(db, call('X', { durationMinutes: -5 }), as('u1'))).rejects.toThrow();
    expect(await db.calls.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await readClient(db)).toBeUndefined();
  });

  it('is atomic: when the outbox write fails, neither the call nor the seq is kept', async () => {
    await saveCall(db, call('Frau A.'), as('u1'));
    // The next seq (2) is taken by a stray row, so adding the outbox row fails.
    await db.outbox.add({ seq: 2, name: 'x', v: 1, author: 'u1', args: {}, createdAt: 0 });
    await expect(saveCall(db, call('Herr B.'), as('u1'))).rejects.toThrow();
    expect(await db.calls.count()).toBe(1);
    expect((await readClient(db))?.lastSeq).toBe(1);
  });

  it('removes the form draft in the same transaction, and drafts never reach the outbox', async () => {
    await saveDraft(db, 'call-form', { partner: 'Frau A' }, 500);
    expect(await db.outbox.count()).toBe(0);
    await saveCall(db, call('Frau A.'), { ...as('u1'), draftId: 'call-form' });
    expect(await readDraft(db, 'call-form')).toBeUndefined();
    expect(await db.outbox.count()).toBe(1);
  });

  it('keeps each author’s calls apart on a shared tablet', async () => {
    await saveCall(db, call('Frau A.'), as('u1'));
    await saveCall(db, call('Herr B.'), as('u2'));
    expect((await readCalls(db, 'u1')).map((c) => c.partner)).toEqual(['Frau A.']);
    expect((await readOutboxBatch(db, 10)).map((row) => row.author)).toEqual(['u1', 'u2']);
  });
});

describe('acknowledge', () => {
  it('drops done rows and marks calls delivered or rejected, leaving later ones waiting', async () => {
    const a = await saveCall(db, call('A'), as('u1', 100));
    const b = await saveCall(db, call('B'), as('u1', 200));
    const c = await saveCall(db, call('C'), as('u1', 300));
    const rejection = { seq: b.seq, code: 'invalid_args', message: 'Dauer fehlt' };
    await acknowledge(db, 2, [rejection]);
    expect((await readOutboxBatch(db, 10)).map((row) => row.seq)).toEqual([3]);
    expect((await db.calls.get(a.id))?.state).toBe('delivered');
    expect(await db.calls.get(b.id)).toMatchObject({ state: 'rejected', rejection });
    expect((await db.calls.get(c.id))?.state).toBe('saved');
    expect(await pendingSummary(db)).toEqual({ count: 1, oldestCreatedAt: 300 });
  });

  it('acknowledging the same lastSeq twice changes nothing more', async () => {
    await saveCall(db, call('A'), as('u1'));
    await acknowledge(db, 1, []);
    await acknowledge(db, 1, []);
    expect(await pendingSummary(db)).toEqual({ count: 0, oldestCreatedAt: null });
  });
});

describe('pendingSummary', () => {
  it('counts entries as people do: a call changed twice is one, a route in chunks is one', async () => {
    const first = await saveCall(db, call('Frau K.'), as('erika', 5_000));
    await updateCall(db, first.id, { note: 'Rückruf' }, as('erika', 6_000));
    await updateCall(db, first.id, { durationMinutes: 20 }, as('erika', 7_000));
    const second = await saveCall(db, call('Herr B.'), as('erika', 8_000));
    await deleteCall(db, second.id, as('erika', 9_000));
    const points = Array.from({ length: 1_200 }, (_, i) => ({
      t: new Date(Date.UTC(2026, 10, 25, 10) + i * 1_000).toISOString(),
      lat: 51.33 + i / 1e5,
      lon: 6.56,
      accuracy: 5,
    }));
    await saveTrackChunks(db, 'walk-1', points, as('erika', 10_000));
    expect(await db.outbox.count()).toBeGreaterThan(7);
    expect(await pendingSummary(db)).toEqual({ count: 3, oldestCreatedAt: 5_000 });
  });
});

describe('schema upgrade', () => {
  it('a version-1 database keeps its catalogue when it gains the outbox', async () => {
    const name = `upgrade-test-${++n}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      themes: 'id, number',
      institutions: 'id',
      activities: 'id, themeId',
      storefronts: 'id',
      openingExceptions: 'id, storefrontId, date',
      syncState: 'key',
    });
    await v1.table('themes').put({ id: 't1', number: 1, name: 'Fit fürs Alter', version: 1 });
    v1.close();
    const upgraded = new QuartiersbuchDb(name);
    expect(await upgraded.themes.get('t1')).toMatchObject({ name: 'Fit fürs Alter' });
    expect(await upgraded.outbox.count()).toBe(0);
    expect(upgraded.verno).toBe(5);
    await upgraded.delete();
  });

  it('a version-3 database keeps its calls and outbox; old calls count as reached, never seen back', async () => {
    const name = `upgrade-test-${++n}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({
      themes: 'id, number',
      institutions: 'id',
      activities: 'id, themeId',
      storefronts: 'id',
      openingExceptions: 'id, storefrontId, date',
      syncState: 'key',
      clientState: 'key',
      outbox: 'seq, author',
      calls: 'id, state, author, occurredAt',
      drafts: 'formId',
      leases: 'name',
    });
    const v1Call: Record<string, unknown> = { ...call('Frau A.'), id: 'c1' };
    delete v1Call.reached; // call.create v1 had no `reached`
    await v3.table('calls').put({ ...v1Call, author: 'u1', state: 'saved', seq: 1 });
    await v3
      .table('outbox')
      .put({ seq: 1, name: 'call.create', v: 1, author: 'u1', args: v1Call, createdAt: 5 });
    v3.close();
    const upgraded = new QuartiersbuchDb(name);
    expect(await upgraded.calls.get('c1')).toMatchObject({
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
});
