// Entry mutations through the real push and pull, on SQLite and PostgreSQL, shown with calls
// (the first kind; these cases predate the generic entry model and prove calls moved without a
// visible change): call.create v1/v2, call.update and call.delete — the v1 upcast (G10),
// per-field last writer wins in server order with the lost value kept in history and flagged
// (G6), delete wins, and the rejections unknown_entry, id_in_use and forbidden (G7). Advice
// sessions: advice-mutations.test.ts.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { readEntryHistory } from '../../server/repos/entry-history.repo';
import { findQuarter } from '../../server/repos/quarter.repo';
import { pushResponseSchema, type Mutation } from '../../src/shared/push-protocol';
import { QUARTER } from './support/fixtures';
import { enrolDevice, OTHER_QUARTER, type EnrolledTestDevice } from './support/identity-fixtures';
import { pullAs } from './support/pull-fixtures';
import {
  adviceArgs,
  adviceCreate,
  adviceDelete,
  adviceUpdate,
  callArgs,
  callCreate,
  callCreateV2,
  callDelete,
  callUpdate,
} from './support/entry-mutations';
import { createPerson, pushAs, signInOn } from './support/push-fixtures';
import { storedEntry } from './support/stored-entries';
import { describeEachDialect } from './support/test-database';
import { useTwoDevices } from './support/two-devices';

const NOTE = callArgs('x').note;

describeEachDialect('entry mutations (calls)', (dialect) => {
  const world = useTwoDevices(dialect);
  let app: FastifyInstance;
  let db: Kysely<Database>;
  let tablet: EnrolledTestDevice;
  let phone: EnrolledTestDevice;
  let erika: string;
  let hans: string;
  let anna: string;
  beforeEach(() => {
    ({ app, db, tablet, phone, erika, hans, anna } = world());
  });

  /** Each device pushes under its own client id. */
  const clientOf = (device: EnrolledTestDevice) => `client-${device.deviceId}`;

  async function pushOk(device: EnrolledTestDevice, mutations: Mutation[]) {
    const response = await pushAs(app, device.authorization, {
      clientId: clientOf(device),
      mutations,
    });
    expect(response.statusCode, response.body).toBe(200);
    return v.parse(pushResponseSchema, response.json());
  }

  /** The next seq of each device's client, so tests read like outboxes. */
  const seqs = new Map<string, number>();
  beforeEach(() => seqs.clear());
  const next = (device: EnrolledTestDevice) => {
    const seq = (seqs.get(device.deviceId) ?? 0) + 1;
    seqs.set(device.deviceId, seq);
    return seq;
  };

  const stored = (id: string) => storedEntry(db, id);
  const history = (id: string) => readEntryHistory(db, QUARTER.id, id);

  /** Erika creates call `id` on the tablet; returns the version a pull then shows for it. */
  async function created(id = 'c1'): Promise<number> {
    await pushOk(tablet, [callCreate(next(tablet), erika, callArgs(id))]);
    const call = (await pullAs(app, tablet.authorization)).changes.calls.find((c) => c.id === id);
    if (!call) throw new Error(`${id} not pulled`);
    return call.version;
  }

  it('upcasts call.create v1 to v2 with reached: true, and stores v2 as sent (G10)', async () => {
    await pushOk(tablet, [
      callCreate(next(tablet), erika, callArgs('v1-call')),
      callCreateV2(next(tablet), erika, { ...callArgs('v2-unreached'), reached: false }),
    ]);
    expect(await stored('v1-call')).toMatchObject({ kind: 'call', reached: true });
    expect(await stored('v2-unreached')).toMatchObject({ kind: 'call', reached: false });
    const pulled = await pullAs(app, tablet.authorization);
    expect(pulled.changes.calls.map((c) => [c.id, c.reached])).toEqual([
      ['v1-call', true],
      ['v2-unreached', false],
    ]);
    // v2 without `reached` is invalid; v1 never had it.
    const missing = await pushOk(tablet, [
      callCreateV2(next(tablet), erika, callArgs('x') as never),
    ]);
    expect(missing.rejected).toEqual([
      {
        seq: 3,
        code: 'invalid_args',
        message: 'Der Anruf konnte nicht gespeichert werden: „Erreicht“ fehlt oder ist ungültig.',
      },
    ]);
  });

  it.each([
    ['tablet first, then phone', 'phone'],
    ['phone first, then tablet', 'tablet'],
  ] as const)(
    'same field, same base (%s): the later in server order wins, the loser is kept flagged (G6)',
    async (_, later) => {
      const base = await created();
      const before = await pullAs(app, tablet.authorization);
      const [first, second] = later === 'phone' ? [tablet, phone] : [phone, tablet];
      const note = (device: EnrolledTestDevice) => (device === tablet ? 'vom Tablet' : 'vom Handy');
      await pushOk(first, [callUpdate(next(first), erika, 'c1', base, { note: note(first) })]);
      await pushOk(second, [callUpdate(next(second), erika, 'c1', base, { note: note(second) })]);

      expect(await stored('c1')).toMatchObject({ note: note(second), conflict: 1, deleted: 0 });
      expect(await history('c1')).toEqual([
        expect.objectContaining({
          field: 'note',
          oldValue: NOTE,
          newValue: note(first),
          version: base + 1,
          deviceId: first.deviceId,
          authorId: erika,
          conflict: false,
        }),
        expect.objectContaining({
          field: 'note',
          oldValue: note(first),
          newValue: note(second),
          version: base + 2,
          deviceId: second.deviceId,
          conflict: true,
        }),
      ]);
      const after = await pullAs(app, tablet.authorization, { cookie: before.cookie });
      expect(after.changes.calls).toEqual([
        expect.objectContaining({
          id: 'c1',
          note: note(second),
          version: base + 2,
          conflict: true,
        }),
      ]);
    },
  );

  it('applies concurrent edits of different fields both, without a flag', async () => {
    const base = await created();
    await pushOk(tablet, [callUpdate(next(tablet), erika, 'c1', base, { note: 'neu' })]);
    await pushOk(phone, [
      callUpdate(next(phone), erika, 'c1', base, { durationMinutes: 40, reached: false }),
    ]);
    expect(await stored('c1')).toMatchObject({
      note: 'neu',
      durationMinutes: 40,
      reached: false,
      conflict: 0,
    });
    const changes = await history('c1');
    expect(changes.map((c) => [c.field, c.oldValue, c.newValue, c.conflict])).toEqual([
      ['note', NOTE, 'neu', false],
      ['durationMinutes', 15, 40, false],
      ['reached', true, false, false],
    ]);
    expect((await pullAs(app, tablet.authorization)).changes.calls[0]?.conflict).toBe(false);
  });

  it("never flags a device's own earlier edits, even from the same base", async () => {
    const base = await created();
    await pushOk(tablet, [callUpdate(next(tablet), erika, 'c1', base, { note: 'eins' })]);
    await pushOk(tablet, [
      callUpdate(next(tablet), erika, 'c1', base, { note: 'zwei' }),
      callUpdate(next(tablet), erika, 'c1', base, { note: 'drei' }),
    ]);
    expect(await stored('c1')).toMatchObject({ note: 'drei', conflict: 0 });
    expect((await history('c1')).map((c) => c.conflict)).toEqual([false, false, false]);
  });

  it('baseVersion null: a change of that field by another client counts as a conflict', async () => {
    // Created and edited offline: the tablet never saw a server version of the call.
    await pushOk(tablet, [
      callCreate(next(tablet), erika, callArgs('c1')),
      callUpdate(next(tablet), erika, 'c1', null, { note: 'gleich korrigiert' }),
    ]);
    expect(await stored('c1')).toMatchObject({ note: 'gleich korrigiert', conflict: 0 });
    // Meanwhile staff corrected the partner on their device.
    const office = await enrolDevice(app, db, QUARTER, 'Büro');
    await signInOn(app, office.authorization, 'Anna S.');
    const staffBase = (await stored('c1')).version;
    await pushOk(office, [
      callUpdate(next(office), anna, 'c1', staffBase, { partner: 'Frau K-L.' }),
    ]);
    // Still without a server version, the tablet changes the note again: no conflict…
    await pushOk(tablet, [callUpdate(next(tablet), erika, 'c1', null, { note: 'dritte Fassung' })]);
    expect((await stored('c1')).conflict).toBe(0);
    // …and then the partner, which staff had changed: a conflict, the tablet's value wins.
    await pushOk(tablet, [callUpdate(next(tablet), erika, 'c1', null, { partner: 'Frau K.' })]);
    expect(await stored('c1')).toMatchObject({ partner: 'Frau K.', conflict: 1 });
    expect((await history('c1')).map((c) => [c.field, c.newValue, c.conflict])).toEqual([
      ['note', 'gleich korrigiert', false],
      ['partner', 'Frau K-L.', false],
      ['note', 'dritte Fassung', false],
      ['partner', 'Frau K.', true],
    ]);
  });

  it('writes an update with the push version (G4); setting a value it has changes nothing', async () => {
    const base = await created();
    await pushOk(phone, [callUpdate(next(phone), erika, 'c1', base, { concern: true })]);
    const head = (await findQuarter(db, QUARTER.id))?.version;
    expect(await stored('c1')).toMatchObject({ concern: 1, version: head });
    await pushOk(phone, [callUpdate(next(phone), erika, 'c1', head ?? 0, { concern: true })]);
    expect((await stored('c1')).version).toBe(head);
    expect(await history('c1')).toHaveLength(1);
  });

  it('delete wins: a later update is accepted without effect, a later create too', async () => {
    const base = await created();
    const before = await pullAs(app, phone.authorization);
    await pushOk(tablet, [callDelete(next(tablet), erika, 'c1')]);
    const deletedAt = (await stored('c1')).version;
    const late = await pushOk(phone, [
      callUpdate(next(phone), erika, 'c1', base, { note: 'zu spät' }),
      callCreate(next(phone), erika, callArgs('c1', { note: 'noch einmal' })),
      callDelete(next(phone), erika, 'c1'),
    ]);
    expect(late.rejected).toEqual([]);
    // Still deleted at its version, and still without content (a tombstone: issue 11).
    expect(await stored('c1')).toMatchObject({ deleted: 1, version: deletedAt });
    expect((await stored('c1')).note).toBeUndefined();
    expect(await history('c1')).toEqual([]);
    const after = await pullAs(app, phone.authorization, { cookie: before.cookie });
    expect(after.changes.calls).toEqual([]);
    expect(after.deleted.calls).toEqual(['c1']);
  });

  it('an update before the delete in server order is overtaken by it', async () => {
    const base = await created();
    await pushOk(phone, [callUpdate(next(phone), erika, 'c1', base, { note: 'vorher' })]);
    await pushOk(tablet, [callDelete(next(tablet), erika, 'c1')]);
    expect(await stored('c1')).toMatchObject({ deleted: 1 });
    expect((await pullAs(app, tablet.authorization)).changes.calls).toEqual([]);
  });

  it('rejects an update or delete of a call the quarter does not have (unknown_entry)', async () => {
    const elsewhere = await enrolDevice(app, db, OTHER_QUARTER);
    const otto = await createPerson(db, 'Otto', 'volunteer', OTHER_QUARTER.id);
    await signInOn(app, elsewhere.authorization, 'Otto');
    await pushOk(elsewhere, [callCreate(next(elsewhere), otto, callArgs('fremd'))]);
    const result = await pushOk(tablet, [
      callUpdate(next(tablet), erika, 'gibt-es-nicht', 1, { note: 'x' }),
      callDelete(next(tablet), erika, 'gibt-es-nicht'),
      callUpdate(next(tablet), erika, 'fremd', 1, { note: 'x' }),
      callDelete(next(tablet), erika, 'fremd'),
    ]);
    const message =
      'Diesen Anruf gibt es auf dem Server nicht. Die Änderung wurde nicht übernommen.';
    expect(result).toMatchObject({ lastSeq: 4 });
    expect(result.rejected).toEqual(
      [1, 2, 3, 4].map((seq) => ({ seq, code: 'unknown_entry', message })),
    );
    expect(await stored('fremd')).toMatchObject({ note: NOTE, deleted: 0 });
  });

  it("refuses a volunteer's change of someone else's call (forbidden); staff may", async () => {
    const base = await created();
    // Hans and Anna sign in on the shared tablet after Erika: each acts under their own session.
    await signInOn(app, tablet.authorization, 'Hans K.');
    await signInOn(app, tablet.authorization, 'Anna S.');
    const result = await pushOk(tablet, [
      callUpdate(next(tablet), hans, 'c1', base, { note: 'von Hans' }),
      callDelete(next(tablet), hans, 'c1'),
    ]);
    expect(result.rejected).toEqual([
      {
        seq: 2,
        code: 'forbidden',
        message:
          'Diesen Anruf hat jemand anderes eingetragen. Ändern oder löschen dürfen das nur diese Person und das Team im Laden.',
      },
      expect.objectContaining({ seq: 3, code: 'forbidden' }),
    ]);
    expect(await stored('c1')).toMatchObject({ note: NOTE, deleted: 0 });

    const staff = await pushOk(tablet, [
      callUpdate(next(tablet), anna, 'c1', base, { note: 'vom Team' }),
      callDelete(next(tablet), anna, 'c1'),
    ]);
    expect(staff.rejected).toEqual([]);
    // Staff's update and delete both applied: deleted, and nothing of the note left.
    const deleted = await stored('c1');
    expect(deleted.deleted).toBe(1);
    expect(deleted.note).toBeUndefined();
  });

  it('rejects malformed updates and deletes, naming the field in German', async () => {
    const base = await created();
    const update = (args: unknown): Mutation => ({
      seq: next(tablet),
      name: 'call.update',
      v: 1,
      author: erika,
      args,
    });
    const result = await pushOk(tablet, [
      update({ id: 'c1', baseVersion: base, fields: {} }),
      update({ id: 'c1', baseVersion: base, fields: { partner: '  ', durationMinutes: 9999 } }),
      update({ id: 'c1', baseVersion: -1, fields: { note: 'x' } }),
      { seq: next(tablet), name: 'call.delete', v: 1, author: erika, args: {} },
    ]);
    const what = 'Die Änderung des Anrufs konnte nicht gespeichert werden:';
    expect(result.rejected.map((r) => [r.code, r.message])).toEqual([
      ['invalid_args', `${what} „Änderungen“ fehlt oder ist ungültig.`],
      ['invalid_args', `${what} „Gesprächspartner“ und „Dauer“ fehlen oder sind ungültig.`],
      ['invalid_args', `${what} „Stand“ fehlt oder ist ungültig.`],
      [
        'invalid_args',
        'Das Löschen des Anrufs konnte nicht gespeichert werden: „Kennung“ fehlt oder ist ungültig.',
      ],
    ]);
    expect(await history('c1')).toEqual([]);
  });
  it('never lets one kind touch an entry of another: refused, nothing written', async () => {
    const callBase = await created('c1');
    await pushOk(tablet, [adviceCreate(next(tablet), erika, adviceArgs('b1'))]);
    const [call, advice] = [await stored('c1'), await stored('b1')];
    const result = await pushOk(tablet, [
      callUpdate(next(tablet), erika, 'b1', callBase, { note: 'als Anruf' }),
      callDelete(next(tablet), erika, 'b1'),
      adviceUpdate(next(tablet), erika, 'c1', callBase, { note: 'als Beratung' }),
      adviceDelete(next(tablet), erika, 'c1'),
      // The ids are the device's: the same id for another kind is a device's mistake.
      callCreate(next(tablet), erika, callArgs('b1')),
      adviceCreate(next(tablet), erika, adviceArgs('c1')),
    ]);
    expect(result.rejected).toEqual([
      {
        seq: 3,
        code: 'unknown_entry',
        message: 'Diesen Anruf gibt es auf dem Server nicht. Die Änderung wurde nicht übernommen.',
      },
      expect.objectContaining({ seq: 4, code: 'unknown_entry' }),
      {
        seq: 5,
        code: 'unknown_entry',
        message:
          'Diese Beratung gibt es auf dem Server nicht. Die Änderung wurde nicht übernommen.',
      },
      expect.objectContaining({ seq: 6, code: 'unknown_entry' }),
      {
        seq: 7,
        code: 'id_in_use',
        message:
          'Der Anruf konnte nicht gespeichert werden: Die Kennung gehört schon zu einem anderen Eintrag. Bitte im Laden melden.',
      },
      expect.objectContaining({ seq: 8, code: 'id_in_use' }),
    ]);
    expect(await stored('c1')).toEqual(call);
    expect(await stored('b1')).toEqual(advice);
    expect(await history('c1')).toEqual([]);
    expect(await history('b1')).toEqual([]);
  });
});
