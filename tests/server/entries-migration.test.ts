// Migration 0008 (one entries table) on a copy of a database full of calls, as an operator would
// try it before upgrading, on SQLite and PostgreSQL: built at 0007 with more calls and history
// rows than one batch of the copy holds (a deleted call, calls without activity, unreached,
// flagged, in two quarters), copied, and the copy migrated. Every call and history row arrives
// unchanged, the original is untouched, the default topics come with a new quarter version,
// a pull brings the same call records the 0007 server sent, and down() brings the calls back
// (and refuses while advice sessions exist).
import type { FastifyInstance } from 'fastify';
import { Migrator, type Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MIGRATIONS, migrateToLatest } from '../../server/db/migrate';
import type { Database } from '../../server/db/tables';
import { createQuarter } from '../../server/repos/quarter.repo';
import { createUser, setUserPin } from '../../server/repos/user.repo';
import { viewFingerprint } from '../../server/sync/device-view';
import { encodeCookie, parseCookie } from '../../server/sync/pull-cookie';
import { formatIsoWeekId, isoWeekOfInstant } from '../../src/domain/iso-week';
import { adviceCreate } from './support/entry-mutations';
import { QUARTER } from './support/fixtures';
import { enrolDevice, OTHER_QUARTER } from './support/identity-fixtures';
import { pullAs } from './support/pull-fixtures';
import { pushAs, signInOn, TEST_PIN } from './support/push-fixtures';
import { buildTestApp } from './support/test-app';
import {
  copyTestDatabase,
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from './support/test-database';

const BEFORE = '0007-sign-in-guard';
const AT = '2030-01-01T00:00:00.000Z';
/** More than the migration copies per batch (500), so the copy runs in several. */
const CALLS_PER_QUARTER = 620;
const HISTORY_ROWS = 1_100;

/** The tables as 0007 has them, without today's types. */
type Rows = Record<string, unknown>[];
type Untyped = Kysely<Record<string, Record<string, unknown>>>;
const untyped = (db: Kysely<Database>) => db as unknown as Untyped;

function migrator(db: Kysely<Database>) {
  return new Migrator({ db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
}

async function insertAll(db: Untyped, table: string, rows: Rows): Promise<void> {
  for (let start = 0; start < rows.length; start += 100) {
    await db
      .insertInto(table)
      .values(rows.slice(start, start + 100))
      .execute();
  }
}

/** The calls of one quarter: every variant a 0007 database can hold. */
function callsOf(quarterId: string, authors: string[], devices: string[]): Rows {
  return Array.from({ length: CALLS_PER_QUARTER }, (_, i) => ({
    quarter_id: quarterId,
    id: `${quarterId}-call-${String(i).padStart(4, '0')}`,
    author_user_id: authors[i % authors.length],
    device_id: devices[i % devices.length],
    occurred_at: new Date(Date.UTC(2030, 0, 1) + i * 3_600_000).toISOString(),
    partner: ['Frau K.', 'Herr Müller', 'Ingrid'][i % 3],
    duration_minutes: i % 600,
    concern: i % 4 === 0 ? 1 : 0,
    note: i % 5 === 0 ? 'Zeile 1\nZeile 2\tmit Tab 😀' : '',
    activity_id: i % 3 === 0 ? null : `a${i % 7}`,
    activity_name: i % 3 === 0 ? null : 'Bewegungstreff',
    // Stored before names were required: a missing theme name reads as ''.
    theme_name: i % 3 === 0 || i % 10 === 1 ? null : 'Fit fürs Alter',
    reached: i % 5 === 2 ? 0 : 1,
    conflict: i % 7 === 3 ? 1 : 0,
    created_at: AT,
    version: i + 1,
    deleted: i % 11 === 5 ? 1 : 0,
    updated_at: AT,
  }));
}

function historyOf(calls: Rows): Rows {
  return Array.from({ length: HISTORY_ROWS }, (_, i) => {
    const call = calls[i % calls.length] ?? {};
    return {
      quarter_id: call.quarter_id,
      call_id: call.id,
      field: ['note', 'partner', 'activity'][i % 3],
      old_value: JSON.stringify(i % 3 === 2 ? null : `alt ${i}`),
      new_value: JSON.stringify(i % 3 === 2 ? { id: 'a1', name: 'x', themeName: 'y' } : `neu`),
      version: i + 1,
      author_user_id: call.author_user_id,
      device_id: call.device_id,
      client_id: `client-${i % 3}`,
      seq: i + 1,
      conflict: i % 9 === 0 ? 1 : 0,
      recorded_at: AT,
    };
  });
}

/** What 0008 must make of a call row (the spec, written out independently of the migration). */
function expectedEntry(call: Record<string, unknown>) {
  const { partner, duration_minutes, note, activity_id, activity_name, theme_name, reached } = call;
  return {
    quarter_id: call.quarter_id,
    id: call.id,
    kind: 'call',
    author_user_id: call.author_user_id,
    device_id: call.device_id,
    occurred_at: call.occurred_at,
    concern: call.concern,
    conflict: call.conflict,
    fields: {
      partner,
      durationMinutes: duration_minutes,
      note,
      activity:
        activity_id === null
          ? null
          : { id: activity_id, name: activity_name ?? '', themeName: theme_name ?? '' },
      reached: reached === 1,
    },
    created_at: call.created_at,
    version: call.version,
    deleted: call.deleted,
    updated_at: call.updated_at,
  };
}

/** The record the 0007 server's pull sent for a call (its toCallRecord). */
/** The record a pull sends today of a call migrated from 0007 (no call partner: partnerId null). */
function recordOf0007(call: Record<string, unknown>) {
  const { fields, ...entry } = expectedEntry(call);
  return {
    id: entry.id,
    ...fields,
    partnerId: null,
    occurredAt: entry.occurred_at,
    concern: entry.concern === 1,
    author: entry.author_user_id,
    version: entry.version,
    conflict: entry.conflict === 1,
  };
}

const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a.quarter_id).localeCompare(String(b.quarter_id)) ||
  String(a.id).localeCompare(String(b.id));

describeEachDialect('migration 0008-entries', (dialect) => {
  let original: TestDatabase;
  let copy: TestDatabase | undefined;
  let calls: Rows;
  let history: Rows;
  let people: { erika: string; hans: string; otto: string };

  beforeEach(async () => {
    original = await createTestDatabase(dialect);
    const db = original.db;
    expect((await migrator(db).migrateTo(BEFORE)).error).toBeUndefined();
    await createQuarter(db, QUARTER);
    await createQuarter(db, OTHER_QUARTER);
    const person = async (name: string, quarterId = QUARTER.id) => {
      const user = await createUser(db, { quarterId, name, role: 'volunteer' });
      if (!user) throw new Error(`could not create ${name}`);
      return user.id;
    };
    people = {
      erika: await person('Erika M.'),
      hans: await person('Hans K.'),
      otto: await person('Otto', OTHER_QUARTER.id),
    };
    const old = untyped(db);
    const device = (id: string, quarterId: string) => ({
      id,
      quarter_id: quarterId,
      credential_hash: 'h',
      label: id,
      created_at: AT,
    });
    await insertAll(old, 'devices', [
      device('d1', QUARTER.id),
      device('d2', QUARTER.id),
      device('d3', OTHER_QUARTER.id),
    ]);
    calls = [
      ...callsOf(QUARTER.id, [people.erika, people.hans], ['d1', 'd2']),
      ...callsOf(OTHER_QUARTER.id, [people.otto], ['d3']),
    ];
    history = historyOf(calls);
    await insertAll(old, 'calls', calls);
    await insertAll(old, 'call_history', history);
    await old.updateTable('quarters').set({ version: CALLS_PER_QUARTER }).execute();
    copy = await copyTestDatabase(original);
  });

  afterEach(async () => {
    await copy?.drop();
    await original.drop();
    copy = undefined;
  });

  const target = () => {
    if (!copy) throw new Error('no copy');
    return copy.db;
  };

  it('moves every call and history row into entries unchanged, on the copy only', async () => {
    const db = target();
    const moved = await migrator(db).migrateTo('0008-entries');
    expect(moved.results?.map((result) => result.migrationName)).toEqual(['0008-entries']);

    const entries = await db.selectFrom('entries').selectAll().execute();
    expect(entries.length).toBe(2 * CALLS_PER_QUARTER);
    const parsed = entries
      .map((entry) => ({ ...entry, fields: JSON.parse(entry.fields) as unknown }))
      .sort(byKey);
    expect(parsed).toEqual([...calls].sort(byKey).map(expectedEntry));

    const copied = await db.selectFrom('entry_history').selectAll().execute();
    const key = (row: Record<string, unknown>) => `${row.client_id} ${row.seq} ${row.field}`;
    const sorted = (rows: Rows) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
    expect(sorted(copied)).toEqual(
      sorted(history.map(({ call_id, ...row }) => ({ ...row, entry_id: call_id }))),
    );

    const tables = (await db.introspection.getTables()).map((table) => table.name);
    expect(tables).not.toContain('calls');
    expect(tables).not.toContain('call_history');
    // The original stays as it was: 0007, its calls in place.
    const source = untyped(original.openAnother());
    expect(await source.selectFrom('calls').selectAll().execute()).toHaveLength(calls.length);
    expect(await source.selectFrom('call_history').selectAll().execute()).toHaveLength(
      history.length,
    );
  });

  it('0009 fills the figure columns of every live call from its fields and its time', async () => {
    const db = target();
    await migrateToLatest(db);
    const rows = await db
      .selectFrom('entries')
      .select(['id', 'fig_activity_id', 'fig_reached', 'fig_seconds', 'fig_participants'])
      .select('fig_week')
      .where('deleted', '=', 0)
      .execute();
    const live = calls.filter((call) => call.deleted === 0);
    expect(rows.length).toBe(live.length);
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const call of live) {
      expect(byId.get(call.id as string)).toEqual({
        id: call.id,
        fig_activity_id: call.activity_id,
        fig_reached: call.reached,
        fig_seconds: (call.duration_minutes as number) * 60,
        fig_participants: 0,
        // Hourly calls from Tuesday 1 January 2030: every Monday 00:00 in Berlin is crossed.
        fig_week: formatIsoWeekId(isoWeekOfInstant(Date.parse(call.occurred_at as string))),
      });
    }
  });

  it('gives every quarter the default topics with a version of their own', async () => {
    const db = target();
    await migrateToLatest(db);
    const quarters = await db.selectFrom('quarters').select(['id', 'version']).execute();
    expect(quarters.map((quarter) => quarter.version)).toEqual([
      CALLS_PER_QUARTER + 1,
      CALLS_PER_QUARTER + 1,
    ]);
    for (const quarter of quarters) {
      const topics = await db
        .selectFrom('topics')
        .selectAll()
        .where('quarter_id', '=', quarter.id)
        .orderBy('number')
        .execute();
      expect(topics.map((topic) => topic.name)).toEqual([
        'Wohnen',
        'Pflege und Gesundheit',
        'Geld und Anträge',
        'Einsamkeit und Kontakte',
        'Mobilität',
        'Digitales',
        'Recht und Behörden',
        'Sonstiges',
      ]);
      expect(new Set(topics.map((topic) => topic.version))).toEqual(new Set([quarter.version]));
    }
  });

  it('pulls the same call records as before, and brings the topics to a device at the old head', async () => {
    const db = target();
    await migrateToLatest(db);
    const app: FastifyInstance = (await buildTestApp(db)).app;
    await setUserPin(db, QUARTER.id, 'Erika M.', TEST_PIN);
    await setUserPin(db, QUARTER.id, 'Hans K.', TEST_PIN);
    const tablet = await enrolDevice(app, db, QUARTER);
    await signInOn(app, tablet.authorization, 'Erika M.');
    await signInOn(app, tablet.authorization, 'Hans K.');

    const inQuarter = calls
      .filter((call) => call.quarter_id === QUARTER.id)
      .sort((a, b) => Number(a.version) - Number(b.version));
    const full = await pullAs(app, tablet.authorization);
    expect(full.changes.calls).toEqual(
      inQuarter.filter((call) => call.deleted === 0).map(recordOf0007),
    );
    expect(full.changes.advice).toEqual([]);
    expect(full.changes.topics).toHaveLength(8);

    // A device that pulled at 0007's head (the same people signed in) continues incrementally:
    // it gets the topics and nothing else.
    const cookie = parseCookie(full.cookie);
    if (!cookie?.view) throw new Error('no cookie');
    const view = viewFingerprint([
      { id: people.erika, role: 'volunteer' },
      { id: people.hans, role: 'volunteer' },
    ]);
    expect(cookie.view).toBe(view);
    const atOldHead = encodeCookie({ ...cookie, view, version: CALLS_PER_QUARTER });
    const next = await pullAs(app, tablet.authorization, { cookie: atOldHead });
    expect(next).toMatchObject({ reset: false, head: CALLS_PER_QUARTER + 1 });
    expect(next.changes.topics).toHaveLength(8);
    expect(next.changes.calls).toEqual([]);
    // From the very beginning, the tombstones of deleted calls go out as before.
    const fromStart = encodeCookie({ ...cookie, view, version: 0 });
    const all = await pullAs(app, tablet.authorization, { cookie: fromStart });
    expect(all.deleted.calls).toEqual(
      inQuarter.filter((call) => call.deleted === 1).map((call) => call.id),
    );
  });

  it('goes down to 0007 with the same calls, and refuses while advice sessions exist', async () => {
    const db = target();
    await migrateToLatest(db);
    const down = await migrator(db).migrateTo(BEFORE);
    expect(down.error).toBeUndefined();
    const back = untyped(db);
    const sortedCalls = (rows: Rows) => [...rows].sort(byKey);
    // As a pull read them: an activity's missing names come back as '' (what devices got).
    // A deleted call comes back empty: 0010 took its content and its history (issue 11).
    const emptied = {
      partner: '',
      duration_minutes: 0,
      note: '',
      concern: 0,
      conflict: 0,
      activity_id: null,
      activity_name: null,
      theme_name: null,
      reached: 1,
    };
    const asPulled = calls.map((call) =>
      call.deleted === 1
        ? { ...call, ...emptied }
        : call.activity_id === null
          ? call
          : { ...call, activity_name: call.activity_name ?? '', theme_name: call.theme_name ?? '' },
    );
    expect(sortedCalls(await back.selectFrom('calls').selectAll().execute())).toEqual(
      sortedCalls(asPulled),
    );
    const deletedIds = new Set(calls.filter((call) => call.deleted === 1).map((call) => call.id));
    expect(await back.selectFrom('call_history').selectAll().execute()).toHaveLength(
      history.filter((row) => !deletedIds.has(row.call_id)).length,
    );

    await migrateToLatest(db);
    const app = (await buildTestApp(db)).app;
    await setUserPin(db, QUARTER.id, 'Erika M.', TEST_PIN);
    const tablet = await enrolDevice(app, db, QUARTER);
    await signInOn(app, tablet.authorization, 'Erika M.');
    const pushed = await pushAs(app, tablet.authorization, {
      clientId: 'c-advice',
      mutations: [adviceCreate(1, people.erika)],
    });
    expect(pushed.json()).toMatchObject({ lastSeq: 1, rejected: [] });
    const refused = await migrator(db).migrateTo(BEFORE);
    expect(String((refused.error as Error | undefined)?.message)).toMatch(
      /cannot go down: the database holds entries of kind "advice"/,
    );
    expect(await db.selectFrom('entries').select('id').execute()).toHaveLength(
      2 * CALLS_PER_QUARTER + 1,
    );
    expect((await db.introspection.getTables()).map((table) => table.name)).toContain('topics');
  });
});
