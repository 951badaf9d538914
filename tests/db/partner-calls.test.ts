// Call partners on real Dexie (fake-indexeddb): "Alles gut" logs a reached call of the usual
// length with the partner's name and id in one transaction (G1), "nicht erreicht" one of 0
// minutes; a caller's cards show exactly their partners that are not ended, with the last call,
// the next planned one and unanswered attempts in a row, and the call form's list of them is
// not read again for every saved call; a refused change a caller made to a partner needs that
// caller's attention.
import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuartiersbuchDb } from '../../src/db/db';
import { dismissRejection, saveEntry, updateEntry } from '../../src/db/entries';
import { readAttention } from '../../src/db/entry-queries';
import { readOutboxBatch } from '../../src/db/outbox';
import { logPartnerCall } from '../../src/db/partner-call-log';
import { readAssignedPartners, readPartner, readPartners } from '../../src/db/partner-queries';
import { applyPull } from '../../src/db/pull';
import { readPullState } from '../../src/db/pull-state';
import { nextPlannedCall } from '../../src/domain/partner-calls';
import { callValues, partnerRecord } from '../support/entry-builders';
import { pullResponse } from '../support/fixtures';

let db: QuartiersbuchDb;
let n = 0;
beforeEach(() => {
  db = new QuartiersbuchDb(`partner-calls-test-${++n}`);
});
afterEach(async () => {
  await db.delete();
});

const NOW = Date.UTC(2026, 10, 25, 9, 30);
const at = (hours: number) => ({ author: 'u1', now: NOW + hours * 3_600_000 });

async function pullPartners(...partners: ReturnType<typeof partnerRecord>[]) {
  await applyPull(db, pullResponse(5, { reset: true, changes: { partners } }), 1);
}

describe('logPartnerCall', () => {
  it('"Alles gut": a reached call of the usual length with the partner’s name and id', async () => {
    await pullPartners(partnerRecord('p1', { name: 'Frau K.', usualMinutes: 25 }));
    const id = await logPartnerCall(db, { partnerId: 'p1', reached: true, ...at(0) });
    const call = await db.entries.get(id);
    expect(call).toMatchObject({
      kind: 'call',
      author: 'u1',
      state: 'saved',
      occurredAt: new Date(NOW).toISOString(),
      partner: 'Frau K.',
      durationMinutes: 25,
      reached: true,
      partnerId: 'p1',
      note: '',
      activity: null,
      concern: false,
    });
    const [row] = await readOutboxBatch(db, 10);
    expect(row).toMatchObject({ name: 'call.create', v: 3, author: 'u1' });
    expect(row?.args).toMatchObject({ id, partnerId: 'p1', partner: 'Frau K.' });
  });

  it('"nicht erreicht": an attempt of 0 minutes', async () => {
    await pullPartners(partnerRecord('p1'));
    const id = await logPartnerCall(db, { partnerId: 'p1', reached: false, ...at(0) });
    expect(await db.entries.get(id)).toMatchObject({ reached: false, durationMinutes: 0 });
  });

  it('refuses an id that is no partner on the device, writing nothing', async () => {
    const call = await saveEntry(db, 'call', callValues('Herr B.'), at(0));
    await expect(
      logPartnerCall(db, { partnerId: 'nobody', reached: true, ...at(1) }),
    ).rejects.toThrow(/Gesprächsperson/);
    await expect(
      logPartnerCall(db, { partnerId: call.id, reached: true, ...at(1) }),
    ).rejects.toThrow(/Gesprächsperson/);
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('a caller’s partners', () => {
  it('are those assigned to them and not ended, by name', async () => {
    await pullPartners(
      partnerRecord('p1', { name: 'Tante Ilse' }),
      partnerRecord('p2', { name: 'Frau K.', status: 'paused' }),
      partnerRecord('p3', { name: 'Ende', status: 'ended' }),
      partnerRecord('p4', { name: 'Andere', callers: ['u2'] }),
      partnerRecord('p5', { name: 'Beide', callers: ['u2', 'u1'] }),
    );
    expect((await readPartners(db, 'u1', new Date(NOW))).map((c) => c.partner.id)).toEqual([
      'p5',
      'p2',
      'p1',
    ]);
    expect((await readPartners(db, 'u2', new Date(NOW))).map((c) => c.partner.id)).toEqual([
      'p4',
      'p5',
    ]);
  });

  it('show the last call, the next planned one and unanswered attempts in a row', async () => {
    await pullPartners(partnerRecord('p1', { callEveryDays: 7 }), partnerRecord('p2'));
    const never = await readPartner(db, 'p1', new Date(NOW));
    expect(never).toMatchObject({ lastCall: null, unansweredInARow: 0 });
    expect(never?.nextPlanned).toBe(nextPlannedCall(null, 7, new Date(NOW)));

    await logPartnerCall(db, { partnerId: 'p1', reached: true, ...at(0) });
    await logPartnerCall(db, { partnerId: 'p2', reached: false, ...at(1) });
    for (const hours of [24, 48, 72]) {
      await logPartnerCall(db, { partnerId: 'p1', reached: false, ...at(hours) });
    }
    const card = await readPartner(db, 'p1', new Date(NOW + 80 * 3_600_000));
    const last = new Date(NOW + 72 * 3_600_000).toISOString();
    expect(card?.lastCall).toMatchObject({ occurredAt: last, reached: false });
    expect(card?.unansweredInARow).toBe(3);
    // Planned from the last reached call (the first one), not from the unanswered attempts.
    const reachedAt = new Date(NOW).toISOString();
    expect(card?.nextPlanned).toBe(nextPlannedCall(reachedAt, 7, new Date(NOW + 80 * 3_600_000)));
    expect(card?.nextPlanned).toBe('2026-12-02');
    // A free-text call names no partner and counts for none.
    await saveEntry(db, 'call', callValues('Tante Ilse'), at(90));
    const cards = await readPartners(db, 'u1', new Date(NOW + 100 * 3_600_000));
    expect(cards.map((c) => [c.partner.id, c.unansweredInARow])).toEqual([
      ['p1', 3],
      ['p2', 1],
    ]);
    // Reached again: the count starts over.
    await logPartnerCall(db, { partnerId: 'p1', reached: true, ...at(96) });
    expect((await readPartner(db, 'p1', new Date(NOW)))?.unansweredInARow).toBe(0);
  });

  it('as the call form offers them: a saved call does not read them again, a pulled partner does', async () => {
    await pullPartners(partnerRecord('p1', { name: 'Tante Ilse' }));
    // Each query's answers, as the app's live-query hooks receive them.
    const watch = <T>(query: () => Promise<T>) => {
      const seen: T[] = [];
      // `async`, as in the app's hooks (src/db/use-live-query.ts): Dexie follows its awaits.
      const subscription = liveQuery(async () => query()).subscribe((value) => seen.push(value));
      return { seen, stop: () => subscription.unsubscribe() };
    };
    const form = watch(() => readAssignedPartners(db, 'u1'));
    const cards = watch(() => readPartners(db, 'u1', new Date(NOW)));
    await expect.poll(() => [form.seen.length, cards.seen.length]).toEqual([1, 1]);
    expect(form.seen[0]?.map((partner) => partner.name)).toEqual(['Tante Ilse']);

    await logPartnerCall(db, { partnerId: 'p1', reached: true, ...at(0) });
    // The cards show the last call, so they run again; by then the form's query would have too.
    await expect.poll(() => cards.seen.at(-1)?.[0]?.lastCall?.reached).toBe(true);
    await saveEntry(db, 'call', callValues('Herr B.'), at(1));
    await logPartnerCall(db, { partnerId: 'p1', reached: false, ...at(2) });
    await expect.poll(() => cards.seen.at(-1)?.[0]?.unansweredInARow).toBe(1);
    expect(form.seen).toHaveLength(1);

    await applyPull(db, pullResponse(6, { changes: { partners: [partnerRecord('p2')] } }), 2);
    await expect.poll(() => form.seen.length).toBe(2);
    expect(form.seen[1]?.map((partner) => partner.id)).toEqual(['p2', 'p1']);
    form.stop();
    cards.stop();
  });

  it('one the device does not hold has no card', async () => {
    expect(await readPartner(db, 'p9', new Date(NOW))).toBeNull();
    const call = await saveEntry(db, 'call', callValues('Herr B.'), at(0));
    expect(await readPartner(db, call.id, new Date(NOW))).toBeNull();
  });

  it('a refused change of a partner needs the attention of its callers on the device', async () => {
    await pullPartners(partnerRecord('p1', { callers: ['u1', 'u2'] }));
    const edited = await updateEntry(db, 'partner', 'p1', { phone: '0171 000' }, at(0));
    const rejection = { seq: edited.seq, code: 'forbidden', message: 'Nicht mehr zugeteilt' };
    await applyPull(
      db,
      pullResponse(6, { client: { lastSeq: edited.seq, rejected: [rejection] } }),
      2,
    );
    expect((await readAttention(db, 'u1')).entries.map((entry) => entry.id)).toEqual(['p1']);
    expect((await readAttention(db, 'u2')).entries.map((entry) => entry.id)).toEqual(['p1']);
    expect((await readAttention(db, 'u3')).count).toBe(0);
  });
  it('a partner taken away while a caller’s change waited leaves the device once the refusal is read', async () => {
    await pullPartners(partnerRecord('p1'));
    const edited = await updateEntry(db, 'partner', 'p1', { note: 'Hörgerät' }, at(0));
    const rejection = { seq: edited.seq, code: 'forbidden', message: 'jemand anderem zugeordnet' };
    await applyPull(
      db,
      pullResponse(6, { client: { lastSeq: edited.seq, rejected: [rejection] } }),
      2,
    );
    // The full pull that follows no longer lists p1, but its refusal is unread: it stays.
    await applyPull(db, pullResponse(7, { reset: true }), 3);
    expect(await db.entries.get('p1')).toMatchObject({ state: 'rejected' });
    await dismissRejection(db, 'p1');
    expect(await readPullState(db)).toMatchObject({ cookie: '', head: 7 });
    await applyPull(db, pullResponse(7, { reset: true }), 4);
    expect(await db.entries.get('p1')).toBeUndefined();
    expect(await readPartners(db, 'u1', new Date(NOW))).toEqual([]);
  });
});
