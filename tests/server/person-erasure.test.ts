// Erasure of one call partner or one person everywhere (issue 11, Art. 17 DSGVO), on SQLite and
// PostgreSQL through the real app (the staff-week world: Erika signed in on two tablets, Anna
// staff on the shop's PC, Petra on the staff screens, Otto staff of another quarter).
// - a partner: no word of them or their calls is left in any table; the figures still count
//   the calls; tablets learn it with their next pull; a call a tablet sends later for them is
//   accepted without effect; nothing of another partner changes;
// - a person: their name is nowhere any more, what they wrote is emptied (counts kept), their
//   route, sessions, sign-in records and push log are gone, partners no longer list them; a
//   tablet presenting their session is told (`erasedPeople`) and may still hand in their
//   waiting changes, which are refused without a session and store nothing;
// - refused: a wrong name (nothing changes), oneself, an admin by staff, another quarter,
//   tablets and nobody, odd ids, twice.
import { expect, it } from 'vitest';
import { ERASE_ACTIONS } from '../../server/privacy/person-erasure';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import { TEST_PIN } from './support/push-fixtures';
import { everyRow } from './support/every-row';
import {
  adviceArgs,
  callUpdate,
  entryCreate,
  partnerArgs,
  partnerCallArgs,
  trackPoints,
  walkArgs,
  walkTrack,
} from './support/entry-mutations';
import { forgetSession } from './support/identity-fixtures';
import { rejectionCodes } from './support/outboxes';
import { pullAs } from './support/pull-fixtures';
import { createPerson, pushAs } from './support/push-fixtures';
import { createStaffUser, signInStaff } from './support/staff-fixtures';
import { getWeek, PASSWORD, staffRequest, useStaffWeekWorld } from './support/staff-week-world';
import { QUARTER } from './support/fixtures';
import { describeEachDialect } from './support/test-database';

const QUAST = { name: 'Frau Quast', phone: '0211 7788990', note: 'Mag Kreuzworträtsel Quendel' };
const OTHER = { name: 'Herr Zwoborg', phone: '0170 4443322', note: 'Hört schlecht Tamariske' };
const CALL_NOTES = [
  'Gut drauf Pimpernell',
  'Braucht Einkaufshilfe Wacholder',
  'Zwoborg-Anruf Estragon',
];

describeEachDialect('erasure of a partner or a person', (dialect) => {
  const world = useStaffWeekWorld(dialect);

  const erase = (path: string, name: string, cookie = world().petraCookie) =>
    staffRequest(world().app, cookie, 'POST', `${path}/erase`, { name });

  const auditOf = (action: string) =>
    world().db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  /** Two partners of Erika's with calls, an edit, a follow-up of the first. */
  async function twoPartners() {
    const { pushOk, next, shop, tablet, anna, erika, app, petraCookie } = world();
    await pushOk(shop, [
      entryCreate('partner', next(shop), anna, partnerArgs('p1', [erika], QUAST)),
      entryCreate('partner', next(shop), anna, partnerArgs('p2', [erika], OTHER)),
    ]);
    await pushOk(tablet, [
      entryCreate(
        'call',
        next(tablet),
        erika,
        partnerCallArgs('c1', 'p1', { note: CALL_NOTES[0], durationMinutes: 25 }),
      ),
      entryCreate('call', next(tablet), erika, partnerCallArgs('c2', 'p1', { concern: true })),
      entryCreate(
        'call',
        next(tablet),
        erika,
        partnerCallArgs('c3', 'p2', { note: CALL_NOTES[2] }),
      ),
    ]);
    await pushOk(tablet, [callUpdate(next(tablet), erika, 'c2', null, { note: CALL_NOTES[1] })]);
    const followUp = await staffRequest(app, petraCookie, 'PUT', '/follow-ups/partner/p1', {
      expectedVersion: 0,
      ownerUserId: null,
      dueDate: null,
      status: 'in_progress',
      note: '',
    });
    expect(followUp.statusCode, followUp.body).toBe(200);
  }

  it('a partner: nothing of them or their calls is left, the figures still count', async () => {
    await twoPartners();
    const { app, db, tablet, next, pushOk, erika, petraCookie } = world();
    const before = await pullAs(app, tablet.authorization);
    const figuresBefore = (await getWeek(app, petraCookie)).figures;

    // Typed as people type: other case, spaces around it.
    const response = await erase('/partners/p1', '  frau QUAST ');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      subject: { type: 'partner', id: 'p1' },
      counts: { partner: 1, entries: 2 },
    });

    const rows = await everyRow(db);
    for (const secret of [QUAST.name, QUAST.phone, QUAST.note, ...CALL_NOTES.slice(0, 2)]) {
      expect(rows).not.toContain(secret);
    }
    // Nothing of the other partner changed.
    for (const kept of [OTHER.name, OTHER.phone, OTHER.note, CALL_NOTES[2]]) {
      expect(rows).toContain(kept);
    }
    // The week's figures (calls, minutes, concerns) are the same.
    expect((await getWeek(app, petraCookie)).figures).toEqual(figuresBefore);

    // The tablet learns it with its next pull, from where it stood.
    const after = await pullAs(app, tablet.authorization, { cookie: before.cookie });
    expect(after.deleted.partners).toEqual(['p1']);
    expect([...after.deleted.calls].sort()).toEqual(['c1', 'c2']);
    expect(JSON.stringify(after)).not.toContain('Quast');

    // A call logged offline for her before the tablet heard: accepted, nothing stored.
    const late = await pushOk(tablet, [
      entryCreate('call', next(tablet), erika, partnerCallArgs('c9', 'p1', { note: 'Spät Ysop' })),
    ]);
    expect(late.rejected).toEqual([]);
    expect(await everyRow(db)).not.toContain('Spät Ysop');

    // One audit line with counts; nothing of her in it.
    const lines = await auditOf(ERASE_ACTIONS.partner);
    expect(lines.map((line) => [line.subject_type, line.subject_id])).toEqual([['partner', 'p1']]);
    expect(JSON.parse(lines[0]?.detail ?? '{}')).toEqual({ counts: { partner: 1, entries: 2 } });
    expect(JSON.stringify(lines)).not.toContain('Quast');
  });

  it('a person: their name is nowhere, what they wrote is emptied, tablets are told', async () => {
    await twoPartners();
    const { app, db, tablet, phone, next, pushOk, erika, petraCookie } = world();
    await pushOk(tablet, [
      entryCreate(
        'advice',
        next(tablet),
        erika,
        adviceArgs('a1', { note: 'Erikas Rat Liebstöckel' }),
      ),
      entryCreate('walk', next(tablet), erika, walkArgs('w1')),
      walkTrack(next(tablet), erika, 'w1', 0, trackPoints(5)),
    ]);
    // A wrong PIN under her name leaves a record with the name.
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/device/sign-in',
      headers: { authorization: phone.authorization },
      payload: { name: 'Erika M.', pin: '9182' },
    });
    expect(wrong.statusCode).toBe(401);
    const before = await pullAs(app, tablet.authorization);
    const figuresBefore = (await getWeek(app, petraCookie)).figures;

    const response = await erase(`/people/${erika}`, 'erika m.');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().counts).toMatchObject({
      entries: 5, // c1, c2, c3, a1, w1
      partners_unassigned: 2,
      walk_track_chunks: 0, // went with the walk
      device_users: 2,
      person_sessions: 2,
      sign_in_guards: 1,
    });

    const rows = await everyRow(db);
    for (const secret of ['Erika M.', 'Erikas Rat Liebstöckel', ...CALL_NOTES]) {
      expect(rows).not.toContain(secret);
    }
    // Partners stay (they are about the partner), without her as caller.
    for (const kept of [QUAST.name, OTHER.name]) expect(rows).toContain(kept);
    const partners = await db
      .selectFrom('entries')
      .select(['id', 'fields'])
      .where('kind', '=', 'partner')
      .orderBy('id')
      .execute();
    for (const partner of partners) {
      expect(JSON.parse(partner.fields).callers).toEqual([]);
    }
    expect(
      await db
        .selectFrom('walk_track_chunks')
        .selectAll()
        .where('author_user_id', '=', erika)
        .execute(),
    ).toEqual([]);
    expect(
      await db.selectFrom('mutation_log').selectAll().where('author_user_id', '=', erika).execute(),
    ).toEqual([]);
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', erika)
      .executeTakeFirst();
    expect(user).toMatchObject({ pin_hash: null, password_hash: null });
    expect(user?.erased_at).not.toBeNull();
    expect(user?.disabled_at).not.toBeNull();
    expect((await getWeek(app, petraCookie)).figures).toEqual(figuresBefore);

    // Her tablet presents her session: it is told, and her entries leave with the pull.
    const pulled = await pullAs(app, tablet.authorization, { cookie: before.cookie });
    expect(pulled.erasedPeople).toEqual([erika]);
    expect(pulled.invalidSessions).toHaveLength(1);
    expect(JSON.stringify(pulled.changes)).not.toContain('Erika');

    // A change she made offline still goes out, with or without her old session: refused
    // as hers, nothing stored, and the tablet's seq moves on.
    const withSession = await pushOk(tablet, [
      entryCreate(
        'call',
        next(tablet),
        erika,
        partnerCallArgs('c8', null, { note: 'Offline Kerbel' }),
      ),
    ]);
    expect(rejectionCodes(withSession)).toEqual([[withSession.lastSeq, 'unknown_author']]);
    expect(withSession.erasedPeople).toEqual([erika]);
    forgetSession(tablet.authorization, erika);
    const withoutSession = await pushOk(tablet, [
      entryCreate(
        'call',
        next(tablet),
        erika,
        partnerCallArgs('c7', null, { note: 'Offline Borretsch' }),
      ),
    ]);
    expect(rejectionCodes(withoutSession)).toEqual([[withoutSession.lastSeq, 'unknown_author']]);
    const stored = await everyRow(db);
    for (const secret of ['Offline Kerbel', 'Offline Borretsch'])
      expect(stored).not.toContain(secret);

    // She cannot sign in any more; staff do not list her.
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/device/sign-in',
      headers: { authorization: phone.authorization },
      payload: { name: 'Erika M.', pin: TEST_PIN },
    });
    expect(again.statusCode).toBe(401);
    const people = await staffRequest(app, petraCookie, 'GET', '/people');
    expect(people.body).not.toContain(erika);

    const lines = await auditOf(ERASE_ACTIONS.person);
    expect(lines.map((line) => line.subject_id)).toEqual([erika]);
    expect(JSON.stringify(lines)).not.toContain('Erika');
  });

  it('someone else’s change without a session is still refused whole', async () => {
    const { app, db, tablet, next, erika } = world();
    const karl = await createPerson(db, 'Karl W.');
    expect((await erase(`/people/${erika}`, 'Erika M.')).statusCode).toBe(200);
    // Karl never signed in on this tablet: his change must wait for him, whoever else's
    // changes may go out without a session.
    const before = await everyRow(db);
    const response = await pushAs(app, tablet.authorization, {
      clientId: `client-${tablet.deviceId}`,
      mutations: [
        entryCreate('call', next(tablet), erika, partnerCallArgs('e1', null)),
        entryCreate('call', next(tablet), karl, partnerCallArgs('k1', null)),
      ],
    });
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json()).toMatchObject({ error: 'not_signed_in', erasedPeople: [erika] });
    expect(await everyRow(db)).toEqual(before);
  });

  it('refuses a wrong name, oneself, an admin, other quarters, tablets, nobody and odd ids', async () => {
    await twoPartners();
    const { app, db, erika, petra, petraCookie, ottoCookie, tablet } = world();
    const admin = await createStaffUser(db, {
      quarterId: QUARTER.id,
      name: 'Ada Admin',
      password: PASSWORD,
      role: 'admin',
    });
    const rowsBefore = await everyRow(db);

    const wrongName = await erase('/partners/p1', 'Frau Quas');
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.json().message).toMatch(/nichts gelöscht/);
    expect((await erase(`/people/${erika}`, '')).statusCode).toBe(400);
    expect((await erase(`/people/${petra}`, 'Petra L.')).statusCode).toBe(403);
    expect((await erase(`/people/${admin.id}`, 'Ada Admin')).statusCode).toBe(403);

    for (const [path, name] of [
      ['/partners/p1', QUAST.name],
      [`/people/${erika}`, 'Erika M.'],
    ] as const) {
      expect((await erase(path, name, ottoCookie)).statusCode, path).toBe(404);
      const nobody = await app.inject({
        method: 'POST',
        url: `${STAFF_PREFIX}${path}/erase`,
        payload: { name },
      });
      expect(nobody.statusCode, path).toBe(401);
      const device = await app.inject({
        method: 'POST',
        url: `${STAFF_PREFIX}${path}/erase`,
        headers: { authorization: tablet.authorization },
        payload: { name },
      });
      expect([401, 403], path).toContain(device.statusCode);
      const noBody = await staffRequest(app, petraCookie, 'POST', `${path}/erase`);
      expect(noBody.statusCode, path).toBe(400);
    }
    for (const odd of ["p1'--", 'p%201', 'p1%22']) {
      expect((await erase(`/partners/${odd}`, 'x')).statusCode, odd).toBe(400);
    }
    // A partner's id is no person's, and the other way round.
    expect((await erase(`/partners/${erika}`, 'Erika M.')).statusCode).toBe(404);
    expect((await erase('/people/p1', QUAST.name)).statusCode).toBe(404);
    // Nothing was erased by any of it (the audit log only has the reads above... none here).
    expect(await everyRow(db)).toEqual(rowsBefore);

    // Twice: the second finds nobody to erase.
    expect((await erase(`/people/${erika}`, 'Erika M.')).statusCode).toBe(200);
    expect((await erase(`/people/${erika}`, 'Erika M.')).statusCode).toBe(404);
    const adminCookie = await signInStaff(app, {
      quarterId: QUARTER.id,
      name: 'Ada Admin',
      password: PASSWORD,
    });
    expect((await erase(`/people/${petra}`, 'Petra L.', adminCookie)).statusCode).toBe(200);
    // Petra's session ended with her erasure.
    expect((await staffRequest(app, petraCookie, 'GET', '/me')).statusCode).toBe(401);
  });
});
