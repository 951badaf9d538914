// Staff's export of everything held about one call partner or one person (issue 11,
// "Auskunft"), on SQLite and PostgreSQL through the real app (the staff-week world: Erika
// signed in on two tablets, Anna staff on the shop's PC, Petra on the staff screens, Otto staff
// of another quarter).
// - the registry (server/privacy/person-data.ts) names every table the database has, so a
//   table added later cannot be left out of the export;
// - a partner's export holds exactly their rows of every personal table and nothing of another
//   partner; a volunteer's holds their entries of every kind, routes, sessions and audit lines,
//   and nothing of another volunteer; no export holds a hash, token or credential;
// - staff of another quarter get 404 and leave no line; a tablet or nobody is refused; an odd
//   id is 400; HEAD is no route and writes nothing.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { PERSON_DATA, PERSONAL_TABLES } from '../../server/privacy/person-data';
import { databaseTables } from '../../server/repos/person-data.repo';
import { READ_ACTIONS } from '../../src/shared/staff/audit-actions';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import {
  adviceArgs,
  callUpdate,
  entryCreate,
  observationArgs,
  partnerArgs,
  partnerCallArgs,
  trackPoints,
  walkArgs,
  walkTrack,
} from './support/entry-mutations';
import { createPerson, signInOn } from './support/push-fixtures';
import { staffRequest, useStaffWeekWorld } from './support/staff-week-world';
import { describeEachDialect } from './support/test-database';

interface Export {
  subject: { type: string; id: string; name: string };
  exportedAt: string;
  tables: Record<string, Record<string, unknown>[]>;
}

const OTHER = { name: 'Herr Zwoborg', phone: '0170 4443322', note: 'Hört schlecht Quendel' };

const exportLines = (db: Kysely<Database>) =>
  db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', 'in', [READ_ACTIONS.exportPartner, READ_ACTIONS.exportPerson])
    .execute();

/** Every hash the database stores, none of which may leave it. */
async function storedHashes(db: Kysely<Database>): Promise<string[]> {
  const users = await db.selectFrom('users').select(['pin_hash', 'password_hash']).execute();
  const hashes = [
    ...users.flatMap((user) => [user.pin_hash, user.password_hash]),
    ...(await db.selectFrom('person_sessions').select('credential_hash as h').execute()).map(
      (row) => row.h,
    ),
    ...(await db.selectFrom('staff_sessions').select('token_hash as h').execute()).map(
      (row) => row.h,
    ),
    ...(await db.selectFrom('devices').select('credential_hash as h').execute()).map(
      (row) => row.h,
    ),
    ...(await db.selectFrom('enrolment_codes').select('code_hash as h').execute()).map(
      (row) => row.h,
    ),
  ];
  return hashes.filter((hash): hash is string => hash !== null && hash.length > 0);
}

describeEachDialect('export of what is held about a person', (dialect) => {
  const world = useStaffWeekWorld(dialect);

  async function exportOf(path: string, cookie = world().petraCookie): Promise<Export> {
    const response = await staffRequest(world().app, cookie, 'GET', path);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="[\x20-\x7e]+\.json"$/,
    );
    const body = response.json<Export>();
    expect(Object.keys(body.tables).sort()).toEqual([...PERSONAL_TABLES].sort());
    const hashes = await storedHashes(world().db);
    expect(hashes.length).toBeGreaterThan(0);
    for (const hash of hashes) expect(response.body).not.toContain(hash);
    for (const column of ['pin_hash', 'password_hash', 'credential_hash', 'token_hash'])
      expect(response.body).not.toContain(column);
    return body;
  }

  it('the registry names every table the database has', async () => {
    expect(await databaseTables(world().db)).toEqual(Object.keys(PERSON_DATA).sort());
  });

  /** Two partners of Erika's, calls of both, an edit, a follow-up, Petra reading. */
  async function twoPartners() {
    const { pushOk, next, shop, tablet, anna, erika, app, petraCookie } = world();
    await pushOk(shop, [
      entryCreate('partner', next(shop), anna, partnerArgs('p1', [erika], { name: 'Frau Quast' })),
      entryCreate('partner', next(shop), anna, partnerArgs('p2', [erika], OTHER)),
    ]);
    await pushOk(tablet, [
      entryCreate('call', next(tablet), erika, partnerCallArgs('c1', 'p1', { note: 'Gut drauf' })),
      entryCreate('call', next(tablet), erika, partnerCallArgs('c2', 'p1', { concern: true })),
      entryCreate('call', next(tablet), erika, partnerCallArgs('c3', 'p2', { note: OTHER.note })),
    ]);
    await pushOk(tablet, [
      callUpdate(next(tablet), erika, 'c2', null, { note: 'Braucht Einkaufshilfe' }),
    ]);
    const followUp = await staffRequest(app, petraCookie, 'PUT', '/follow-ups/partner/p1', {
      expectedVersion: 0,
      ownerUserId: null,
      dueDate: null,
      status: 'in_progress',
      note: '',
    });
    expect(followUp.statusCode, followUp.body).toBe(200);
    for (const path of ['/entries/c2/history', '/entries/c3/history']) {
      const read = await staffRequest(app, petraCookie, 'GET', path);
      expect(read.statusCode, read.body).toBe(200);
    }
  }

  it('a partner’s export holds their rows of every table and nothing of another', async () => {
    await twoPartners();
    const { db, petra } = world();
    const body = await exportOf('/partners/p1/export');
    expect(body.subject).toEqual({ type: 'partner', id: 'p1', name: 'Frau Quast' });
    const ids = (table: string) => body.tables[table]?.map((row) => row.id ?? row.entry_id);
    expect(ids('entries')?.sort()).toEqual(['c1', 'c2', 'p1']);
    expect(body.tables.entry_history?.map((row) => [row.entry_id, row.field])).toEqual([
      ['c2', 'note'],
    ]);
    expect(body.tables.follow_ups?.map((row) => [row.subject_type, row.subject_id])).toEqual([
      ['partner', 'p1'],
    ]);
    // The follow-up's change and Petra's read of c2's history; not her read of c3's. (The
    // staff clock stands still: lines of one instant come in id order, so compare sorted.)
    expect(
      body.tables.audit_log
        ?.map((row) => [row.actor_user_id, row.action, row.subject_id])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    ).toEqual([
      [petra, 'follow_up.update', 'p1'],
      [petra, READ_ACTIONS.entryHistory, 'c2'],
    ]);
    for (const table of ['users', 'walk_track_chunks', 'staff_sessions', 'mutation_log'])
      expect(body.tables[table], table).toEqual([]);
    const text = JSON.stringify(body);
    for (const secret of [OTHER.name, OTHER.phone, OTHER.note, '"p2"', '"c3"'])
      expect(text).not.toContain(secret);
    // Written last, with ids and counts only.
    const lines = await exportLines(db);
    expect(lines.map((line) => [line.action, line.subject_type, line.subject_id])).toEqual([
      [READ_ACTIONS.exportPartner, 'partner', 'p1'],
    ]);
    expect(JSON.parse(lines[0]?.detail ?? '{}')).toEqual({
      counts: { entries: 3, entry_history: 1, follow_ups: 1, audit_log: 2 },
    });
  });

  it('a partner’s export holds the consent staff recorded with them', async () => {
    const { app, pushOk, next, shop, anna, erika, petraCookie } = world();
    await pushOk(shop, [
      entryCreate('partner', next(shop), anna, partnerArgs('p1', [erika], { name: 'Frau Quast' })),
    ]);
    const before = await exportOf('/partners/p1/export');
    const fieldsOf = (body: Export) => {
      const row = body.tables.entries?.find((entry) => entry.id === 'p1');
      const fields = row?.fields;
      return (typeof fields === 'string' ? JSON.parse(fields) : fields) as Record<string, unknown>;
    };
    expect(fieldsOf(before)).toMatchObject({ consentOn: '', consentForm: '', consentScope: '' });

    const listed = await staffRequest(app, petraCookie, 'GET', '/partners');
    const version = listed.json<{ partners: { id: string; version: number }[] }>().partners[0]
      ?.version;
    const consent = {
      consentOn: '2026-03-03',
      consentForm: 'written',
      consentScope: 'wöchentliche Anrufe, Notizen für das Team',
    };
    const recorded = await staffRequest(app, petraCookie, 'PUT', '/partners/p1', {
      expectedVersion: version,
      ...consent,
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const body = await exportOf('/partners/p1/export');
    expect(fieldsOf(body)).toMatchObject(consent);
    // Its history says when staff recorded it, and who.
    expect(
      body.tables.entry_history
        ?.filter((row) => row.entry_id === 'p1')
        .map((row) => row.field)
        .sort(),
    ).toEqual(['consentForm', 'consentOn', 'consentScope']);
  });

  it('a volunteer’s export holds their entries, routes, sessions and lines, nobody else’s', async () => {
    const { app, db, pushOk, next, tablet, phone, erika, petraCookie } = world();
    const karl = await createPerson(db, 'Karl Wumpelt');
    await signInOn(app, phone.authorization, 'Karl Wumpelt');
    await pushOk(tablet, [
      entryCreate('call', next(tablet), erika, partnerCallArgs('c1', null, { note: 'Erikas' })),
      entryCreate('advice', next(tablet), erika, adviceArgs('a1')),
      entryCreate('walk', next(tablet), erika, walkArgs('w1')),
      entryCreate('observation', next(tablet), erika, observationArgs('o1', 'w1')),
      walkTrack(next(tablet), erika, 'w1', 0, trackPoints(3)),
    ]);
    await pushOk(phone, [
      entryCreate(
        'call',
        next(phone),
        karl,
        partnerCallArgs('k1', null, { note: 'Karls Quittenbaum' }),
      ),
    ]);
    const history = await staffRequest(app, petraCookie, 'GET', '/entries/o1/history');
    expect(history.statusCode, history.body).toBe(200);

    const body = await exportOf(`/people/${erika}/export`);
    expect(body.subject).toEqual({ type: 'person', id: erika, name: 'Erika M.' });
    expect(body.tables.users).toEqual([
      expect.objectContaining({ id: erika, name: 'Erika M.', has_pin: true, has_password: false }),
    ]);
    expect(body.tables.entries?.map((row) => [row.kind, row.id]).sort()).toEqual([
      ['advice', 'a1'],
      ['call', 'c1'],
      ['observation', 'o1'],
      ['walk', 'w1'],
    ]);
    expect(body.tables.walk_track_chunks?.map((row) => [row.walk_id, row.chunk])).toEqual([
      ['w1', 0],
    ]);
    expect(body.tables.device_users).toHaveLength(2);
    expect(body.tables.person_sessions).toHaveLength(2);
    for (const session of body.tables.person_sessions ?? []) {
      expect(session.user_id).toBe(erika);
      expect(session).not.toHaveProperty('credential_hash');
    }
    expect(body.tables.mutation_log).toHaveLength(5);
    expect(body.tables.audit_log?.map((row) => [row.action, row.subject_id])).toContainEqual([
      READ_ACTIONS.entryHistory,
      'o1',
    ]);
    const text = JSON.stringify(body);
    for (const secret of ['Karl Wumpelt', 'Karls Quittenbaum', karl])
      expect(text).not.toContain(secret);

    // Petra's own export: her staff session without its token.
    const own = await exportOf(`/people/${world().petra}/export`);
    expect(own.tables.users?.[0]).toMatchObject({ has_password: true });
    expect(own.tables.staff_sessions).toHaveLength(1);
    expect(own.tables.staff_sessions?.[0]).not.toHaveProperty('token_hash');
  });

  it('refuses other quarters, tablets, nobody, odd ids and HEAD, and writes no line', async () => {
    await twoPartners();
    const { app, db, erika, ottoCookie, petraCookie, tablet } = world();
    const paths = ['/partners/p1/export', `/people/${erika}/export`];
    for (const path of paths) {
      const otto = await staffRequest(app, ottoCookie, 'GET', path);
      expect(otto.statusCode, path).toBe(404);
      expect(otto.body).not.toContain('Frau Quast');
      const nobody = await app.inject({ method: 'GET', url: `${STAFF_PREFIX}${path}` });
      expect(nobody.statusCode, path).toBe(401);
      const device = await app.inject({
        method: 'GET',
        url: `${STAFF_PREFIX}${path}`,
        headers: { authorization: tablet.authorization },
      });
      expect([401, 403], path).toContain(device.statusCode);
      const head = await app.inject({
        method: 'HEAD',
        url: `${STAFF_PREFIX}${path}`,
        headers: { cookie: petraCookie },
      });
      expect(head.statusCode, path).toBe(404);
    }
    for (const odd of ["p1'--", 'p%201', 'p1%22']) {
      for (const collection of ['partners', 'people']) {
        const response = await staffRequest(
          app,
          petraCookie,
          'GET',
          `/${collection}/${odd}/export`,
        );
        expect(response.statusCode, odd).toBe(400);
      }
    }
    // A partner's id is no person's, and the other way round.
    expect(
      (await staffRequest(app, petraCookie, 'GET', `/partners/${erika}/export`)).statusCode,
    ).toBe(404);
    expect((await staffRequest(app, petraCookie, 'GET', '/people/p1/export')).statusCode).toBe(404);
    expect(await exportLines(db)).toEqual([]);
  });
});
