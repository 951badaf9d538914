// Advice sessions (Beratung), the second entry kind, through the real push and pull on SQLite
// and PostgreSQL: nothing on the server was written for them — their mutations, storage, merge
// and pull list all follow from the kind's declaration (src/shared/kinds/advice.ts). Push →
// pull (`changes.advice`), per-field last writer wins with the lost value kept and flagged
// (G6), delete wins, only the author or staff may change a session, and bad args are rejected
// naming the German field while the rest of the batch applies (G7).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { readEntryHistory } from '../../server/repos/entry-history.repo';
import { pushResponseSchema, type Mutation } from '../../src/shared/push-protocol';
import { QUARTER } from './support/fixtures';
import type { EnrolledTestDevice } from './support/identity-fixtures';
import {
  adviceArgs,
  adviceCreate,
  adviceDelete,
  adviceUpdate,
  valuesOf,
  type AdviceArgs,
} from './support/entry-mutations';
import { pullAs } from './support/pull-fixtures';
import { pushAs, signInOn } from './support/push-fixtures';
import { storedEntry, storedEntryIds } from './support/stored-entries';
import { describeEachDialect } from './support/test-database';
import { useTwoDevices } from './support/two-devices';

const NOTE = adviceArgs('x').note;

describeEachDialect('advice mutations', (dialect) => {
  const world = useTwoDevices(dialect);
  let app: FastifyInstance;
  let db: Kysely<Database>;
  let shop: EnrolledTestDevice;
  let laptop: EnrolledTestDevice;
  let erika: string;
  let hans: string;
  let anna: string;
  beforeEach(() => {
    ({ app, db, tablet: shop, phone: laptop, erika, hans, anna } = world());
  });

  const seqs = new Map<string, number>();
  beforeEach(() => seqs.clear());
  const next = (device: EnrolledTestDevice) => {
    const seq = (seqs.get(device.deviceId) ?? 0) + 1;
    seqs.set(device.deviceId, seq);
    return seq;
  };

  async function pushOk(device: EnrolledTestDevice, mutations: Mutation[]) {
    const response = await pushAs(app, device.authorization, {
      clientId: `client-${device.deviceId}`,
      mutations,
    });
    expect(response.statusCode, response.body).toBe(200);
    return v.parse(pushResponseSchema, response.json());
  }

  const stored = (id: string) => storedEntry(db, id);
  const history = (id: string) => readEntryHistory(db, QUARTER.id, id);

  /** Erika logs session `id` at the shop; returns the version a pull then shows for it. */
  async function created(id = 'b1', args: Partial<AdviceArgs> = {}): Promise<number> {
    await pushOk(shop, [adviceCreate(next(shop), erika, adviceArgs(id, args))]);
    const session = (await pullAs(app, shop.authorization)).changes.advice.find((a) => a.id === id);
    if (!session) throw new Error(`${id} not pulled`);
    return session.version;
  }

  it('goes out in changes.advice as sent, apart from the calls', async () => {
    const values = valuesOf(adviceArgs('b1'));
    const at = await pullAs(app, shop.authorization);
    await pushOk(shop, [
      adviceCreate(next(shop), erika, adviceArgs('b1')),
      adviceCreate(
        next(shop),
        erika,
        adviceArgs('b2', { place: 'home', firstContact: null, referral: null, followUp: null }),
      ),
    ]);
    const pulled = await pullAs(app, laptop.authorization, { cookie: at.cookie });
    expect(pulled.changes.calls).toEqual([]);
    expect(pulled.changes.advice).toEqual([
      { id: 'b1', ...values, author: erika, version: at.head + 1, conflict: false },
      expect.objectContaining({ id: 'b2', place: 'home', firstContact: null, followUp: null }),
    ]);
    expect(await stored('b1')).toMatchObject({ kind: 'advice', author_user_id: erika });
  });

  it('same field from two devices: the later wins, the loser is kept flagged (G6)', async () => {
    const base = await created();
    const before = await pullAs(app, shop.authorization);
    const topics = [{ id: 'digitales', name: 'Digitales' }];
    await pushOk(shop, [adviceUpdate(next(shop), erika, 'b1', base, { note: 'vom Tablet' })]);
    await pushOk(laptop, [
      adviceUpdate(next(laptop), erika, 'b1', base, { note: 'vom Laptop', topics }),
    ]);
    expect(await stored('b1')).toMatchObject({ note: 'vom Laptop', topics, conflict: 1 });
    expect(await history('b1')).toEqual([
      expect.objectContaining({
        field: 'note',
        oldValue: NOTE,
        newValue: 'vom Tablet',
        deviceId: shop.deviceId,
        conflict: false,
      }),
      expect.objectContaining({
        field: 'note',
        oldValue: 'vom Tablet',
        newValue: 'vom Laptop',
        version: base + 2,
        deviceId: laptop.deviceId,
        conflict: true,
      }),
      expect.objectContaining({
        field: 'topics',
        oldValue: adviceArgs('b1').topics,
        newValue: topics,
        version: base + 2,
        conflict: false,
      }),
    ]);
    const after = await pullAs(app, shop.authorization, { cookie: before.cookie });
    expect(after.changes.advice).toEqual([
      expect.objectContaining({ id: 'b1', note: 'vom Laptop', version: base + 2, conflict: true }),
    ]);
  });

  it('delete wins over a concurrent update, whichever reaches the server first', async () => {
    const base = await created('b1');
    await created('b2');
    const before = await pullAs(app, laptop.authorization);
    // b1: the delete first, then the update from the base both devices had.
    await pushOk(shop, [adviceDelete(next(shop), erika, 'b1')]);
    await pushOk(laptop, [adviceUpdate(next(laptop), erika, 'b1', base, { durationMinutes: 45 })]);
    // b2: the update first, then the delete.
    await pushOk(laptop, [adviceUpdate(next(laptop), erika, 'b2', base, { durationMinutes: 45 })]);
    await pushOk(shop, [adviceDelete(next(shop), erika, 'b2')]);

    // Deleted, with nothing left of what it said: the late update wrote nothing either.
    expect(await stored('b1')).toMatchObject({ deleted: 1 });
    expect((await stored('b1')).durationMinutes).toBeUndefined();
    expect(await history('b1')).toEqual([]);
    expect(await stored('b2')).toMatchObject({ deleted: 1 });
    expect((await stored('b2')).durationMinutes).toBeUndefined();
    expect(await history('b2')).toEqual([]);
    const after = await pullAs(app, laptop.authorization, { cookie: before.cookie });
    expect(after.changes.advice).toEqual([]);
    expect(after.deleted.advice).toEqual(['b1', 'b2']);
    expect(after.deleted.calls).toEqual([]);
  });

  it("refuses another volunteer's change of Erika's session; nothing written; staff may", async () => {
    const base = await created();
    await signInOn(app, shop.authorization, 'Hans K.');
    await signInOn(app, shop.authorization, 'Anna S.');
    const row = await stored('b1');
    const result = await pushOk(shop, [
      adviceUpdate(next(shop), hans, 'b1', base, { note: 'von Hans', concern: true }),
      adviceDelete(next(shop), hans, 'b1'),
    ]);
    expect(result.rejected).toEqual([
      {
        seq: 2,
        code: 'forbidden',
        message:
          'Diese Beratung hat jemand anderes eingetragen. Ändern oder löschen dürfen das nur diese Person und das Team im Laden.',
      },
      expect.objectContaining({ seq: 3, code: 'forbidden' }),
    ]);
    expect(await stored('b1')).toEqual(row);
    expect(await history('b1')).toEqual([]);

    const staff = await pushOk(shop, [
      adviceUpdate(next(shop), anna, 'b1', base, { followUp: '2030-12-10' }),
    ]);
    expect(staff.rejected).toEqual([]);
    expect(await stored('b1')).toMatchObject({ followUp: '2030-12-10', conflict: 0 });
    expect(await history('b1')).toEqual([
      expect.objectContaining({ field: 'followUp', authorId: anna, conflict: false }),
    ]);
    await pushOk(shop, [adviceDelete(next(shop), anna, 'b1')]);
    expect(await stored('b1')).toMatchObject({ deleted: 1 });
  });

  it('rejects bad args naming the field in German; the rest of the batch applies (G7)', async () => {
    const bad = (overrides: Record<string, unknown>) => ({ ...adviceArgs('x'), ...overrides });
    const topic = { id: 'mit leerzeichen', name: 'Wohnen' };
    const batch = [
      adviceCreate(next(shop), erika, adviceArgs('gut-1')),
      adviceCreate(next(shop), erika, bad({ id: 'b-ort', place: 'garden' })),
      adviceCreate(next(shop), erika, bad({ id: 'b-thema', topics: [] })),
      adviceCreate(next(shop), erika, bad({ id: 'b-tag', followUp: '2026-02-30' })),
      adviceCreate(next(shop), erika, bad({ id: 'b-notiz', note: 'x'.repeat(2001) })),
      adviceCreate(next(shop), erika, bad({ id: 'b-id', topics: [topic] })),
      adviceCreate(next(shop), erika, adviceArgs('gut-2')),
    ];
    const result = await pushOk(shop, batch);
    const what = 'Die Beratung konnte nicht gespeichert werden:';
    expect(result.lastSeq).toBe(7);
    expect(result.rejected).toEqual(
      [
        [2, 'Ort'],
        [3, 'Themen'],
        [4, 'Wiedervorlage'],
        [5, 'Notiz'],
        [6, 'Themen'],
      ].map(([seq, label]) => ({
        seq,
        code: 'invalid_args',
        message: `${what} „${label}“ fehlt oder ist ungültig.`,
      })),
    );
    expect(await storedEntryIds(db)).toEqual(['gut-1', 'gut-2']);

    const update = await pushOk(shop, [
      adviceUpdate(next(shop), erika, 'gut-1', null, { ageBand: 'teen' as never }),
    ]);
    expect(update.rejected.map((r) => r.message)).toEqual([
      'Die Änderung der Beratung konnte nicht gespeichert werden: „Altersgruppe“ fehlt oder ist ungültig.',
    ]);
    expect(await history('gut-1')).toEqual([]);
  });
});
