// The device's view in GET /api/v1/pull, on SQLite and PostgreSQL: entries (calls, advice
// sessions, each kind in its own list) of the people who signed in on the device (and are active), incrementally with tombstones; a full reset when the
// view changes (someone signs in for the first time, is disabled, or gets another role); and
// the client's position (lastSeq, rejections) for the device's own client only.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { revokeDevice } from '../../server/repos/device.repo';
import { parseCookie } from '../../server/sync/pull-cookie';
import * as v from 'valibot';
import { ENTRY_LISTS } from '../../src/shared/entry-kinds';
import { pullResponseSchema, type PullResponse } from '../../src/shared/protocol';
import type { Mutation } from '../../src/shared/push-protocol';
import { QUARTER } from './support/fixtures';
import { enrolDevice, type EnrolledTestDevice } from './support/identity-fixtures';
import { pullAs } from './support/pull-fixtures';
import {
  adviceArgs,
  adviceCreate,
  adviceDelete,
  callArgs,
  callCreate,
  callCreateV2,
  callDelete,
  entryCreate,
  observationArgs,
  partnerArgs,
  trackPoints,
  walkArgs,
  walkTrack,
} from './support/entry-mutations';
import { createPerson, pushAs, signInOn } from './support/push-fixtures';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

describeEachDialect('pull: the device view', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let db: Kysely<Database>;
  let tablet: EnrolledTestDevice;
  let phone: EnrolledTestDevice;
  let erika: string;
  let hans: string;

  beforeEach(async () => {
    db = fresh().db;
    app = (await buildTestApp(db)).app;
    // QUARTER at version 0; people and devices are not synced, so versions stay put.
    tablet = await enrolDevice(app, db, QUARTER, 'Tablet Laden');
    phone = await enrolDevice(app, db, QUARTER, 'Handy Hans');
    erika = await createPerson(db, 'Erika M.');
    hans = await createPerson(db, 'Hans K.');
  });

  async function pushOk(device: EnrolledTestDevice, clientId: string, mutations: Mutation[]) {
    const response = await pushAs(app, device.authorization, { clientId, mutations });
    expect(response.statusCode, response.body).toBe(200);
  }

  const ids = (calls: { id: string }[]) => calls.map((call) => call.id);
  const setUser = (id: string, values: { disabled_at?: string | null; role?: 'staff' }) =>
    db.updateTable('users').set(values).where('id', '=', id).execute();

  it('sends only the calls of people signed in on the device, then only what changed', async () => {
    await signInOn(app, tablet.authorization, 'Erika M.');
    await signInOn(app, phone.authorization, 'Hans K.');
    const unreached = { ...callArgs('erika-1'), reached: false };
    await pushOk(tablet, 'c-tablet', [callCreateV2(1, erika, unreached)]); // version 1
    await pushOk(phone, 'c-phone', [callCreate(1, hans, callArgs('hans-1'))]); // version 2

    const first = await pullAs(app, tablet.authorization);
    expect(first).toMatchObject({ reset: true, head: 2 });
    expect(first.changes.calls).toEqual([
      { ...unreached, author: erika, version: 1, conflict: false },
    ]);
    expect(first.deleted.calls).toEqual([]);

    // Erika's calls made on another device belong to her, so to the tablet's view too.
    await signInOn(app, phone.authorization, 'Erika M.');
    await pushOk(phone, 'c-phone', [
      callCreate(2, hans, callArgs('hans-2')),
      callCreate(3, erika, callArgs('erika-on-phone')),
    ]);
    await pushOk(tablet, 'c-tablet', [callCreate(2, erika, callArgs('erika-2'))]);
    const next = await pullAs(app, tablet.authorization, { cookie: first.cookie });
    expect(next).toMatchObject({ reset: false, head: 4 });
    expect(next.changes.calls).toEqual([
      { ...callArgs('erika-on-phone'), reached: true, author: erika, version: 3, conflict: false },
      { ...callArgs('erika-2'), reached: true, author: erika, version: 4, conflict: false },
    ]);
    const quiet = await pullAs(app, tablet.authorization, { cookie: next.cookie });
    expect(quiet).toMatchObject({ reset: false, changes: { calls: [] }, deleted: { calls: [] } });

    // A device nobody signed in on sees no calls at all.
    const nobody = await enrolDevice(app, db, QUARTER, 'Neu');
    expect((await pullAs(app, nobody.authorization)).changes.calls).toEqual([]);
  });

  it('keeps every kind in its own list, and the same view for all of them', async () => {
    await signInOn(app, tablet.authorization, 'Erika M.');
    await signInOn(app, phone.authorization, 'Hans K.');
    await pushOk(tablet, 'c-tablet', [
      callCreate(1, erika, callArgs('erika-call')),
      adviceCreate(2, erika, adviceArgs('erika-advice')),
      adviceCreate(3, erika, adviceArgs('erika-gone')),
    ]); // version 1
    await pushOk(phone, 'c-phone', [adviceCreate(1, hans, adviceArgs('hans-advice'))]); // 2
    const first = await pullAs(app, tablet.authorization);
    expect(ids(first.changes.calls)).toEqual(['erika-call']);
    expect(ids(first.changes.advice)).toEqual(['erika-advice', 'erika-gone']);
    await pushOk(tablet, 'c-tablet', [adviceDelete(4, erika, 'erika-gone')]);
    const next = await pullAs(app, tablet.authorization, { cookie: first.cookie });
    expect(next.changes).toMatchObject({ calls: [], advice: [] });
    expect(next.deleted).toMatchObject({ calls: [], advice: ['erika-gone'] });
  });

  it('resets with their calls when a second person signs in on the device', async () => {
    await signInOn(app, tablet.authorization, 'Erika M.');
    await signInOn(app, phone.authorization, 'Hans K.');
    await pushOk(tablet, 'c-tablet', [callCreate(1, erika, callArgs('erika-1'))]);
    await pushOk(phone, 'c-phone', [callCreate(1, hans, callArgs('hans-1'))]);
    const before = await pullAs(app, tablet.authorization);
    expect(ids(before.changes.calls)).toEqual(['erika-1']);

    // Signing in again changes nothing; a new person does.
    await signInOn(app, tablet.authorization, 'Erika M.');
    expect(await pullAs(app, tablet.authorization, { cookie: before.cookie })).toMatchObject({
      reset: false,
    });
    await signInOn(app, tablet.authorization, 'Hans K.');
    const after = await pullAs(app, tablet.authorization, { cookie: before.cookie });
    expect(after).toMatchObject({ reset: true, head: before.head });
    expect(ids(after.changes.calls)).toEqual(['erika-1', 'hans-1']);
    // The reference data comes again in full too: a reset is the whole state.
    expect(after.deleted.calls).toEqual([]);
    expect(parseCookie(after.cookie)?.view).not.toBe(parseCookie(before.cookie)?.view);
    expect(await pullAs(app, tablet.authorization, { cookie: after.cookie })).toMatchObject({
      reset: false,
    });
  });

  it('resets without their calls when a person is disabled, and on a role change', async () => {
    await signInOn(app, tablet.authorization, 'Erika M.');
    await signInOn(app, tablet.authorization, 'Hans K.');
    await pushOk(tablet, 'c-tablet', [
      callCreate(1, erika, callArgs('erika-1')),
      callCreate(2, hans, callArgs('hans-1')),
    ]);
    const both = await pullAs(app, tablet.authorization);
    expect(ids(both.changes.calls)).toEqual(['erika-1', 'hans-1']);

    await setUser(hans, { disabled_at: '2030-01-01T00:00:00.000Z' });
    const withoutHans = await pullAs(app, tablet.authorization, { cookie: both.cookie });
    expect(withoutHans).toMatchObject({ reset: true, head: both.head });
    expect(ids(withoutHans.changes.calls)).toEqual(['erika-1']);

    await setUser(hans, { disabled_at: null });
    const back = await pullAs(app, tablet.authorization, { cookie: withoutHans.cookie });
    expect(back.reset).toBe(true);
    expect(ids(back.changes.calls)).toEqual(['erika-1', 'hans-1']);

    await setUser(erika, { role: 'staff' });
    const promoted = await pullAs(app, tablet.authorization, { cookie: back.cookie });
    expect(promoted.reset).toBe(true);
  });

  it('sends a deleted call as a tombstone, and not at all in a full pull', async () => {
    await signInOn(app, tablet.authorization, 'Erika M.');
    await pushOk(tablet, 'c-tablet', [
      callCreate(1, erika, callArgs('erika-1')),
      callCreate(2, erika, callArgs('erika-2')),
    ]);
    const before = await pullAs(app, tablet.authorization);
    await pushOk(tablet, 'c-tablet', [callDelete(3, erika, 'erika-1')]);
    const after = await pullAs(app, tablet.authorization, { cookie: before.cookie });
    expect(after).toMatchObject({ reset: false, head: before.head + 1 });
    expect(after.changes.calls).toEqual([]);
    expect(after.deleted.calls).toEqual(['erika-1']);
    const full = await pullAs(app, tablet.authorization);
    expect(ids(full.changes.calls)).toEqual(['erika-2']);
    expect(full.deleted.calls).toEqual([]);
  });

  it("reports the client's lastSeq and its rejections from `from` on", async () => {
    await signInOn(app, tablet.authorization, 'Erika M.');
    const bad = (seq: number) => callCreate(seq, erika, { id: `bad-${seq}` });
    await pushOk(tablet, 'c-tablet', [
      callCreate(1, erika),
      bad(2),
      callCreate(3, erika),
      bad(4),
      callCreate(5, erika),
    ]);
    const all = await pullAs(app, tablet.authorization, { client: 'c-tablet' });
    expect(all.client).toEqual({
      lastSeq: 5,
      rejected: [
        {
          seq: 2,
          code: 'invalid_args',
          message: expect.stringMatching(/^Der Anruf konnte nicht gespeichert werden/),
        },
        { seq: 4, code: 'invalid_args', message: expect.any(String) },
      ],
    });
    const from3 = await pullAs(app, tablet.authorization, { client: 'c-tablet', from: '3' });
    expect(from3.client?.rejected.map((r) => r.seq)).toEqual([4]);
    const from6 = await pullAs(app, tablet.authorization, { client: 'c-tablet', from: '6' });
    expect(from6.client).toEqual({ lastSeq: 5, rejected: [] });
    // Without `client`, nothing about clients.
    expect((await pullAs(app, tablet.authorization)).client).toBeNull();
  });

  it("answers client null for an unknown client and for another device's client", async () => {
    await pushOk(tablet, 'c-tablet', []);
    expect((await pullAs(app, tablet.authorization, { client: 'c-tablet' })).client).toEqual({
      lastSeq: 0,
      rejected: [],
    });
    expect((await pullAs(app, tablet.authorization, { client: 'c-neu' })).client).toBeNull();
    expect((await pullAs(app, phone.authorization, { client: 'c-tablet' })).client).toBeNull();
  });

  it('hands the client position to a re-enrolled device only after its first push', async () => {
    await signInOn(app, tablet.authorization, 'Erika M.');
    await pushOk(tablet, 'c-tablet', [callCreate(1, erika), callCreate(2, erika)]);
    await revokeDevice(db, tablet.deviceId);
    const again = await enrolDevice(app, db, QUARTER, 'Tablet Laden');
    expect((await pullAs(app, again.authorization, { client: 'c-tablet' })).client).toBeNull();
    await pushOk(again, 'c-tablet', []);
    expect((await pullAs(app, again.authorization, { client: 'c-tablet' })).client).toEqual({
      lastSeq: 2,
      rejected: [],
    });
  });

  /** Every entry of every kind a pull lists, as `list:id`, and its route chunks' walks. */
  const everything = (pulled: PullResponse) => [
    ...ENTRY_LISTS.flatMap((list) =>
      (pulled.changes[list] as { id: string }[]).map((entry) => `${list}:${entry.id}`),
    ),
    ...pulled.changes.tracks.map((chunk) => `tracks:${chunk.walkId}`),
  ];

  it("a volunteer's device gets only the signed-in people's partners and entries, none of another volunteer's; without a session, nothing personal", async () => {
    const anna = await createPerson(db, 'Anna S.', 'staff');
    const shop = await enrolDevice(app, db, QUARTER, 'PC im Laden');
    await signInOn(app, shop.authorization, 'Anna S.');
    await pushOk(shop, 'c-shop', [
      entryCreate('partner', 1, anna, partnerArgs('p-erika', [erika])),
      entryCreate('partner', 2, anna, partnerArgs('p-hans', [hans])),
      entryCreate('partner', 3, anna, partnerArgs('p-both', [hans, erika])),
      entryCreate('partner', 4, anna, partnerArgs('p-nobody', [])),
    ]);
    // Hans logs every kind on his phone: a call, an advice session, a walk with a route and
    // an observation.
    await signInOn(app, phone.authorization, 'Hans K.');
    await pushOk(phone, 'c-phone', [
      callCreate(1, hans, callArgs('hans-call')),
      adviceCreate(2, hans, adviceArgs('hans-advice')),
      entryCreate('walk', 3, hans, walkArgs('hans-walk')),
      entryCreate('observation', 4, hans, observationArgs('hans-seen', 'hans-walk')),
      walkTrack(5, hans, 'hans-walk', 0, trackPoints(3)),
    ]);
    await signInOn(app, tablet.authorization, 'Erika M.');
    await pushOk(tablet, 'c-tablet', [
      callCreate(1, erika, callArgs('erika-call')),
      entryCreate('walk', 2, erika, walkArgs('erika-walk')),
      walkTrack(3, erika, 'erika-walk', 0, trackPoints(3)),
    ]);

    const erikas = await pullAs(app, tablet.authorization);
    expect(everything(erikas).sort()).toEqual([
      'calls:erika-call',
      'partners:p-both',
      'partners:p-erika',
      'tracks:erika-walk',
      'walks:erika-walk',
    ]);
    // Hans's phone: his own, and of the partners only his.
    expect(everything(await pullAs(app, phone.authorization)).sort()).toEqual([
      'advice:hans-advice',
      'calls:hans-call',
      'observations:hans-seen',
      'partners:p-both',
      'partners:p-hans',
      'tracks:hans-walk',
      'walks:hans-walk',
    ]);
    // Staff's own device: partners come by assignment, not because staff may see them all.
    expect(everything(await pullAs(app, shop.authorization))).toEqual([]);

    // The tablet's pull stops presenting Erika's session (she signed out there): the view
    // changed, so a reset with nothing personal in it, which makes the device drop her data.
    const signedOut = await app.inject({
      method: 'GET',
      url: '/api/v1/pull',
      query: { cookie: erikas.cookie },
      headers: { authorization: tablet.authorization },
    });
    expect(signedOut.statusCode, signedOut.body).toBe(200);
    const empty = v.parse(pullResponseSchema, signedOut.json());
    expect(empty.reset).toBe(true);
    expect(everything(empty)).toEqual([]);
    expect(Object.values(empty.deleted).flat()).toEqual([]);
  });
});
