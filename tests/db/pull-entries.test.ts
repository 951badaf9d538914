// Pulled entries of every kind on real Dexie (fake-indexeddb): the server's version is taken
// except where this device still has changes waiting (they win locally until the server has
// them); a reset never touches the outbox, waiting or rejected entries; acknowledged rows leave
// with the pull that acknowledged them, in the same transaction (G4); tombstones of every
// kind's list delete (G8).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuartiersbuchDb } from '../../src/db/db';
import { deleteEntry, saveEntry, updateEntry } from '../../src/db/entries';
import { readOutboxBatch } from '../../src/db/outbox';
import { acknowledge } from '../../src/db/outbox-settle';
import { applyPull } from '../../src/db/pull';
import { readPullState } from '../../src/db/pull-state';
import { adviceRecord, callRecord, callValues } from '../support/entry-builders';
import { pullResponse } from '../support/fixtures';

let db: QuartiersbuchDb;
let n = 0;
beforeEach(() => {
  db = new QuartiersbuchDb(`pull-entries-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

let ids = 0;
const save = (partner: string) =>
  saveEntry(db, 'call', callValues(partner), {
    author: 'u1',
    now: 1_000,
    makeId: () => `local-${++ids}`,
  });
const me = { author: 'u1', now: 2_000 };
const outboxSeqs = async () => (await readOutboxBatch(db, 100)).map((row) => row.seq);

describe('pulled entries', () => {
  it('arrive as delivered entries with the server version and conflict flag', async () => {
    const pulled = pullResponse(4, {
      reset: true,
      changes: { calls: [callRecord('c1', { version: 4, conflict: true })] },
    });
    await applyPull(db, pulled, 1);
    expect(await db.entries.get('c1')).toMatchObject({
      state: 'delivered',
      version: 4,
      conflict: true,
      seq: 0,
      partner: 'Partner c1',
    });
  });

  it('keep this device’s waiting edit on top of a newer server version', async () => {
    await applyPull(
      db,
      pullResponse(3, { reset: true, changes: { calls: [callRecord('c1')] } }),
      1,
    );
    const edited = await updateEntry(db, 'call', 'c1', { note: 'von mir' }, me);
    const staffEdit = callRecord('c1', { partner: 'Frau K.', note: 'alt', version: 5 });
    await applyPull(db, pullResponse(5, { changes: { calls: [staffEdit] } }), 2);
    expect(await db.entries.get('c1')).toMatchObject({
      partner: 'Frau K.', // the server's change to another field arrives
      note: 'von mir', // my unsent change still shows
      state: 'saved',
      seq: edited.seq,
      version: 5,
    });
    expect(await outboxSeqs()).toEqual([edited.seq]);
  });

  it('keep an entry removed while its delete waits', async () => {
    await applyPull(
      db,
      pullResponse(3, { reset: true, changes: { calls: [callRecord('c1')] } }),
      1,
    );
    await deleteEntry(db, 'c1', me);
    await applyPull(
      db,
      pullResponse(6, { changes: { calls: [callRecord('c1', { version: 6 })] } }),
      2,
    );
    expect(await db.entries.get('c1')).toBeUndefined();
    expect((await readOutboxBatch(db, 10)).map((row) => row.name)).toEqual(['call.delete']);
  });

  it('delete on a tombstone, also with an edit waiting (delete wins)', async () => {
    await applyPull(
      db,
      pullResponse(3, { reset: true, changes: { calls: [callRecord('c1'), callRecord('c2')] } }),
      1,
    );
    await updateEntry(db, 'call', 'c2', { note: 'x' }, me);
    await applyPull(db, pullResponse(4, { deleted: { calls: ['c1', 'c2'] } }), 2);
    expect(await db.entries.count()).toBe(0);
    expect(await db.outbox.count()).toBe(1); // the edit is still sent; the server decides
  });
});

describe('every kind’s list', () => {
  it('arrives tagged with its kind; tombstones of each list delete, also with an edit waiting', async () => {
    await applyPull(
      db,
      pullResponse(3, {
        reset: true,
        changes: {
          calls: [callRecord('c1')],
          advice: [adviceRecord('a1'), adviceRecord('a2', { author: 'u2', conflict: true })],
        },
      }),
      1,
    );
    expect(await db.entries.get('a2')).toMatchObject({
      kind: 'advice',
      author: 'u2',
      conflict: true,
      state: 'delivered',
      seq: 0,
      topics: [{ id: 'topic-1', name: 'Wohnen' }],
    });
    expect(await db.entries.get('c1')).toMatchObject({ kind: 'call', partner: 'Partner c1' });
    await updateEntry(db, 'advice', 'a1', { note: 'x' }, me);
    await applyPull(db, pullResponse(4, { deleted: { advice: ['a1'], calls: ['c1'] } }), 2);
    expect(await db.entries.toCollection().primaryKeys()).toEqual(['a2']);
    expect(await db.outbox.count()).toBe(1); // the edit is still sent; the server decides
  });

  it('a reset keeps entries of every kind the server lists, and waiting ones', async () => {
    await applyPull(
      db,
      pullResponse(3, {
        reset: true,
        changes: { calls: [callRecord('c1')], advice: [adviceRecord('a1'), adviceRecord('a2')] },
      }),
      1,
    );
    await updateEntry(db, 'advice', 'a2', { durationMinutes: 5 }, me);
    await applyPull(
      db,
      pullResponse(9, { reset: true, changes: { calls: [], advice: [adviceRecord('a1')] } }),
      2,
    );
    expect((await db.entries.toCollection().primaryKeys()).sort()).toEqual(['a1', 'a2']);
    expect(await db.entries.get('a2')).toMatchObject({ durationMinutes: 5, state: 'saved' });
  });
});

describe('a reset', () => {
  it('drops delivered entries the server no longer lists, and nothing else', async () => {
    await applyPull(
      db,
      pullResponse(3, {
        reset: true,
        changes: { calls: [callRecord('gone'), callRecord('kept'), callRecord('edited')] },
      }),
      1,
    );
    const refused = await save('Abgelehnt');
    await acknowledge(db, refused.seq, [{ seq: refused.seq, code: 'invalid_args', message: 'x' }]);
    const waitingCreate = await save('Neu');
    await updateEntry(db, 'call', 'edited', { note: 'x' }, me);
    const before = await outboxSeqs();
    await applyPull(
      db,
      pullResponse(9, { reset: true, changes: { calls: [callRecord('kept')] } }),
      2,
    );
    expect((await db.entries.toCollection().primaryKeys()).sort()).toEqual(
      ['edited', 'kept', refused.id, waitingCreate.id].sort(),
    );
    expect(await db.entries.get(refused.id)).toMatchObject({ state: 'rejected' });
    expect(await outboxSeqs()).toEqual(before);
  });
});

describe('the client position in a pull', () => {
  it('drops acknowledged rows and marks their entries, in the pull’s transaction', async () => {
    const a = await save('A');
    const b = await save('B');
    const c = await save('C');
    const rejection = { seq: b.seq, code: 'unknown_author', message: 'Unbekannt' };
    await applyPull(db, pullResponse(5, { client: { lastSeq: 2, rejected: [rejection] } }), 1);
    expect(await outboxSeqs()).toEqual([c.seq]);
    expect(await db.entries.get(a.id)).toMatchObject({ state: 'delivered' });
    expect(await db.entries.get(b.id)).toMatchObject({ state: 'rejected', rejection });
    expect(await db.entries.get(c.id)).toMatchObject({ state: 'saved' });
  });

  it('an entry acknowledged by the pull takes the server’s version from the same pull', async () => {
    const a = await save('A');
    const echo = callRecord(a.id, { partner: 'A', version: 7 });
    await applyPull(
      db,
      pullResponse(7, {
        reset: true,
        changes: { calls: [echo] },
        client: { lastSeq: 1, rejected: [] },
      }),
      1,
    );
    expect(await db.entries.get(a.id)).toMatchObject({ state: 'delivered', version: 7, seq: 0 });
  });

  it('a pull that fails half-way keeps every row, every state and the cookie', async () => {
    await applyPull(db, pullResponse(3, { reset: true }), 1);
    const a = await save('A');
    const broken = pullResponse(6, {
      changes: { calls: [{ ...callRecord('x'), id: undefined as unknown as string }] },
      client: { lastSeq: a.seq, rejected: [] },
    });
    await expect(applyPull(db, broken, 2)).rejects.toThrow();
    expect(await outboxSeqs()).toEqual([a.seq]);
    expect(await db.entries.get(a.id)).toMatchObject({ state: 'saved' });
    expect((await readPullState(db))?.head).toBe(3);
  });

  it('a stale pull acknowledges nothing', async () => {
    await applyPull(db, pullResponse(8, { reset: true }), 1);
    await save('A');
    const late = pullResponse(4, { client: { lastSeq: 1, rejected: [] } });
    expect(await applyPull(db, late, 2)).toBe('stale');
    expect(await outboxSeqs()).toEqual([1]);
  });
});

describe('a refused change', () => {
  it('keeps its note when the server sends the entry again, with the server’s values', async () => {
    await applyPull(
      db,
      pullResponse(3, { reset: true, changes: { calls: [callRecord('c1')] } }),
      1,
    );
    const edit = await updateEntry(db, 'call', 'c1', { partner: 'Falsch' }, me);
    const rejection = { seq: edit.seq, code: 'unknown_author', message: 'Nicht mehr aktiv' };
    await applyPull(
      db,
      pullResponse(4, { client: { lastSeq: edit.seq, rejected: [rejection] } }),
      2,
    );
    // The server never took the edit, so an incremental pull would never correct it: the next
    // pull must be a full one (empty cookie), while a late older response is still refused.
    expect(await readPullState(db)).toMatchObject({ cookie: '', head: 4 });
    await applyPull(
      db,
      pullResponse(4, { reset: true, changes: { calls: [callRecord('c1')] } }),
      3,
    );
    expect(await db.entries.get('c1')).toMatchObject({
      partner: 'Partner c1',
      state: 'rejected',
      rejection,
    });
  });
});
