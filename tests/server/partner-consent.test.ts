// A call partner's consent (DSGVO, issue 11): the day, the form and what they agreed to,
// recorded by staff with the partner, through the real app on SQLite and PostgreSQL.
// - staff record, change and clear it (POST/PUT /staff/partners); the caller's device gets it
//   with its next pull; the audit line names the changed fields only, never what they say;
// - half a consent (a day without its form, a form without its day, also after a change of one
//   field), a bad day, an unknown form or a long scope is 400 and nothing is stored;
// - a caller's device cannot set it (staff fields): its change is refused whole;
// - partners from before: a `partner.create` v1 from an old app is still accepted, and a row
//   stored without the fields still pulls, lists and edits as "not recorded".
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { listAudit } from '../../server/repos/audit.repo';
import { findQuarter } from '../../server/repos/quarter.repo';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import {
  staffPartnerSchema,
  staffPartnersSchema,
  type StaffPartner,
} from '../../src/shared/staff/staff-upkeep';
import { QUARTER } from './support/fixtures';
import { enrolDevice, type EnrolledTestDevice } from './support/identity-fixtures';
import { rejectionCodes, useOutboxes } from './support/outboxes';
import { pullAs } from './support/pull-fixtures';
import { createPerson, signInOn } from './support/push-fixtures';
import { buildStaffTestApp, createStaffUser, signInStaff } from './support/staff-fixtures';
import { storedEntries, storedEntry } from './support/stored-entries';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const PASSWORD = 'Sommer-im-Park-7';
const WITHOUT_CONSENT = {
  expectedVersion: 0,
  name: 'Frau Kowalski',
  phone: '02151 987654',
  preferredTimes: 'vormittags',
  note: '',
  usualMinutes: 15,
  callEveryDays: 7,
  callers: [] as string[],
  status: 'active',
};
const CONSENT = {
  consentOn: '2026-03-03',
  consentForm: 'written',
  consentScope: 'wöchentliche Anrufe, Notizen für das Team',
};
const NOT_RECORDED = { consentOn: '', consentForm: '', consentScope: '' };

describeEachDialect('a call partner’s consent', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let db: Kysely<Database>;
  let app: FastifyInstance;
  let anna: string;
  let erika: string;
  let phone: EnrolledTestDevice;
  const { next, pushOk } = useOutboxes(() => app);

  beforeEach(async () => {
    db = fresh().db;
    ({ app } = await buildStaffTestApp(db));
    await createStaffUser(db, { quarterId: QUARTER.id, name: 'Anna S.', password: PASSWORD });
    anna = await signInStaff(app, { quarterId: QUARTER.id, name: 'Anna S.', password: PASSWORD });
    erika = await createPerson(db, 'Erika M.');
    phone = await enrolDevice(app, db, QUARTER, 'Handy Erika');
    await signInOn(app, phone.authorization, 'Erika M.');
  });

  const send = (method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) =>
    app.inject({
      method,
      url: `${STAFF_PREFIX}${path}`,
      headers: { cookie: anna },
      ...(payload ? { payload } : {}),
    });
  const create = async (payload: object) => {
    const response = await send('POST', '/partners', payload);
    expect(response.statusCode, response.body).toBe(201);
    return v.parse(staffPartnerSchema, response.json());
  };
  const update = async (partner: StaffPartner, fields: object) => {
    const response = await send('PUT', `/partners/${partner.id}`, {
      expectedVersion: partner.version,
      ...fields,
    });
    expect(response.statusCode, response.body).toBe(200);
    return v.parse(staffPartnerSchema, response.json());
  };
  const listed = async () => {
    const response = await send('GET', '/partners');
    expect(response.statusCode, response.body).toBe(200);
    return v.parse(staffPartnersSchema, response.json()).partners;
  };
  const auditedFields = async () =>
    (await listAudit(db, QUARTER.id))
      .reverse()
      .filter((line) => line.subject_type === 'partner')
      .map((line) => [line.action, (JSON.parse(line.detail) as { fields: string[] }).fields]);

  it('staff record, change and clear it; the caller’s device gets it; the audit names fields only', async () => {
    const start = await pullAs(app, phone.authorization);
    const created = await create({ ...WITHOUT_CONSENT, ...CONSENT, callers: [erika] });
    expect(created).toMatchObject(CONSENT);
    expect(await storedEntry(db, created.id)).toMatchObject(CONSENT);
    const pulled = await pullAs(app, phone.authorization, { cookie: start.cookie });
    expect(pulled.changes.partners).toEqual([
      expect.objectContaining({ id: created.id, ...CONSENT }),
    ]);

    const oral = await update(created, {
      ...CONSENT,
      consentForm: 'oral',
      consentScope: 'Anrufe alle zwei Wochen',
    });
    expect(oral).toMatchObject({ consentForm: 'oral', consentScope: 'Anrufe alle zwei Wochen' });
    const cleared = await update(oral, NOT_RECORDED);
    expect(cleared).toMatchObject(NOT_RECORDED);
    expect(await listed()).toEqual([cleared]);
    const again = await pullAs(app, phone.authorization, { cookie: pulled.cookie });
    expect(again.changes.partners).toEqual([expect.objectContaining(NOT_RECORDED)]);

    expect((await auditedFields()).slice(1)).toEqual([
      ['partner.update', ['consentForm', 'consentScope']],
      ['partner.update', ['consentOn', 'consentForm', 'consentScope']],
    ]);
    const logged = JSON.stringify(await listAudit(db, QUARTER.id));
    for (const said of ['2026-03-03', 'wöchentliche Anrufe', 'zwei Wochen', '"oral"'])
      expect(logged).not.toContain(said);
  });

  it('refuses half a consent, bad days, unknown forms and long scopes; nothing is stored', async () => {
    const partner = await create({ ...WITHOUT_CONSENT, ...CONSENT });
    const plain = await create({ ...WITHOUT_CONSENT, name: 'Herr B.' });
    const entries = await storedEntries(db);
    const version = (await findQuarter(db, QUARTER.id))?.version;
    const audited = (await auditedFields()).length;
    const put = (row: StaffPartner, fields: object) => ({
      path: `/partners/${row.id}`,
      body: { expectedVersion: row.version, ...fields },
    });
    const cases: [string, 'POST' | 'PUT', { path: string; body: object }][] = [
      [
        'day without form',
        'POST',
        { path: '/partners', body: { ...WITHOUT_CONSENT, consentOn: '2026-03-03' } },
      ],
      [
        'form without day',
        'POST',
        { path: '/partners', body: { ...WITHOUT_CONSENT, consentForm: 'oral' } },
      ],
      [
        'no such day',
        'POST',
        { path: '/partners', body: { ...WITHOUT_CONSENT, ...CONSENT, consentOn: '2026-02-30' } },
      ],
      [
        'German day',
        'POST',
        { path: '/partners', body: { ...WITHOUT_CONSENT, ...CONSENT, consentOn: '03.03.2026' } },
      ],
      [
        'before 2000',
        'POST',
        { path: '/partners', body: { ...WITHOUT_CONSENT, ...CONSENT, consentOn: '1999-12-31' } },
      ],
      [
        'unknown form',
        'POST',
        { path: '/partners', body: { ...WITHOUT_CONSENT, ...CONSENT, consentForm: 'fax' } },
      ],
      [
        'long scope',
        'POST',
        {
          path: '/partners',
          body: { ...WITHOUT_CONSENT, ...CONSENT, consentScope: 'x'.repeat(301) },
        },
      ],
      [
        'scope with a bell',
        'POST',
        { path: '/partners', body: { ...WITHOUT_CONSENT, ...CONSENT, consentScope: 'a\u0007b' } },
      ],
      ['clearing only the form', 'PUT', put(partner, { consentForm: '' })],
      ['clearing only the day', 'PUT', put(partner, { consentOn: '' })],
      ['only a day for a partner without', 'PUT', put(plain, { consentOn: '2026-03-03' })],
      ['only a form for a partner without', 'PUT', put(plain, { consentForm: 'electronic' })],
      ['unknown form', 'PUT', put(partner, { consentForm: 'Handschlag' })],
    ];
    for (const [what, method, { path, body }] of cases) {
      const response = await send(method, path, body);
      expect(response.statusCode, what).toBe(400);
      expect(response.json(), what).toMatchObject({ error: 'invalid_request' });
    }
    expect(await storedEntries(db)).toEqual(entries);
    expect((await findQuarter(db, QUARTER.id))?.version).toBe(version);
    expect(await auditedFields()).toHaveLength(audited);
  });

  it('a caller’s device cannot set it: the change is refused whole', async () => {
    const partner = await create({ ...WITHOUT_CONSENT, callers: [erika] });
    const entries = await storedEntries(db);
    const change = (fields: object) => ({
      seq: next(phone),
      name: 'partner.update',
      v: 1,
      author: erika,
      args: { id: partner.id, baseVersion: partner.version, fields },
    });
    const answer = await pushOk(phone, [
      change({ consentOn: '2026-03-03', consentForm: 'oral' }),
      change({ preferredTimes: 'nachmittags', consentScope: 'alles' }),
    ]);
    expect(rejectionCodes(answer)).toEqual([
      [1, 'forbidden'],
      [2, 'forbidden'],
    ]);
    expect(answer.rejected[0]?.message).toContain('„Einwilligung am“');
    expect(await storedEntries(db)).toEqual(entries);
    // Her own fields she may still keep current.
    const times = await pushOk(phone, [change({ preferredTimes: 'nachmittags' })]);
    expect(times.rejected).toEqual([]);
  });

  it('partners from before: an old app’s v1 create and a row stored without the fields', async () => {
    // The shop's PC still runs an app that sends partner.create v1 (no consent).
    const beaId = await createPerson(db, 'Bea T.', 'staff');
    const shop = await enrolDevice(app, db, QUARTER, 'PC im Laden');
    await signInOn(app, shop.authorization, 'Bea T.');
    const created = await pushOk(shop, [
      {
        seq: next(shop),
        name: 'partner.create',
        v: 1,
        author: beaId,
        args: {
          id: 'p-old',
          occurredAt: '2026-11-25T09:00:00.000Z',
          concern: false,
          name: WITHOUT_CONSENT.name,
          phone: WITHOUT_CONSENT.phone,
          preferredTimes: WITHOUT_CONSENT.preferredTimes,
          note: WITHOUT_CONSENT.note,
          usualMinutes: WITHOUT_CONSENT.usualMinutes,
          callEveryDays: WITHOUT_CONSENT.callEveryDays,
          callers: [erika],
          status: 'active',
          // What a v1 schema does not know is not taken over.
          consentOn: '2026-03-03',
        },
      },
    ]);
    expect(created.rejected).toEqual([]);
    expect(await storedEntry(db, 'p-old')).toMatchObject(NOT_RECORDED);

    // A row as the server stored it before consent existed: no consent fields at all.
    const row = await db
      .selectFrom('entries')
      .select('fields')
      .where('id', '=', 'p-old')
      .executeTakeFirstOrThrow();
    const old = JSON.parse(row.fields) as Record<string, unknown>;
    delete old.consentOn;
    delete old.consentForm;
    delete old.consentScope;
    await db
      .updateTable('entries')
      .set({ fields: JSON.stringify(old) })
      .where('id', '=', 'p-old')
      .execute();

    const pulled = await pullAs(app, phone.authorization);
    expect(pulled.changes.partners).toEqual([
      expect.objectContaining({ id: 'p-old', name: 'Frau Kowalski', ...NOT_RECORDED }),
    ]);
    const [partner] = await listed();
    expect(partner).toMatchObject({ id: 'p-old', ...NOT_RECORDED });
    // A change of the status leaves consent alone ("not recorded" is no change).
    const paused = await update(partner!, { ...NOT_RECORDED, status: 'paused' });
    const recorded = await update(paused, CONSENT);
    expect(recorded).toMatchObject({ status: 'paused', ...CONSENT });
    expect(await auditedFields()).toEqual([
      ['partner.update', ['status']],
      ['partner.update', ['consentOn', 'consentForm', 'consentScope']],
    ]);
  });
});
