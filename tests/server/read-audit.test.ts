// Who read what (issue 11) on SQLite and PostgreSQL, through the real app: entries pushed by an
// enrolled tablet (Erika and Anna signed in on it), read by Anna on the staff screens and pulled
// back by the tablet.
// - every audited staff read writes its line, with Anna as the actor and the right subject;
// - a pull that delivered entries, partners or a route writes one line (the tablet as actor,
//   the signed-in people's ids, counts per kind); a pull with nothing personal writes nothing;
// - no line holds the protected content: a distinctive partner name, phone and notes are in
//   none of them;
// - staff of another quarter see none of these lines; HEAD writes nothing;
// - the log pages by (instant, id) through lines of one instant, changes and reads apart;
// - every staff GET says what it audits (STAFF_ENDPOINTS), and each action said is tested.
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { expect, it } from 'vitest';
import type { Database } from '../../server/db/tables';
import { listAudit, recordAudit } from '../../server/repos/audit.repo';
import {
  isReadAction,
  OLDER_READ_ACTIONS,
  READ_ACTIONS,
} from '../../src/shared/staff/audit-actions';
import { STAFF_ENDPOINTS, STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import { auditResponseSchema, type AuditResponse } from '../../src/shared/staff/staff-people';
import {
  observationArgs,
  partnerArgs,
  partnerCallArgs,
  trackPoints,
  walkArgs,
  walkTrack,
} from './support/entry-mutations';
import { QUARTER } from './support/fixtures';
import { enrolDevice } from './support/identity-fixtures';
import { pullAs, pullRaw } from './support/pull-fixtures';
import { pushAs } from './support/push-fixtures';
import { useReportWorld, VOLUNTEER_NAME } from './support/report-world';
import { describeEachDialect } from './support/test-database';

/** What the audit log must never hold: a partner's name and phone, notes, a call's partner. */
const SECRETS = {
  partnerName: 'Frau Quilzbeth',
  phone: '0170 5550199',
  partnerNote: 'Geheimnotiz Xylophon',
  callPartner: 'Herr Quappendorf',
  concernNote: 'Braucht Hilfe beim Zwiebelkuchen',
  observationNote: 'Wackelige Bank vor Hausnummer 17',
};

/** The week of `WHEN` (2026-11-25), where the pushed entries lie. */
const WEEK = '2026-W48';

const allLines = (db: Kysely<Database>) =>
  db.selectFrom('audit_log').selectAll().orderBy('at').orderBy('id').execute();

/** The quarter's read lines, oldest first. */
async function readLines(db: Kysely<Database>) {
  return (await listAudit(db, QUARTER.id, { show: 'reads' })).reverse();
}

describeEachDialect('who read what', (dialect) => {
  const world = useReportWorld(dialect);

  /** Erika's call with a concern, her walk with a route and an observation, her partner. */
  async function pushPersonalData() {
    const { push, app, tablet, erika } = world();
    await push([
      {
        kind: 'partner',
        author: 'anna',
        args: partnerArgs('p1', [erika], {
          name: SECRETS.partnerName,
          phone: SECRETS.phone,
          note: SECRETS.partnerNote,
        }),
      },
      {
        kind: 'call',
        args: partnerCallArgs('c1', 'p1', {
          partner: SECRETS.callPartner,
          concern: true,
          note: SECRETS.concernNote,
        }),
      },
      { kind: 'walk', args: walkArgs('w1') },
      { kind: 'observation', args: observationArgs('o1', 'w1', { note: SECRETS.observationNote }) },
    ]);
    const track = await pushAs(app, tablet.authorization, {
      clientId: 'client-track',
      mutations: [walkTrack(1, erika, 'w1', 0, trackPoints(3))],
    });
    expect(track.statusCode, track.body).toBe(200);
  }

  async function expectNoSecrets() {
    const text = JSON.stringify(await allLines(world().db));
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  }

  it('each staff read of personal data leaves its line: Anna, the subject, counts only', async () => {
    const { get, db, anna } = world();
    await pushPersonalData();
    // Nothing read yet: pushing is no read.
    expect(await readLines(db)).toEqual([]);

    const shown = [
      await get('/partners'),
      await get('/people'),
      await get(`/week?week=${WEEK}`),
      await get('/entries/c1/history'),
    ];
    for (const response of shown) expect(response.statusCode, response.body).toBe(200);
    // The answers do carry what the lines must not.
    expect(shown[0]?.body).toContain(SECRETS.phone);
    expect(shown[2]?.body).toContain(SECRETS.concernNote.slice(0, 20));
    expect(shown[3]?.body).toContain(SECRETS.concernNote);

    const lines = await readLines(db);
    expect(
      lines.map((line) => ({
        action: line.action,
        actor: [line.actor_user_id, line.actor_name],
        subject: [line.subject_type, line.subject_id],
        detail: JSON.parse(line.detail) as unknown,
      })),
    ).toEqual([
      {
        action: 'read.partners',
        actor: [anna, 'Anna S.'],
        subject: ['quarter', QUARTER.id],
        detail: { counts: { partners: 1 } },
      },
      {
        action: 'read.people',
        actor: [anna, 'Anna S.'],
        subject: ['quarter', QUARTER.id],
        detail: { counts: { people: 2 } },
      },
      {
        action: 'read.week',
        actor: [anna, 'Anna S.'],
        subject: ['week', WEEK],
        // The concern (the call's partner and note), and the walk with its guide and route.
        detail: { counts: { attention: 1, walks: 1 } },
      },
      {
        action: 'read.entry_history',
        actor: [anna, 'Anna S.'],
        subject: ['entry', 'c1'],
        detail: {
          kind: 'call',
          counts: { changes: expect.any(Number) as number },
        },
      },
    ]);
    await expectNoSecrets();
  });

  it('an export of a partner or a person leaves its line: ids and counts only', async () => {
    const { get, db, anna, erika } = world();
    await pushPersonalData();
    const partner = await get('/partners/p1/export');
    const person = await get(`/people/${erika}/export`);
    expect(partner.statusCode, partner.body).toBe(200);
    expect(person.statusCode, person.body).toBe(200);
    // The exports carry what the lines must not.
    expect(partner.body).toContain(SECRETS.phone);
    expect(person.body).toContain(SECRETS.observationNote);
    // Sorted: two reads may share an instant.
    const lines = (await readLines(db)).sort((a, b) => a.action.localeCompare(b.action));
    expect(
      lines.map((line) => ({
        action: line.action,
        actor: line.actor_user_id,
        subject: [line.subject_type, line.subject_id],
        detail: JSON.parse(line.detail) as unknown,
      })),
    ).toEqual([
      {
        action: READ_ACTIONS.exportPartner,
        actor: anna,
        subject: ['partner', 'p1'],
        detail: { counts: { entries: 2 } },
      },
      {
        action: READ_ACTIONS.exportPerson,
        actor: anna,
        subject: ['person', erika],
        detail: {
          counts: expect.objectContaining({ users: 1, entries: 3, walk_track_chunks: 1 }) as object,
        },
      },
    ]);
    await expectNoSecrets();
  });

  it('reads that showed nothing personal write nothing; a failed read writes nothing', async () => {
    const { get, db } = world();
    // No partners yet, a week with nothing that needs a person and no walk, an unknown entry.
    expect((await get('/partners')).statusCode).toBe(200);
    expect((await get('/week?week=2026-W10')).statusCode).toBe(200);
    expect((await get('/entries/nope/history')).statusCode).toBe(404);
    expect((await get('/week?week=2026-W99')).statusCode).toBe(400);
    expect((await get('/catalogue')).statusCode).toBe(200);
    expect((await get('/devices')).statusCode).toBe(200);
    expect((await get('/audit')).statusCode).toBe(200);
    expect(await readLines(db)).toEqual([]);
  });

  it('a pull that delivered personal rows leaves one line; empty and public pulls none', async () => {
    const { app, db, tablet, erika, anna } = world();
    await pushPersonalData();

    const first = await pullAs(app, tablet.authorization);
    expect(first.changes.calls.map((c) => c.id)).toEqual(['c1']);
    const lines = await readLines(db);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      action: 'read.pull',
      actor_user_id: null,
      actor_name: 'Tablet Laden',
      subject_type: 'device',
      subject_id: tablet.deviceId,
    });
    expect(JSON.parse(lines[0]?.detail ?? '{}')).toEqual({
      people: [anna, erika].sort(),
      counts: { calls: 1, walks: 1, observations: 1, partners: 1, tracks: 1 },
    });

    // Nothing new since the cookie: no line. The public pull (catalogue only): no line.
    const again = await pullAs(app, tablet.authorization, { cookie: first.cookie });
    expect(again.reset).toBe(false);
    expect((await pullRaw(app, undefined)).statusCode).toBe(200);
    // A tablet where nobody is signed in gets the catalogue only: no line.
    const empty = await enrolDevice(app, db, QUARTER, 'Tablet Flur');
    const bare = await pullAs(app, empty.authorization);
    expect(bare.changes.activities.length).toBeGreaterThan(0);
    expect(await readLines(db)).toHaveLength(1);

    // A deletion delivers an id, not a person's data: no line either.
    await world().push([{ delete: 'observation', id: 'o1' }]);
    const afterDelete = await pullAs(app, tablet.authorization, { cookie: again.cookie });
    expect(afterDelete.deleted.observations).toEqual(['o1']);
    expect(await readLines(db)).toHaveLength(1);
    await expectNoSecrets();
  });

  it('the Protokoll shows reads apart from changes; another quarter sees none of them', async () => {
    const { get, app, tablet, otherCookie } = world();
    await pushPersonalData();
    await get('/partners');
    await pullAs(app, tablet.authorization);

    const page = async (query: string, cookie?: string): Promise<AuditResponse> => {
      const response = await get(`/audit?${query}`, cookie);
      expect(response.statusCode, response.body).toBe(200);
      return v.parse(auditResponseSchema, response.json());
    };
    const reads = await page('show=reads');
    expect(reads.entries.map((e) => e.action)).toEqual(['read.pull', 'read.partners']);
    // The pull's line names the people by name as of now, the tablet as the actor.
    expect(reads.entries[0]).toMatchObject({
      actorName: 'Tablet Laden',
      subjectType: 'device',
      subjectId: tablet.deviceId,
    });
    expect(reads.entries[0]?.subjectLabel?.split(', ').sort()).toEqual(
      ['Anna S.', VOLUNTEER_NAME].sort(),
    );
    const changes = await page('show=changes');
    expect(changes.entries.length).toBeGreaterThan(0);
    expect(changes.entries.some((e) => isReadAction(e.action))).toBe(false);
    const all = await page('');
    expect(all.entries).toHaveLength(reads.entries.length + changes.entries.length);

    // Olaf, staff of another quarter: none of these lines, whichever list he asks for.
    const ids = new Set(all.entries.map((e) => e.id));
    for (const show of ['', 'show=reads', 'show=changes']) {
      const theirs = await page(show, otherCookie);
      expect(
        theirs.entries.filter((e) => ids.has(e.id)),
        show,
      ).toEqual([]);
      expect(
        theirs.entries.some((e) => e.action === 'read.pull'),
        show,
      ).toBe(false);
    }
    for (const query of ['show=everything', 'beforeId=a%20b']) {
      expect((await get(`/audit?${query}`)).statusCode, query).toBe(400);
    }
  });

  it('a HEAD request (a link checker, a proxy) reads nothing and writes nothing', async () => {
    const { app, db, cookie } = world();
    await pushPersonalData();
    const before = (await allLines(db)).length;
    for (const path of ['/partners', '/people', `/week?week=${WEEK}`, '/entries/c1/history']) {
      const response = await app.inject({
        method: 'HEAD',
        url: `${STAFF_PREFIX}${path}`,
        headers: { cookie },
      });
      expect(response.statusCode, path).toBe(404);
    }
    expect(await allLines(db)).toHaveLength(before);
  });

  it('pages by instant and id: lines of one instant are neither skipped nor repeated', async () => {
    const { get, db } = world();
    const at = new Date('2026-12-01T10:00:00.000Z');
    // Seven lines of one instant (tablets pulling at once), reads and changes mixed.
    for (let i = 0; i < 7; i++) {
      await recordAudit(
        db,
        {
          quarterId: QUARTER.id,
          actor: { userId: null, name: 'Tablet' },
          action: i % 3 === 0 ? 'activity.update' : 'read.pull',
          subjectType: 'device',
          subjectId: `d${i}`,
        },
        at,
      );
    }
    const walk = async (show: string) => {
      const seen: string[] = [];
      let query = `show=${show}&limit=2`;
      for (;;) {
        const page = v.parse(auditResponseSchema, (await get(`/audit?${query}`)).json());
        expect(page.entries.length).toBeLessThanOrEqual(2);
        seen.push(...page.entries.map((e) => e.id));
        if (page.nextBefore === null) return seen;
        query =
          `show=${show}&limit=2&before=${encodeURIComponent(page.nextBefore)}` +
          `&beforeId=${page.nextBeforeId}`;
      }
    };
    const byId = (show: 'reads' | 'changes' | 'all') =>
      listAudit(db, QUARTER.id, { show }).then((rows) => rows.map((row) => row.id));
    const reads = await walk('reads');
    expect(reads).toHaveLength(4);
    expect(reads).toEqual(await byId('reads'));
    // The changes: three of the instant, and Anna's sign-in.
    const changes = await walk('changes');
    expect(changes).toHaveLength(4);
    expect(changes).toEqual(await byId('changes'));
    expect(await walk('all')).toEqual(await byId('all'));
  });
});

it('every staff GET says what its read leaves in the audit log, and every action is tested', () => {
  const gets = STAFF_ENDPOINTS.filter((endpoint) => endpoint.method === 'GET');
  for (const endpoint of gets) expect(endpoint.reads, endpoint.path).toBeDefined();
  const said = gets.flatMap((endpoint) =>
    endpoint.reads && 'action' in endpoint.reads ? [endpoint.reads.action] : [],
  );
  for (const action of said) expect(isReadAction(action), action).toBe(true);
  // Tested above, and the two older ones in staff-reports.test.ts; a new one needs its test.
  const tested = [
    READ_ACTIONS.partners,
    READ_ACTIONS.people,
    READ_ACTIONS.week,
    READ_ACTIONS.entryHistory,
    READ_ACTIONS.exportPartner,
    READ_ACTIONS.exportPerson,
    ...OLDER_READ_ACTIONS,
  ];
  expect([...said].sort()).toEqual([...tested].sort());
  expect(Object.values(READ_ACTIONS).sort()).toEqual(
    [...tested.filter((a) => a.startsWith('read.')), READ_ACTIONS.pull].sort(),
  );
});
