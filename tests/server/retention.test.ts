// The retention job (issue 11), on SQLite and PostgreSQL, run at a day 200 days after the data
// was written: each kind of data expires on its own period (server/retention/retention-rules.ts
// defaults) and nothing else goes. An old call loses its content and stays counted; a call
// past the notes' period loses its note only; a newer one keeps it; an old walk loses its route
// but keeps its distance; an ended partner goes, an active one stays; the history, the push log
// go; audit lines stay. The tablet, offline across it all, learns every change with its next
// pull. A second run finds nothing and changes no version; two runs at once do no harm.
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { COMMANDS } from '../../server/admin/admin-commands';
import type { Database } from '../../server/db/tables';
import { recordAudit } from '../../server/repos/audit.repo';
import { findQuarter } from '../../server/repos/quarter.repo';
import { readFigureCatalogue } from '../../server/repos/staff-week.repo';
import { ConfigError } from '../../server/config';
import { runRetention } from '../../server/retention/retention.job';
import { loadRetention, RETENTION_RULES } from '../../server/retention/retention-rules';
import { rangeFigures } from '../../server/sync/range-figures';
import { isoWeekOfInstant, isoWeekSpan } from '../../src/domain/iso-week';
import { QUARTER } from './support/fixtures';
import {
  callCreateV3,
  entryCreate,
  entryUpdate,
  partnerArgs,
  partnerCallArgs,
  trackPoints,
  walkArgs,
  walkTrack,
} from './support/entry-mutations';
import { pullAs } from './support/pull-fixtures';
import { staffRequest, useStaffWeekWorld } from './support/staff-week-world';
import { describeEachDialect } from './support/test-database';

const DAY = 86_400_000;
const DEFAULTS = loadRetention({});
const A1 = { id: 'a1', name: 'Bewegungstreff', themeName: 'Fit fürs Alter' };

async function entryRow(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('entries')
    .selectAll()
    .where('quarter_id', '=', QUARTER.id)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

describeEachDialect('the retention job', (dialect) => {
  const world = useStaffWeekWorld(dialect);

  it('deletes each kind of data on its day, keeps what is counted, and tells the tablet', async () => {
    const { app, db, tablet, shop, next, pushOk, erika, anna, petraCookie } = world();
    const runAt = new Date(Date.now() + 200 * DAY);
    const before = (days: number) => new Date(runAt.getTime() - days * DAY).toISOString();
    const call = (id: string, daysBefore: number) =>
      callCreateV3(next(tablet), erika, {
        ...partnerCallArgs(id, null, { occurredAt: before(daysBefore), durationMinutes: 15 }),
        activity: A1,
        concern: true,
        note: `Notiz zu ${id}: braucht Hilfe beim Einkaufen`,
      });
    await pushOk(tablet, [
      call('c-old', 800),
      call('c-mid', 300),
      call('c-new', 100),
      // A minute short of the notes' period at the run: kept, until a run two minutes later.
      callCreateV3(next(tablet), erika, {
        ...partnerCallArgs('c-edge', null, {
          occurredAt: new Date(Date.parse(before(183)) + 60_000).toISOString(),
        }),
        note: 'Notiz am Stichtag',
      }),
      entryCreate(
        'walk',
        next(tablet),
        erika,
        walkArgs('w-old', { occurredAt: before(100), distanceMetres: 1800 }),
      ),
      walkTrack(next(tablet), erika, 'w-old', 0, trackPoints(10)),
      entryCreate('walk', next(tablet), erika, walkArgs('w-new', { occurredAt: before(30) })),
      walkTrack(next(tablet), erika, 'w-new', 0, trackPoints(10)),
    ]);
    await pushOk(tablet, [
      entryUpdate('call', next(tablet), erika, 'c-old', 1, { durationMinutes: 20 }),
      // Its old value is history of its own, which goes after 90 days while the call stays.
      entryUpdate('call', next(tablet), erika, 'c-new', 1, { durationMinutes: 25 }),
    ]);
    await pushOk(shop, [
      entryCreate('partner', next(shop), anna, partnerArgs('p-ended', [erika])),
      entryCreate('partner', next(shop), anna, {
        ...partnerArgs('p-active', [erika]),
        name: 'Herr B.',
      }),
    ]);
    await pushOk(shop, [
      entryUpdate('partner', next(shop), anna, 'p-ended', null, { status: 'ended' }),
    ]);
    const followUp = await staffRequest(app, petraCookie, 'PUT', '/follow-ups/concern/c-old', {
      expectedVersion: 0,
      ownerUserId: null,
      dueDate: null,
      status: 'in_progress',
      note: 'Tochter angerufen',
    });
    expect(followUp.statusCode, followUp.body).toBe(200);
    const firstPull = await pullAs(app, tablet.authorization);
    expect(firstPull.changes.calls.map((c) => c.id).sort()).toEqual([
      'c-edge',
      'c-mid',
      'c-new',
      'c-old',
    ]);
    const catalogue = await readFigureCatalogue(db, QUARTER.id);
    const oldWeek = isoWeekSpan(isoWeekOfInstant(Date.parse(before(800))));
    const figuresBefore = await rangeFigures(db, QUARTER.id, oldWeek, catalogue);
    expect(figuresBefore.total).toMatchObject({ callsReached: 1, concerns: 1, volunteers: 1 });
    const auditBefore = await db.selectFrom('audit_log').select('id').execute();
    // Lines 400 days old: reads go after 365 days (an export counts as a read), changes stay.
    for (const action of ['read.pull', 'export.csv', 'theme.update']) {
      await recordAudit(
        db,
        {
          quarterId: QUARTER.id,
          actor: { userId: null, name: 'alt' },
          action,
          subjectType: 'x',
          subjectId: action,
          detail: {},
        },
        new Date(runAt.getTime() - 400 * DAY),
      );
    }

    const report = await runRetention(db, DEFAULTS, runAt);

    expect(report).toMatchObject({ entries: 1, notes: 1, endedPartners: 1, routes: 1 });
    expect(report.history).toBeGreaterThan(0);
    expect(report.pushLog).toBeGreaterThan(0);
    // The old call: a tombstone for devices, nothing of what it said, still counted.
    const old = await entryRow(db, 'c-old');
    expect(old).toMatchObject({ deleted: 1, conflict: 0, concern: 1, fig_seconds: 20 * 60 });
    expect(JSON.parse(old.fields)).toEqual({ activity: A1 });
    expect(await rangeFigures(db, QUARTER.id, oldWeek, catalogue)).toEqual(figuresBefore);
    expect(await db.selectFrom('follow_ups').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('entry_history').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('mutation_log').selectAll().execute()).toEqual([]);
    // Past the notes' period: the note goes, the call stays.
    const mid = await entryRow(db, 'c-mid');
    expect(mid.deleted).toBe(0);
    expect(JSON.parse(mid.fields)).toMatchObject({ note: '', durationMinutes: 15, activity: A1 });
    expect(JSON.parse((await entryRow(db, 'c-new')).fields).note).toBe(
      'Notiz zu c-new: braucht Hilfe beim Einkaufen',
    );
    // The old walk's route goes, its distance stays; the newer walk keeps its route.
    const chunks = await db.selectFrom('walk_track_chunks').select('walk_id').execute();
    expect(chunks.map((c) => c.walk_id)).toEqual(['w-new']);
    expect(JSON.parse((await entryRow(db, 'w-old')).fields)).toMatchObject({
      distanceMetres: 1800,
    });
    // The ended partner goes with all it said; the active one stays.
    const ended = await entryRow(db, 'p-ended');
    expect([ended.deleted, ended.fields]).toEqual([1, '{}']);
    expect((await entryRow(db, 'p-active')).deleted).toBe(0);
    // Audit lines: the old reads went, the old change and the newer lines stay.
    const audit = await db.selectFrom('audit_log').select(['id', 'subject_id']).execute();
    expect(audit.filter((line) => line.subject_id === 'theme.update')).toHaveLength(1);
    expect(audit.map((line) => line.subject_id)).not.toContain('read.pull');
    expect(audit.map((line) => line.subject_id)).not.toContain('export.csv');
    expect(audit.length).toBe(auditBefore.length + 1);
    expect(report).toMatchObject({ readAudit: 2, audit: 0 });
    // Nothing left anywhere of the expired words.
    const all = JSON.stringify(await db.selectFrom('entries').select('fields').execute());
    expect(all).not.toContain('Notiz zu c-old');
    expect(all).not.toContain('Notiz zu c-mid');

    // The tablet, offline across it all, learns it from its next pull.
    const later = await pullAs(app, tablet.authorization, { cookie: firstPull.cookie });
    expect(later.deleted.calls).toEqual(['c-old']);
    expect(later.deleted.partners).toEqual(['p-ended']);
    expect(later.changes.calls.map((c) => [c.id, c.note])).toEqual([['c-mid', '']]);

    // The period ends to the minute.
    expect(JSON.parse((await entryRow(db, 'c-edge')).fields).note).toBe('Notiz am Stichtag');
    const twoMinutesLater = new Date(runAt.getTime() + 120_000);
    expect((await runRetention(db, DEFAULTS, twoMinutesLater)).notes).toBe(1);
    expect(JSON.parse((await entryRow(db, 'c-edge')).fields).note).toBe('');

    // Nothing more is due: a second run changes nothing, not even the version.
    const version = (await findQuarter(db, QUARTER.id))?.version;
    const again = await runRetention(db, DEFAULTS, twoMinutesLater);
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    expect((await findQuarter(db, QUARTER.id))?.version).toBe(version);
  });

  it('npm run admin -- retention runs it now and says what went, kind by kind', async () => {
    const { db, tablet, next, pushOk, erika } = world();
    await pushOk(tablet, [
      callCreateV3(next(tablet), erika, {
        ...partnerCallArgs('c-old', null, { occurredAt: new Date().toISOString() }),
        note: 'alt',
      }),
    ]);
    const lines = await COMMANDS.retention!(
      { db, defaultQuarter: undefined, retention: DEFAULTS, now: new Date(Date.now() + 800 * DAY) },
      { positionals: [] },
    );
    expect(lines[0]).toBe('Gelöscht, was seine Frist überschritten hat (docs/loeschkonzept.md):');
    expect(lines).toContain('  Einträge ohne Inhalt (nur noch gezählt) (nach 730 Tagen): 1');
    expect(lines).toContain('  Notizen in Einträgen geleert (nach 183 Tagen): 0');
    expect(lines).toHaveLength(1 + Object.keys(DEFAULTS).length);
    expect((await entryRow(db, 'c-old')).deleted).toBe(1);
  });

  it('two runs at once (two server processes) do the work once, without an error', async () => {
    const { db, tablet, next, pushOk, erika } = world();
    const runAt = new Date(Date.now() + 1000 * DAY);
    await pushOk(
      tablet,
      Array.from({ length: 30 }, (_, i) =>
        callCreateV3(next(tablet), erika, {
          ...partnerCallArgs(`c${i}`, null, { occurredAt: new Date().toISOString() }),
          note: 'alt',
        }),
      ),
    );
    const [one, two] = await Promise.all([
      runRetention(db, DEFAULTS, runAt),
      runRetention(db, DEFAULTS, runAt),
    ]);
    expect(one.entries + two.entries).toBe(30);
    const live = await db.selectFrom('entries').select('id').where('deleted', '=', 0).execute();
    expect(live).toEqual([]);
  });
});

it('periods come from RETENTION_<KIND>_DAYS; a bad or too short one stops the start', () => {
  expect(DEFAULTS).toEqual({
    notes: 183,
    entries: 730,
    history: 90,
    endedPartners: 183,
    routes: 90,
    pushLog: 90,
    audit: 730,
    readAudit: 365,
  });
  expect(
    loadRetention({ RETENTION_NOTES_DAYS: '30', RETENTION_ROUTES_DAYS: ' 14 ' }),
  ).toMatchObject({ notes: 30, routes: 14, entries: 730 });
  for (const bad of ['-1', '1.5', 'zwei', '3', '99999']) {
    expect(() => loadRetention({ RETENTION_NOTES_DAYS: bad })).toThrow(ConfigError);
  }
  expect(() => loadRetention({ RETENTION_ENTRIES_DAYS: '10' })).toThrow(
    /RETENTION_ENTRIES_DAYS muss eine ganze Zahl von Tagen sein, mindestens 30/,
  );
  expect(RETENTION_RULES.notes.minDays).toBe(7);
});
