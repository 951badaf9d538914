// Call partners kept up by staff (issue 10), through the real app on SQLite and PostgreSQL:
// create, assign a caller (the caller's device then holds the partner), pause, end, unassign
// (the partner leaves that device); the list names callers and shows the flag after three
// unanswered calls; callers of another quarter, locked people and bad input are refused with
// nothing stored; a stale edit gets 409 with the partner as it is now; every write leaves an
// audit line with field names only — never the partner's name, phone or note.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { listAudit } from '../../server/repos/audit.repo';
import { readEntryHistory } from '../../server/repos/entry-history.repo';
import { createQuarter, findQuarter } from '../../server/repos/quarter.repo';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import {
  partnerConflictSchema,
  staffPartnerSchema,
  staffPartnersSchema,
  type StaffPartner,
} from '../../src/shared/staff/staff-upkeep';
import { callCreateV3, partnerCallArgs } from './support/entry-mutations';
import { QUARTER } from './support/fixtures';
import { enrolDevice, OTHER_QUARTER, type EnrolledTestDevice } from './support/identity-fixtures';
import { useOutboxes } from './support/outboxes';
import { pullAs } from './support/pull-fixtures';
import { createPerson, signInOn } from './support/push-fixtures';
import { buildStaffTestApp, createStaffUser, signInStaff } from './support/staff-fixtures';
import { storedEntries } from './support/stored-entries';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const PASSWORD = 'Sommer-im-Park-7';
const NEW_PARTNER = {
  expectedVersion: 0,
  name: 'Frau Kowalski',
  phone: '02151 987654',
  preferredTimes: 'vormittags, nicht mittwochs',
  note: 'Hört schlecht, bitte laut sprechen.',
  usualMinutes: 15,
  callEveryDays: 7,
  callers: [] as string[],
  status: 'active',
};

describeEachDialect('staff upkeep of call partners', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let db: Kysely<Database>;
  let app: FastifyInstance;
  let anna: string;
  let annaId: string;
  let erika: string;
  let hans: string;
  let phone: EnrolledTestDevice;
  const { next, pushOk } = useOutboxes(() => app);

  beforeEach(async () => {
    db = fresh().db;
    ({ app } = await buildStaffTestApp(db));
    annaId = (
      await createStaffUser(db, { quarterId: QUARTER.id, name: 'Anna S.', password: PASSWORD })
    ).id;
    anna = await signInStaff(app, { quarterId: QUARTER.id, name: 'Anna S.', password: PASSWORD });
    erika = await createPerson(db, 'Erika M.');
    hans = await createPerson(db, 'Hans K.');
    phone = await enrolDevice(app, db, QUARTER, 'Handy Erika');
    await signInOn(app, phone.authorization, 'Erika M.');
  });

  const send = (cookie: string, method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) =>
    app.inject({
      method,
      url: `${STAFF_PREFIX}${path}`,
      headers: { cookie },
      ...(payload ? { payload } : {}),
    });
  const list = async (cookie = anna) => {
    const response = await send(cookie, 'GET', '/partners');
    expect(response.statusCode, response.body).toBe(200);
    return v.parse(staffPartnersSchema, response.json());
  };
  const create = async (payload: object = NEW_PARTNER) => {
    const response = await send(anna, 'POST', '/partners', payload);
    expect(response.statusCode, response.body).toBe(201);
    return v.parse(staffPartnerSchema, response.json());
  };
  const update = async (partner: StaffPartner, fields: object, cookie = anna) => {
    const response = await send(cookie, 'PUT', `/partners/${partner.id}`, {
      expectedVersion: partner.version,
      ...fields,
    });
    expect(response.statusCode, response.body).toBe(200);
    return v.parse(staffPartnerSchema, response.json());
  };
  const partnerAudit = async () =>
    (await listAudit(db, QUARTER.id)).reverse().filter((line) => line.subject_type === 'partner');

  it('create, assign, pause, end, unassign: the caller’s device follows with each pull', async () => {
    const start = await pullAs(app, phone.authorization);
    const created = await create();
    expect(created).toMatchObject({
      name: 'Frau Kowalski',
      callers: [],
      status: 'active',
      flagged: false,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const unassigned = await pullAs(app, phone.authorization, { cookie: start.cookie });
    expect(unassigned.changes.partners).toEqual([]);

    const assigned = await update(created, { callers: [erika] });
    expect(assigned.callers).toEqual([{ id: erika, name: 'Erika M.', active: true }]);
    const holds = await pullAs(app, phone.authorization, { cookie: unassigned.cookie });
    expect(holds.changes.partners).toEqual([
      expect.objectContaining({
        id: created.id,
        author: annaId,
        callers: [erika],
        status: 'active',
      }),
    ]);

    const paused = await update(assigned, { status: 'paused' });
    const pausedPull = await pullAs(app, phone.authorization, { cookie: holds.cookie });
    expect(pausedPull.changes.partners).toEqual([
      expect.objectContaining({ id: created.id, status: 'paused' }),
    ]);
    const ended = await update(paused, { status: 'ended' });
    const endedPull = await pullAs(app, phone.authorization, { cookie: pausedPull.cookie });
    expect(endedPull.changes.partners).toEqual([expect.objectContaining({ status: 'ended' })]);

    const gone = await update(ended, { callers: [] });
    expect(gone.callers).toEqual([]);
    const left = await pullAs(app, phone.authorization, { cookie: endedPull.cookie });
    expect(left.changes.partners).toEqual([]);
    expect(left.deleted.partners).toEqual([created.id]);
    expect((await list()).partners).toEqual([gone]);

    // Made as Anna, through the push's handlers: a history row per changed field.
    const history = await readEntryHistory(db, QUARTER.id, created.id);
    expect(
      history.filter((row) => row.field === 'status').map((row) => [row.newValue, row.authorId]),
    ).toEqual([
      ['paused', annaId],
      ['ended', annaId],
    ]);
    const lines = await partnerAudit();
    expect(lines.map((line) => [line.action, line.actor_name, JSON.parse(line.detail)])).toEqual([
      [
        'partner.create',
        'Anna S.',
        {
          fields: [
            ...Object.keys(NEW_PARTNER).filter((f) => f !== 'expectedVersion'),
            // Not sent (a screen from before consent): recorded as "not recorded".
            'consentOn',
            'consentForm',
            'consentScope',
          ],
        },
      ],
      ['partner.update', 'Anna S.', { fields: ['callers'] }],
      ['partner.update', 'Anna S.', { fields: ['status'] }],
      ['partner.update', 'Anna S.', { fields: ['status'] }],
      ['partner.update', 'Anna S.', { fields: ['callers'] }],
    ]);
    const logged = JSON.stringify(await listAudit(db, QUARTER.id));
    for (const personal of ['Kowalski', '987654', 'Hört schlecht', 'vormittags']) {
      expect(logged).not.toContain(personal);
    }
  });

  it('names callers and shows the flag after three unanswered calls', async () => {
    const partner = await create({ ...NEW_PARTNER, callers: [erika, hans] });
    const call = (id: string, day: number) =>
      callCreateV3(
        next(phone),
        erika,
        partnerCallArgs(id, partner.id, {
          occurredAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`,
          reached: false,
          durationMinutes: 0,
        }),
      );
    await pushOk(phone, [call('c1', 2), call('c2', 9), call('c3', 16)]);
    const { partners, people } = await list();
    expect(partners).toEqual([
      expect.objectContaining({
        id: partner.id,
        callers: [
          { id: erika, name: 'Erika M.', active: true },
          { id: hans, name: 'Hans K.', active: true },
        ],
        unansweredInARow: 3,
        flagged: true,
        lastCallAt: '2026-11-16T10:00:00.000Z',
      }),
    ]);
    expect(people.map((person) => person.name)).toEqual(['Anna S.', 'Erika M.', 'Hans K.']);
  });

  it('refuses callers of another quarter, locked people and bad input; nothing is stored', async () => {
    const partner = await create({ ...NEW_PARTNER, callers: [erika] });
    await createQuarter(db, OTHER_QUARTER);
    const otto = await createPerson(db, 'Otto W.', 'volunteer', OTHER_QUARTER.id);
    await db
      .updateTable('users')
      .set({ disabled_at: new Date().toISOString() })
      .where('id', '=', hans)
      .execute();
    const entries = await storedEntries(db);
    const version = (await findQuarter(db, QUARTER.id))?.version;
    const audited = (await partnerAudit()).length;
    const stale = { expectedVersion: partner.version };
    const cases: [number, 'POST' | 'PUT', string, object][] = [
      [400, 'POST', '/partners', { ...NEW_PARTNER, callers: [otto] }],
      [400, 'PUT', `/partners/${partner.id}`, { ...stale, callers: [erika, otto] }],
      [400, 'PUT', `/partners/${partner.id}`, { ...stale, callers: [hans] }],
      [400, 'POST', '/partners', { ...NEW_PARTNER, name: 'Frau\u0007K.' }],
      [400, 'POST', '/partners', { ...NEW_PARTNER, name: 'K'.repeat(10_000) }],
      [400, 'POST', '/partners', { ...NEW_PARTNER, phone: 'ruf an!' }],
      [400, 'POST', '/partners', { ...NEW_PARTNER, usualMinutes: 0 }],
      [400, 'POST', '/partners', { ...NEW_PARTNER, callers: [erika, erika] }],
      [400, 'POST', '/partners', { ...NEW_PARTNER, expectedVersion: 4 }],
      [400, 'POST', '/partners', { ...NEW_PARTNER, id: partner.id.replace(/.$/, ' ') }],
      [400, 'PUT', `/partners/${partner.id}`, { ...stale, status: 'weg' }],
      [400, 'PUT', `/partners/${partner.id}`, { status: 'paused' }],
      [404, 'PUT', '/partners/gibt-es-nicht', { ...stale, status: 'paused' }],
    ];
    for (const [status, method, path, payload] of cases) {
      const response = await send(anna, method, path, payload);
      expect(
        response.statusCode,
        `${method} ${path} ${JSON.stringify(payload).slice(0, 120)}`,
      ).toBe(status);
    }
    // A given id already in use is refused too, and the entry stays as it was.
    const reused = await send(anna, 'POST', '/partners', {
      ...NEW_PARTNER,
      id: partner.id,
      name: 'Anders',
    });
    expect(reused.statusCode).toBe(400);
    expect(await storedEntries(db)).toEqual(entries);
    expect((await findQuarter(db, QUARTER.id))?.version).toBe(version);
    expect(await partnerAudit()).toHaveLength(audited);
  });

  it('a stale edit gets 409 with the partner as it is now; a caller’s change since counts too', async () => {
    const partner = await create({ ...NEW_PARTNER, callers: [erika] });
    await createStaffUser(db, { quarterId: QUARTER.id, name: 'Bernd T.', password: PASSWORD });
    const bernd = await signInStaff(app, {
      quarterId: QUARTER.id,
      name: 'Bernd T.',
      password: PASSWORD,
    });
    const noted = await update(partner, { note: 'Tochter ruft mittwochs an.' });
    const stale = await send(bernd, 'PUT', `/partners/${partner.id}`, {
      expectedVersion: partner.version,
      status: 'paused',
    });
    expect(stale.statusCode).toBe(409);
    const body = v.parse(partnerConflictSchema, stale.json());
    expect(body.current).toEqual(noted);
    expect((await list()).partners).toEqual([noted]);
    // Erika's device changes the preferred times: Anna's editor, loaded before, is stale now.
    await pushOk(phone, [
      {
        seq: next(phone),
        name: 'partner.update',
        v: 1,
        author: erika,
        args: {
          id: partner.id,
          baseVersion: noted.version,
          fields: { preferredTimes: 'nachmittags' },
        },
      },
    ]);
    const again = await send(anna, 'PUT', `/partners/${partner.id}`, {
      expectedVersion: noted.version,
      status: 'ended',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      current: { preferredTimes: 'nachmittags', status: 'active' },
    });
  });

  it("another quarter's staff neither see nor change this quarter's partners", async () => {
    const partner = await create({ ...NEW_PARTNER, callers: [erika] });
    await createStaffUser(db, { quarterId: OTHER_QUARTER.id, name: 'Olga P.', password: PASSWORD });
    const olga = await signInStaff(app, {
      quarterId: OTHER_QUARTER.id,
      name: 'Olga P.',
      password: PASSWORD,
    });
    expect(await list(olga)).toEqual({
      partners: [],
      people: [expect.objectContaining({ name: 'Olga P.' })],
    });
    const put = await send(olga, 'PUT', `/partners/${partner.id}`, {
      expectedVersion: partner.version,
      status: 'ended',
    });
    expect(put.statusCode).toBe(404);
    // Nor can they assign this quarter's people to a partner of their own.
    const theirs = await send(olga, 'POST', '/partners', { ...NEW_PARTNER, callers: [erika] });
    expect(theirs.statusCode).toBe(400);
    expect((await list()).partners).toEqual([partner]);
  });
});
