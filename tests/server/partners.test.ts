// Call partners (Gesprächspersonen) and calls with them, through the real push and pull on
// SQLite and PostgreSQL: staff create and assign partners; a caller's device gets exactly the
// partners assigned to the people signed in on it, and an unassigned one as deleted; callers may
// keep a partner's phone, times and note current but never change who calls or the status,
// create or delete a partner (refused, nothing written); per-field merge with history (G6);
// a call names only a partner assigned to its caller; staff see partners after three
// unanswered calls in a row.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { readEntryHistory } from '../../server/repos/entry-history.repo';
import { flaggedPartners, partnerOverview } from '../../server/sync/partner-overview';
import { QUARTER } from './support/fixtures';
import { enrolDevice, type EnrolledTestDevice } from './support/identity-fixtures';
import {
  callCreateV2,
  callCreateV3,
  callArgs,
  entryCreate,
  entryDelete,
  entryUpdate,
  partnerArgs,
  partnerCallArgs,
  walkArgs,
} from './support/entry-mutations';
import { rejectionCodes, useOutboxes } from './support/outboxes';
import { pullAs } from './support/pull-fixtures';
import { signInOn } from './support/push-fixtures';
import { storedEntries, storedEntry } from './support/stored-entries';
import { describeEachDialect } from './support/test-database';
import { useTwoDevices } from './support/two-devices';

describeEachDialect('call partners', (dialect) => {
  const world = useTwoDevices(dialect);
  const { next, pushOk } = useOutboxes(() => world().app);
  let app: FastifyInstance;
  let db: Kysely<Database>;
  /** Erika's devices. */
  let tablet: EnrolledTestDevice;
  let phone: EnrolledTestDevice;
  /** Hans's phone and the shop's PC, where Anna (staff) is signed in. */
  let hansPhone: EnrolledTestDevice;
  let shop: EnrolledTestDevice;
  let erika: string;
  let hans: string;
  let anna: string;
  beforeEach(async () => {
    ({ app, db, tablet, phone, erika, hans, anna } = world());
    hansPhone = await enrolDevice(app, db, QUARTER, 'Handy Hans');
    await signInOn(app, hansPhone.authorization, 'Hans K.');
    shop = await enrolDevice(app, db, QUARTER, 'PC im Laden');
    await signInOn(app, shop.authorization, 'Anna S.');
  });

  const history = (id: string) => readEntryHistory(db, QUARTER.id, id);
  const partnerIds = async (device: EnrolledTestDevice, cookie?: string) => {
    const pulled = await pullAs(app, device.authorization, cookie ? { cookie } : {});
    return {
      changes: pulled.changes.partners.map((p) => p.id),
      deleted: pulled.deleted.partners,
      cookie: pulled.cookie,
    };
  };

  /** Anna registers partner `id` for `callers`; returns its version. */
  async function registered(id: string, callers: string[]): Promise<number> {
    const answer = await pushOk(shop, [
      entryCreate('partner', next(shop), anna, partnerArgs(id, callers)),
    ]);
    expect(answer.rejected).toEqual([]);
    return (await storedEntry(db, id)).version;
  }

  it("a caller's devices get exactly the partners assigned to them, nobody else's", async () => {
    const version = await registered('p-erika', [erika]);
    await registered('p-hans', [hans]);
    await registered('p-both', [hans, erika]);
    await registered('p-ended', [erika]);
    await pushOk(shop, [
      entryUpdate('partner', next(shop), anna, 'p-ended', null, { status: 'ended' }),
    ]);

    const pulled = await pullAs(app, phone.authorization);
    expect(pulled.changes.partners.map((p) => p.id)).toEqual(['p-erika', 'p-both', 'p-ended']);
    expect(pulled.changes.partners[0]).toEqual({
      ...partnerArgs('p-erika', [erika]),
      author: anna,
      version,
      conflict: false,
    });
    expect((await partnerIds(hansPhone)).changes).toEqual(['p-hans', 'p-both']);
    // Staff's own device: partners come by assignment, not by who registered them.
    expect((await partnerIds(shop)).changes).toEqual([]);
    // A device where Erika and Hans are both signed in gets the partners of both, once each.
    await signInOn(app, tablet.authorization, 'Hans K.');
    expect((await partnerIds(tablet)).changes).toEqual(['p-erika', 'p-hans', 'p-both', 'p-ended']);
  });

  it('an unassigned partner goes out as deleted; a newly assigned one arrives', async () => {
    const base = await registered('p1', [erika]);
    await registered('p-other', [hans]);
    const erikas = await partnerIds(phone);
    const hanss = await partnerIds(hansPhone);
    expect(erikas.changes).toEqual(['p1']);

    await pushOk(shop, [entryUpdate('partner', next(shop), anna, 'p1', base, { callers: [hans] })]);
    expect(await partnerIds(phone, erikas.cookie)).toMatchObject({ changes: [], deleted: ['p1'] });
    const hansNext = await partnerIds(hansPhone, hanss.cookie);
    expect(hansNext).toMatchObject({ changes: ['p1'], deleted: [] });

    // Deleted by staff: gone from every device, as a tombstone.
    await pushOk(shop, [entryDelete('partner', next(shop), anna, 'p1')]);
    expect(await partnerIds(hansPhone, hansNext.cookie)).toMatchObject({
      changes: [],
      deleted: ['p1'],
    });
    expect((await partnerIds(hansPhone)).changes).toEqual(['p-other']);
  });

  it('callers keep phone, times and note current; the history says who changed what', async () => {
    const base = await registered('p1', [erika, hans]);
    const answer = await pushOk(phone, [
      entryUpdate('partner', next(phone), erika, 'p1', base, {
        phone: '02151 654321',
        preferredTimes: 'nachmittags',
        usualMinutes: 30,
      }),
    ]);
    expect(answer.rejected).toEqual([]);
    await pushOk(hansPhone, [
      entryUpdate('partner', next(hansPhone), hans, 'p1', base + 1, { note: 'Enkel zu Besuch' }),
    ]);
    expect(await storedEntry(db, 'p1')).toMatchObject({
      phone: '02151 654321',
      preferredTimes: 'nachmittags',
      usualMinutes: 30,
      note: 'Enkel zu Besuch',
      conflict: 0,
    });
    expect((await history('p1')).map((h) => [h.field, h.authorId])).toEqual([
      ['phone', erika],
      ['preferredTimes', erika],
      ['usualMinutes', erika],
      ['note', hans],
    ]);
    const pulled = await pullAs(app, tablet.authorization);
    expect(pulled.changes.partners[0]).toMatchObject({
      note: 'Enkel zu Besuch',
      version: base + 2,
    });
  });

  it('concurrent edits merge per field; the lost value stays flagged (G6)', async () => {
    const base = await registered('p1', [erika]);
    await pushOk(phone, [
      entryUpdate('partner', next(phone), erika, 'p1', base, { note: 'Erika' }),
    ]);
    await pushOk(shop, [
      entryUpdate('partner', next(shop), anna, 'p1', base, { note: 'Anna', status: 'paused' }),
    ]);
    expect(await storedEntry(db, 'p1')).toMatchObject({
      note: 'Anna',
      status: 'paused',
      conflict: 1,
    });
    expect(await history('p1')).toEqual([
      expect.objectContaining({ field: 'note', newValue: 'Erika', conflict: false }),
      expect.objectContaining({
        field: 'note',
        oldValue: 'Erika',
        newValue: 'Anna',
        conflict: true,
      }),
      expect.objectContaining({ field: 'status', newValue: 'paused', conflict: false }),
    ]);
  });

  it('refuses volunteers creating, deleting, reassigning or pausing a partner; nothing written', async () => {
    const base = await registered('p1', [erika]);
    const entries = await storedEntries(db);
    const answer = await pushOk(phone, [
      entryCreate('partner', next(phone), erika, partnerArgs('p-new', [erika])),
      entryUpdate('partner', next(phone), erika, 'p1', base, { callers: [erika, hans] }),
      entryUpdate('partner', next(phone), erika, 'p1', base, { status: 'ended' }),
      // Allowed fields with a forbidden one: refused as a whole.
      entryUpdate('partner', next(phone), erika, 'p1', base, { phone: '0', callers: [] }),
      entryDelete('partner', next(phone), erika, 'p1'),
    ]);
    expect(rejectionCodes(answer)).toEqual([
      [1, 'forbidden'],
      [2, 'forbidden'],
      [3, 'forbidden'],
      [4, 'forbidden'],
      [5, 'forbidden'],
    ]);
    expect(answer.rejected.map((r) => r.message)).toEqual([
      'Die Gesprächsperson wurde nicht gespeichert: Neu anlegen darf das nur das Team im Laden.',
      'Die Änderung der Gesprächsperson wurde nicht übernommen: „Anrufende“ ändert nur das Team im Laden.',
      'Die Änderung der Gesprächsperson wurde nicht übernommen: „Status“ ändert nur das Team im Laden.',
      'Die Änderung der Gesprächsperson wurde nicht übernommen: „Anrufende“ ändert nur das Team im Laden.',
      'Diese Gesprächsperson darf nur das Team im Laden löschen.',
    ]);
    expect(await storedEntries(db)).toEqual(entries);
    expect(await history('p1')).toEqual([]);
  });

  it("refuses a volunteer's change of a partner not assigned to them; nothing written", async () => {
    const base = await registered('p1', [erika]);
    const entries = await storedEntries(db);
    const answer = await pushOk(hansPhone, [
      entryUpdate('partner', next(hansPhone), hans, 'p1', base, { phone: '0800 123' }),
    ]);
    expect(answer.rejected).toEqual([
      {
        seq: 1,
        code: 'forbidden',
        message:
          'Diese Gesprächsperson hat das Team im Laden jemand anderem zugeordnet. Die Änderung wurde nicht übernommen.',
      },
    ]);
    expect(await storedEntries(db)).toEqual(entries);
    // After staff unassign Erika, her own device's change is refused the same way.
    await pushOk(shop, [entryUpdate('partner', next(shop), anna, 'p1', base, { callers: [hans] })]);
    const late = await pushOk(phone, [
      entryUpdate('partner', next(phone), erika, 'p1', base, { note: 'zu spät' }),
    ]);
    expect(rejectionCodes(late)).toEqual([[1, 'forbidden']]);
  });

  it('a call names only a partner assigned to its caller; staff may name any', async () => {
    await registered('p-erika', [erika]);
    await registered('p-hans', [hans]);
    await pushOk(phone, [entryCreate('walk', next(phone), erika, walkArgs('w1'))]);
    const answer = await pushOk(phone, [
      callCreateV3(next(phone), erika, partnerCallArgs('c-ok', 'p-erika')),
      callCreateV3(next(phone), erika, partnerCallArgs('c-by-hand', null)),
      callCreateV2(next(phone), erika, { ...callArgs('c-old-app'), reached: true }),
      callCreateV3(next(phone), erika, partnerCallArgs('c-other', 'p-hans')),
      callCreateV3(next(phone), erika, partnerCallArgs('c-none', 'gibt-es-nicht')),
      callCreateV3(next(phone), erika, partnerCallArgs('c-walk', 'w1')),
      entryUpdate('call', next(phone), erika, 'c-by-hand', null, { partnerId: 'p-hans' }),
    ]);
    expect(rejectionCodes(answer)).toEqual([
      [5, 'forbidden'],
      [6, 'unknown_entry'],
      [7, 'unknown_entry'],
      [8, 'forbidden'],
    ]);
    expect(answer.rejected[0]?.message).toBe(
      'Der Anruf wurde nicht gespeichert: „Gesprächsperson“ gehört zu jemand anderem. Eintragen dürfen das nur diese Person und das Team im Laden.',
    );
    const calls = await storedEntries(db, 'call');
    expect(calls.map((c) => [c.id, c.partnerId])).toEqual([
      ['c-by-hand', null],
      ['c-ok', 'p-erika'],
      ['c-old-app', null],
    ]);
    const pulled = await pullAs(app, tablet.authorization);
    expect(pulled.changes.calls.find((c) => c.id === 'c-ok')).toMatchObject({
      partnerId: 'p-erika',
      partner: 'Frau K.',
    });
    const staff = await pushOk(shop, [
      callCreateV3(next(shop), anna, partnerCallArgs('c-anna', 'p-hans')),
    ]);
    expect(staff.rejected).toEqual([]);
  });

  it('a call of a partner deleted meanwhile is kept only as a tombstone; a resent call stays', async () => {
    const base = await registered('p1', [erika]);
    await pushOk(phone, [callCreateV3(next(phone), erika, partnerCallArgs('c1', 'p1'))]);
    // Staff unassign Erika; her tablet sends the same call again (a re-queued outbox row).
    await pushOk(shop, [entryUpdate('partner', next(shop), anna, 'p1', base, { callers: [hans] })]);
    const resent = await pushOk(tablet, [
      callCreateV3(next(tablet), erika, partnerCallArgs('c1', 'p1')),
    ]);
    expect(resent.rejected).toEqual([]);
    expect(await storedEntry(db, 'c1')).toMatchObject({ partnerId: 'p1', deleted: 0 });

    await pushOk(shop, [entryDelete('partner', next(shop), anna, 'p1')]);
    const late = await pushOk(shop, [
      callCreateV3(next(shop), anna, partnerCallArgs('c-late', 'p1')),
    ]);
    expect(late.rejected).toEqual([]);
    // Delete wins: the late call is only a tombstone without content, so the device that sent
    // it learns on its next pull that it is gone.
    const calls = await storedEntries(db, 'call');
    expect(calls.map((c) => [c.id, c.deleted])).toEqual([
      ['c-late', 1],
      ['c1', 0],
    ]);
    const tombstone = await db
      .selectFrom('entries')
      .select(['fields', 'concern'])
      .where('id', '=', 'c-late')
      .executeTakeFirstOrThrow();
    expect(tombstone).toEqual({ fields: '{}', concern: 0 });
  });

  it('flags a partner for staff after three unanswered calls in a row', async () => {
    await registered('p-rarely', [erika]);
    await registered('p-back', [erika]);
    await registered('p-new', [erika]);
    const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T10:00:00.000Z`;
    const call = (id: string, partner: string, d: number, reached: boolean) =>
      callCreateV3(
        next(phone),
        erika,
        partnerCallArgs(id, partner, { occurredAt: day(d), reached, durationMinutes: 0 }),
      );
    await pushOk(phone, [
      call('r1', 'p-rarely', 1, true),
      // Sent out of order (offline devices): counted by when they took place.
      call('r4', 'p-rarely', 12, false),
      call('r2', 'p-rarely', 5, false),
      call('r3', 'p-rarely', 9, false),
      call('b1', 'p-back', 1, false),
      call('b2', 'p-back', 5, false),
      call('b3', 'p-back', 9, false),
      call('b4', 'p-back', 12, true),
      // A call typed by hand with the same name counts for no partner.
      callCreateV3(next(phone), erika, partnerCallArgs('x', null, { reached: false })),
    ]);
    const flagged = await flaggedPartners(db, QUARTER.id);
    expect(flagged.map((p) => [p.id, p.unansweredInARow, p.lastCallAt])).toEqual([
      ['p-rarely', 3, day(12)],
    ]);
    const overview = await partnerOverview(db, QUARTER.id);
    expect(overview.map((p) => [p.id, p.unansweredInARow, p.flagged, p.lastCallAt])).toEqual([
      ['p-rarely', 3, true, day(12)],
      ['p-back', 0, false, day(12)],
      ['p-new', 0, false, null],
    ]);
    // A deleted call no longer counts.
    await pushOk(phone, [entryDelete('call', next(phone), erika, 'r2')]);
    expect(await flaggedPartners(db, QUARTER.id)).toEqual([]);
  });
});
