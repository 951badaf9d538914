import type { FastifyInstance } from 'fastify';
import { sql, type KyselyPlugin } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src/shared/protocol';
import { formatDateTime } from '../../server/console-text';
import { DEFAULT_TOPICS } from '../../server/quarters/default-topics';
import { demoExceptions } from '../../server/demo/demo-data';
import { demoEnrolment } from '../../server/demo/demo-enrolment';
import { removeExampleData } from '../../server/demo/remove-examples';
import { seedDemoData } from '../../server/demo/seed';
import { upsertActivity, upsertInstitution } from '../../server/repos/catalogue.repo';
import { countQuarters, createQuarter, findQuarter } from '../../server/repos/quarter.repo';
import { DEMO_QUARTER } from '../../server/demo/demo-facts';
import { DEMO_USERS } from '../../server/demo/demo-users';
import { CONSOLE_NAME } from '../../server/repos/console-identity.repo';
import { flaggedPartners } from '../../server/sync/partner-overview';
import { berlinWallClock } from '../../src/domain/dates';
import { routeDistance } from '../../src/domain/route-geometry';
import { pinProblem } from '../../src/shared/pin-rules';
import { enrolDevice, rememberSession } from './support/identity-fixtures';
import { pullAs } from './support/pull-fixtures';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const NOW = new Date('2026-11-25T10:00:00Z');
/** 00:20 on 25 November in Berlin. */
const JUST_AFTER_MIDNIGHT = new Date('2026-11-24T23:20:00Z');

const THEME_NAMES = [
  'Integration benachteiligter Menschen mit und ohne Migrationshintergrund',
  'Gemeinschaftliche Sozialraumerkundung',
  'Fit fürs Alter',
  'Beratung und Unterstützung im sozialen Nahraum',
  'Nachbarschaftliche Öffnung von sozialen und kommerziellen Einrichtungen',
];

describe('demo exceptions', () => {
  it('lie in the near future: 24.12., 31.12. and a Saturday special opening', () => {
    const exceptions = demoExceptions(NOW);
    expect(exceptions.map((e) => [e.date, e.closed])).toEqual([
      ['2026-12-12', false],
      ['2026-12-24', true],
      ['2026-12-31', true],
    ]);
  });

  it('roll over to next year after New Year’s Eve, in Berlin time', () => {
    // 23:30 UTC on 31.12. is already 1 January in Berlin.
    const dates = demoExceptions(new Date('2026-12-31T23:30:00Z')).map((e) => e.date);
    expect(dates).toEqual(['2027-01-16', '2027-12-24', '2027-12-31']);
  });
});

describeEachDialect('demo data', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance;
  let authorization: string | undefined;

  beforeEach(async () => {
    app = (await buildTestApp(fresh().db)).app;
    authorization = undefined;
  });

  /** Pulls as a device of the demo quarter, enrolled on the first pull (after the seed). */
  async function pull(cookie?: string): Promise<PullResponse> {
    authorization ??= (await enrolDevice(app, fresh().db, DEMO_QUARTER)).authorization;
    return pullAs(app, authorization, cookie ? { cookie } : {});
  }

  it('loads the quarter, five themes, the institutions, the topics and 18 example activities', async () => {
    expect(await seedDemoData(fresh().db, NOW)).toBe(true);
    const { quarter, changes, head } = await pull();
    // The demo's own quarter, never a real one (issue 7).
    expect(quarter).toEqual({ id: 'demo', name: 'Demo-Quartier (Beispieldaten)' });
    expect(head).toBe(1);
    expect(changes.themes.sort((a, b) => a.number - b.number).map((t) => t.name)).toEqual(
      THEME_NAMES,
    );
    expect(changes.institutions).toHaveLength(21);
    // The topics of advice sessions every new quarter starts with (not examples).
    const topics = [...changes.topics].sort((a, b) => a.number - b.number);
    expect(topics.map(({ id, number, name }) => ({ id, number, name }))).toEqual(DEFAULT_TOPICS);
    expect(changes.institutions.map((i) => i.name)).toContain(
      'Universität zu Köln, NRW Forschungskolleg GROW',
    );

    const activities = changes.activities;
    expect(activities).toHaveLength(18);
    expect(activities.filter((a) => a.ampel === 'green')).toHaveLength(14);
    expect(activities.every((a) => a.isExample)).toBe(true);
    expect(activities.every((a) => a.ampelCondition.length > 10)).toBe(true);
    expect(new Set(activities.map((a) => a.themeId))).toEqual(
      new Set(changes.themes.map((t) => t.id)),
    );
    const names = activities.map((a) => a.name);
    for (const named of [
      'Begegnungstelefon',
      'Stadtspaziergänge unter neuen Vorzeichen',
      'Sonderöffnungszeit für Senioren im Elektronikmarkt',
      'Beratung und Unterstützung im Laden',
    ]) {
      expect(names).toContain(named);
    }
    const themeOf = (name: string) => activities.find((a) => a.name === name)?.themeId;
    expect(themeOf('Stadtspaziergänge unter neuen Vorzeichen')).toBe('theme-2');
    expect(themeOf('Sonderöffnungszeit für Senioren im Elektronikmarkt')).toBe('theme-5');
    expect(themeOf('Beratung und Unterstützung im Laden')).toBe('theme-4');
    // Every description says the entry (or its details) is an example.
    expect(activities.every((a) => /Beispiel/.test(a.description))).toBe(true);

    expect(changes.storefronts).toEqual([
      expect.objectContaining({
        name: 'Anlaufstelle im Hansa Centrum',
        address: 'Hansa Centrum, Krefeld',
        holidaysClosed: true,
        isExample: true,
      }),
    ]);
    expect(changes.storefronts[0]?.weekly.map((w) => w.weekday)).toEqual([1, 2, 3, 4, 5]);
    expect(changes.openingExceptions).toHaveLength(3);
    expect(changes.openingExceptions.every((e) => e.isExample && e.date > '2026-11-25')).toBe(true);
  });

  it('creates only the demo quarter, with PINs that pass the rules for new PINs', async () => {
    const { db } = fresh();
    expect(await seedDemoData(db, NOW)).toBe(true);
    const quarters = await db.selectFrom('quarters').select(['id', 'name']).execute();
    expect(quarters).toEqual([DEMO_QUARTER]);
    expect(await findQuarter(db, 'krefeld-sued')).toBeUndefined();
    // Everything the seed wrote, people included, is in the demo quarter.
    const tables = [
      'themes',
      'institutions',
      'topics',
      'activities',
      'storefronts',
      'users',
    ] as const;
    for (const table of tables) {
      const rows = await db.selectFrom(table).select('quarter_id').execute();
      expect(rows.length, table).toBeGreaterThan(0);
      expect(new Set(rows.map((row) => row.quarter_id)), table).toEqual(new Set(['demo']));
    }
    for (const user of DEMO_USERS) expect(pinProblem(user.pin), user.name).toBeUndefined();
  });

  it('loads only once, and never into a database that already has a quarter', async () => {
    const { db } = fresh();
    expect(await seedDemoData(db, NOW)).toBe(true);
    expect(await seedDemoData(db, NOW)).toBe(false);
    expect(await countQuarters(db)).toBe(1);
    const { changes, head } = await pull();
    expect(head).toBe(1);
    expect(changes.activities).toHaveLength(18);
    expect(changes.themes).toHaveLength(5);

    await removeExampleData(db, NOW);
    expect(await seedDemoData(db, NOW)).toBe(false);
    expect(await db.selectFrom('users').select('name').execute()).toHaveLength(3 + 1);
    expect((await pull()).changes.activities).toHaveLength(0);
  });

  it('does not load into a database with another quarter', async () => {
    const { db } = fresh();
    await createQuarter(db, { id: 'anders', name: 'Anderes Quartier' });
    expect(await seedDemoData(db, NOW)).toBe(false);
    expect(await findQuarter(db, DEMO_QUARTER.id)).toBeUndefined();
  });

  it('removeExampleData tombstones every example, and the next pull deletes them', async () => {
    const { db } = fresh();
    await seedDemoData(db, NOW);
    const before = await pull();
    // Staff added a real activity meanwhile; it stays.
    await upsertActivity(db, DEMO_QUARTER.id, {
      ...before.changes.activities[0]!,
      id: 'echt',
      name: 'Echtes Angebot',
      isExample: false,
    });

    expect(await removeExampleData(db, NOW)).toEqual({ rows: 18 + 1 + 3, people: 3 });
    const after = await pull(before.cookie);
    expect(after.reset).toBe(false);
    expect(after.head).toBe(3);
    expect(after.deleted.activities.sort()).toEqual(
      before.changes.activities.map((a) => a.id).sort(),
    );
    expect(after.deleted.storefronts).toEqual(['anlaufstelle-hansa-centrum']);
    expect(after.deleted.openingExceptions).toHaveLength(3);
    expect(after.deleted.themes).toEqual([]);
    expect(after.deleted.institutions).toEqual([]);

    const full = await pull();
    expect(full.changes.activities.map((a) => a.id)).toEqual(['echt']);
    expect(full.changes.themes).toHaveLength(5);
    expect(full.changes.institutions).toHaveLength(21);
    expect(full.changes.topics).toHaveLength(DEFAULT_TOPICS.length);

    // Nothing left: no rows, no new version.
    expect(await removeExampleData(db, NOW)).toEqual({ rows: 0, people: 0 });
    expect((await findQuarter(db, DEMO_QUARTER.id))?.version).toBe(3);
  });

  it('removeExampleData survives a write by another process while it starts', async () => {
    const { db } = fresh();
    await seedDemoData(db, NOW);
    const other = fresh().openAnother();
    // Wait briefly, not 5 s: better-sqlite3 waits synchronously, blocking this test's thread.
    if (dialect === 'sqlite') await sql`pragma busy_timeout = 50`.execute(other);
    let interrupted = false;
    // Right after the remover's first read, another process (the running server) writes.
    const interrupting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        if (!interrupted) {
          interrupted = true;
          await upsertInstitution(other, DEMO_QUARTER.id, { id: 'neu', name: 'Neu' }).catch(
            () => undefined, // SQLite: refused while the remover holds the write lock — fine.
          );
        }
        return args.result;
      },
    };
    await expect(removeExampleData(db.withPlugin(interrupting), NOW)).resolves.toEqual({
      rows: 22,
      people: 3,
    });
    expect(interrupted).toBe(true);
  });

  it('creates the demo people as examples, who can sign in with their PINs', async () => {
    const { db } = fresh();
    await seedDemoData(db, NOW);
    const users = await db
      .selectFrom('users')
      .select(['name', 'role', 'is_example', 'disabled_at'])
      .orderBy('name')
      .execute();
    expect(users).toEqual([
      { name: 'Anna Beispiel', role: 'staff', is_example: 1, disabled_at: null },
      { name: 'Erika Beispiel', role: 'volunteer', is_example: 1, disabled_at: null },
      { name: 'Hans Beispiel', role: 'volunteer', is_example: 1, disabled_at: null },
      // Who wrote the demo's call partners: nobody can sign in or push as it.
      { name: CONSOLE_NAME, role: 'admin', is_example: 0, disabled_at: NOW.toISOString() },
    ]);
    const { authorization } = await enrolDevice(app, db, DEMO_QUARTER);
    const signIn = (name: string, pin: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/device/sign-in',
        headers: { authorization },
        payload: { name, pin },
      });
    for (const [name, pin] of [
      ['Erika Beispiel', '3816'],
      ['Hans Beispiel', '5927'],
      ['Anna Beispiel', '7405'],
    ] as const) {
      expect((await signIn(name, pin)).statusCode, name).toBe(200);
    }

    // demo:remove disables them: nobody signs in as them any more.
    await removeExampleData(db, NOW);
    expect((await signIn('Erika Beispiel', '3816')).statusCode).toBe(401);
    const disabled = await db.selectFrom('users').select('disabled_at').execute();
    expect(disabled.every((user) => user.disabled_at === NOW.toISOString())).toBe(true);
  });

  it('gives the demo caller partner cards and calls, and a finished walk with route and observations', async () => {
    const { db } = fresh();
    await seedDemoData(db, JUST_AFTER_MIDNIGHT);
    const { authorization } = await enrolDevice(app, db, DEMO_QUARTER);
    const signIn = async (name: string, pin: string) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/device/sign-in',
        headers: { authorization },
        payload: { name, pin },
      });
      expect(response.statusCode).toBe(200);
      const { userId, session } = response.json<{ userId: string; session: string }>();
      rememberSession(authorization, userId, session);
      return userId;
    };
    const erika = await signIn('Erika Beispiel', '3816');
    const { changes } = await pullAs(app, authorization);
    // In the daytime on a Berlin clock, whenever the server first starts (here just after
    // midnight): calls at 10:15, the walk at 14:30, on the days before.
    const berlin = (iso: string) => {
      const { day, minutes } = berlinWallClock(Date.parse(iso));
      return `${day} ${Math.floor(minutes / 60)}:${minutes % 60}`;
    };
    expect(changes.calls.map((c) => berlin(c.occurredAt))).toEqual([
      '2026-11-19 10:15',
      '2026-11-20 10:15',
      '2026-11-22 10:15',
      '2026-11-24 10:15',
    ]);
    expect(changes.walks.map((w) => berlin(w.occurredAt))).toEqual(['2026-11-23 14:30']);
    expect(changes.partners.map((p) => [p.name, p.status, p.callers.includes(erika)])).toEqual([
      ['Frau K.', 'active', true],
      ['Gisela', 'active', true],
      ['Herr B.', 'active', true],
    ]);
    // Each with a recorded consent, given a few weeks before.
    expect(changes.partners.map((p) => [p.name, p.consentOn, p.consentForm])).toEqual([
      ['Frau K.', '2026-10-21', 'written'],
      ['Gisela', '2026-11-04', 'electronic'],
      ['Herr B.', '2026-10-28', 'oral'],
    ]);
    for (const partner of changes.partners) expect(partner.consentScope).toMatch(/Anrufe/);
    expect(changes.calls.map((c) => [c.partner, c.reached, c.partnerId])).toEqual([
      ['Frau K.', true, 'demo-partner-frau-k'],
      ['Herr B.', false, 'demo-partner-herr-b'],
      ['Herr B.', false, 'demo-partner-herr-b'],
      ['Herr B.', false, 'demo-partner-herr-b'],
    ]);
    expect(changes.walks).toEqual([
      expect.objectContaining({ author: erika, participants: 7, endedAt: expect.any(String) }),
    ]);
    const [walk] = changes.walks;
    const points = changes.tracks.flatMap((track) => track.points);
    expect(changes.tracks.map((t) => [t.walkId, t.chunk])).toEqual([[walk?.id, 0]]);
    expect(points.filter((point) => point.gap)).toHaveLength(1);
    expect(walk?.distanceMetres).toBe(Math.round(routeDistance(points)));
    expect(walk?.distanceMetres).toBeGreaterThan(1000);
    expect(walk?.distanceMetres).toBeLessThan(2000);
    expect(changes.observations.map((o) => [o.walkId, o.category])).toEqual([
      [walk?.id, 'bench'],
      [walk?.id, 'barrier'],
    ]);
    // Herr B. did not answer three times: flagged for staff.
    expect((await flaggedPartners(db, DEMO_QUARTER.id)).map((p) => p.name)).toEqual(['Herr B.']);
    // Hans shares one partner with Erika; on a device of his own he has only her.
    const other = await enrolDevice(app, db, DEMO_QUARTER);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/device/sign-in',
      headers: { authorization: other.authorization },
      payload: { name: 'Hans Beispiel', pin: '5927' },
    });
    const { userId, session } = response.json<{ userId: string; session: string }>();
    rememberSession(other.authorization, userId, session);
    const hans = await pullAs(app, other.authorization);
    expect(hans.changes.partners.map((p) => p.name)).toEqual(['Gisela']);
    expect(hans.changes.walks).toEqual([]);
  });

  it('offers a fresh enrolment code for the demo while its people are active', async () => {
    const { db } = fresh();
    expect(await demoEnrolment(db, NOW)).toBeUndefined();
    await seedDemoData(db, NOW);
    const demo = await demoEnrolment(db);
    expect(demo?.line).toBe(
      `Demo: Gerätecode ${demo?.code} (gültig bis ${formatDateTime(demo?.expiresAt ?? NOW)} Uhr) – ` +
        'Anmelden als „Erika Beispiel“ mit PIN 3816',
    );
    expect(demo?.staffLine).toBe(
      'Team-Ansicht: Anmelden als „Anna Beispiel“ mit dem Passwort Laden-Demo-2026',
    );
    // The code enrols a device of the demo quarter.
    const enrolled = await app.inject({
      method: 'POST',
      url: '/api/v1/enrol',
      payload: { code: demo?.code },
    });
    expect(enrolled.statusCode).toBe(201);
    expect(enrolled.json()).toMatchObject({ quarter: DEMO_QUARTER });
    // Each call is a new code (a code works once).
    expect((await demoEnrolment(db))?.code).not.toBe(demo?.code);

    // Erika disabled by hand: the line names the next demo person still active.
    await db
      .updateTable('users')
      .set({ disabled_at: NOW.toISOString() })
      .where('name', '=', 'Erika Beispiel')
      .execute();
    expect((await demoEnrolment(db))?.line).toMatch(/„Hans Beispiel“ mit PIN 5927$/);
    // Anna locked: nobody to name for the staff screens.
    await db
      .updateTable('users')
      .set({ disabled_at: NOW.toISOString() })
      .where('name', '=', 'Anna Beispiel')
      .execute();
    expect((await demoEnrolment(db))?.staffLine).toBeUndefined();

    await removeExampleData(db, NOW);
    expect(await demoEnrolment(db)).toBeUndefined();
  });
});
