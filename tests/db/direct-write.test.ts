// "Speichern" writes in plain IndexedDB (src/db/direct-write.ts), not through Dexie's
// transactions, on real Dexie with fake-indexeddb. What must still hold: the entry, its outbox
// row, the seq and the draft's removal commit together or not at all (G1); Dexie's live queries
// that read the new entry run again and show it, those that cannot have changed do not; a save
// inside a caller's Dexie transaction joins that transaction.
import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QuartiersbuchDb } from '../../src/db/db';
import { writeDirect } from '../../src/db/direct-write';
import { saveDraft } from '../../src/db/drafts';
import { saveEntry, updateEntry } from '../../src/db/entries';
import { readEntries } from '../../src/db/entry-queries';
import { enqueue, pendingSummary, readClient, readOutboxBatch } from '../../src/db/outbox';
import { readAssignedPartners } from '../../src/db/partner-queries';
import { callValues } from '../support/entry-builders';

let db: QuartiersbuchDb;
let n = 0;
beforeEach(() => {
  db = new QuartiersbuchDb(`direct-write-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const as = (author: string, now = 1_000) => ({ author, now });

/** Every value a live query of `query` produced, in order. */
function watch<T>(query: () => Promise<T>) {
  const seen: T[] = [];
  const subscription = liveQuery(async () => query()).subscribe((value) => seen.push(value));
  return { seen, stop: () => subscription.unsubscribe() };
}

describe('saving an entry in plain IndexedDB', () => {
  it('tells the live queries that read it, and only those', async () => {
    // Written through Dexie (inside its transaction), which tells the live queries at once: a
    // first save in plain IndexedDB would tell them after the watching below began.
    await db.transaction('rw', [db.entries, db.outbox, db.clientState, db.drafts], async () => {
      await saveEntry(db, 'call', callValues('Frau A.'), as('u1'));
    });
    const mine = watch(() => readEntries(db, 'u1', 'call'));
    const waiting = watch(() => pendingSummary(db));
    const others = watch(() => readEntries(db, 'u2', 'call'));
    const partners = watch(() => readAssignedPartners(db, 'u1'));
    // A plain query, as Dexie's query cache would answer it again unread (it must be off).
    const calls = watch(
      async () => (await db.entries.where('kind').equals('call').toArray()).length,
    );
    const queries = [mine, waiting, others, partners, calls];
    await expect.poll(() => queries.map((query) => query.seen.length)).toEqual([1, 1, 1, 1, 1]);

    await saveEntry(db, 'call', callValues('Herr B.'), as('u1', 2_000));

    await expect
      .poll(() =>
        mine.seen
          .at(-1)
          ?.map((call) => call.partner)
          .sort(),
      )
      .toEqual(['Frau A.', 'Herr B.']);
    await expect.poll(() => waiting.seen.at(-1)?.count).toBe(2);
    await expect.poll(() => calls.seen.at(-1)).toBe(2);
    // The keys Dexie is told of are the entry's, not the whole table: a list of someone
    // else's entries and the partners (another kind) have nothing to read again.
    expect(others.seen).toHaveLength(1);
    expect(partners.seen).toHaveLength(1);
    queries.forEach((query) => query.stop());
  });

  it('writes the entry, its outbox row, the next seq and the draft’s removal together', async () => {
    await saveDraft(db, 'call-form', { partner: 'Frau A.' }, 500);
    await enqueue(db, {
      name: 'call.delete',
      v: 1,
      author: 'u1',
      args: { id: 'x' },
      createdAt: 500,
    });

    const saved = await saveEntry(db, 'call', callValues('Frau A.'), {
      ...as('u1'),
      draftId: 'call-form',
    });

    expect(saved.seq).toBe(2);
    expect((await readClient(db))?.lastSeq).toBe(2);
    expect((await readOutboxBatch(db, 10)).map((row) => [row.seq, row.name])).toEqual([
      [1, 'call.delete'],
      [2, 'call.create'],
    ]);
    expect(await db.entries.get(saved.id)).toMatchObject({ state: 'saved', seq: 2 });
    expect(await db.drafts.get('call-form')).toBeUndefined();
  });

  it('writes nothing when a part fails: an entry whose id exists', async () => {
    await saveDraft(db, 'call-form', { partner: 'Herr B.' }, 500);
    const first = await saveEntry(db, 'call', callValues('Frau A.'), {
      ...as('u1'),
      makeId: () => 'same-id',
    });

    await expect(
      saveEntry(db, 'call', callValues('Herr B.'), {
        ...as('u1'),
        draftId: 'call-form',
        makeId: () => 'same-id',
      }),
    ).rejects.toThrow();

    expect((await readClient(db))?.lastSeq).toBe(first.seq);
    expect(await readOutboxBatch(db, 10)).toHaveLength(1);
    expect(await db.entries.get('same-id')).toMatchObject({ partner: 'Frau A.' });
    expect(await db.drafts.get('call-form')).toBeDefined();
  });

  it('inside a Dexie transaction, joins it: both commit, or neither', async () => {
    await expect(
      db.transaction('rw', [db.entries, db.outbox, db.clientState, db.drafts], async () => {
        await saveEntry(db, 'call', callValues('Frau A.'), as('u1'));
        throw new Error('the caller gives up');
      }),
    ).rejects.toThrow('the caller gives up');
    expect(await db.entries.count()).toBe(0);
    expect(await readOutboxBatch(db, 10)).toEqual([]);
  });
});

describe('the commit of a save', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is asked for as soon as the writes are out', async () => {
    // Not once their answers have come back to the page: in a browser those wait behind the
    // page's next frame (docs/benchmarks.md).
    const commit = vi.spyOn(IDBTransaction.prototype, 'commit');
    const saved = await saveEntry(db, 'call', callValues('Frau A.'), as('u1'));
    expect(commit).toHaveBeenCalledTimes(1);
    expect(await db.entries.get(saved.id)).toMatchObject({ partner: 'Frau A.', seq: 1 });
  });

  it('is asked for by an edit from a form, too, which the live queries then see', async () => {
    // Seeded through Dexie, for the reason the first test gives.
    const saved = await db.transaction(
      'rw',
      [db.entries, db.outbox, db.clientState, db.drafts],
      () => saveEntry(db, 'call', callValues('Frau A.'), as('u1')),
    );
    const mine = watch(() => readEntries(db, 'u1', 'call'));
    await expect.poll(() => mine.seen.length).toBe(1);
    const commit = vi.spyOn(IDBTransaction.prototype, 'commit');

    await updateEntry(db, 'call', saved.id, { note: 'Geht es besser.' }, as('u1', 2_000));

    expect(commit).toHaveBeenCalledTimes(1);
    await expect.poll(() => mine.seen.at(-1)?.[0]?.note).toBe('Geht es besser.');
    expect((await readOutboxBatch(db, 10)).map((row) => [row.seq, row.name])).toEqual([
      [1, 'call.create'],
      [2, 'call.update'],
    ]);
    mine.stop();
  });

  it('comes by itself in a browser without commit() (Chrome before 76, Safari before 15)', async () => {
    const commit = Object.getOwnPropertyDescriptor(IDBTransaction.prototype, 'commit');
    Object.defineProperty(IDBTransaction.prototype, 'commit', {
      value: undefined,
      configurable: true,
    });
    try {
      const saved = await saveEntry(db, 'call', callValues('Frau A.'), as('u1'));
      expect(await db.entries.get(saved.id)).toMatchObject({ partner: 'Frau A.', seq: 1 });
      expect((await readOutboxBatch(db, 10)).map((row) => row.seq)).toEqual([1]);
    } finally {
      if (commit) Object.defineProperty(IDBTransaction.prototype, 'commit', commit);
    }
  });
});

describe('writeDirect', () => {
  it('rejects with what the body threw and keeps none of its writes', async () => {
    await expect(
      writeDirect(db, ['drafts'], (tx) => {
        tx.write({ table: 'drafts', put: { formId: 'f', data: {}, savedAt: 1 } });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.drafts.count()).toBe(0);
  });

  it('rejects when a read’s callback throws, after the writes went out', async () => {
    await expect(
      writeDirect(db, ['drafts'], (tx) => {
        tx.write({ table: 'drafts', put: { formId: 'f', data: {}, savedAt: 1 } });
        tx.get('drafts', 'f', () => {
          throw new Error('not what I expected');
        });
      }),
    ).rejects.toThrow('not what I expected');
    expect(await db.drafts.count()).toBe(0);
  });

  it('opens the database first when it is closed', async () => {
    db.close({ disableAutoOpen: false });
    const result = await writeDirect<string>(db, ['drafts'], (tx) => {
      tx.write({ table: 'drafts', put: { formId: 'f', data: {}, savedAt: 1 } });
      tx.done('written');
    });
    expect(result).toBe('written');
    expect(await db.drafts.get('f')).toBeDefined();
  });
});
