// Staff's week over 1,000,000 entries (issue 10; docs/benchmarks.md, budgets: ≤ 200 ms and
// ≤ 5× a raw GROUP BY), on SQLite and PostgreSQL. One quarter with a million entries over ten
// years (about 1,900 a week: calls, advice, walks, observations; 1 % with a concern, those
// older than eight weeks closed by staff), its catalogue and 40 call partners, written with
// raw multi-row INSERTs (bench/bulk-entries.ts, which fills the figure columns as the push
// does) into a fresh database of the real schema.
// - value (budget): the week's figures — the catalogue and `rangeFigures`
//   (server/sync/range-figures.ts) for the week and the week before, as `staffWeek` calls it —
//   for a few weeks: the newest, a DST week, an ISO week 53, an old one; in-process, no HTTP;
// - baseline: `SELECT kind, count(*) … GROUP BY kind` of the same two weeks over a covering
//   index (quarter_id, occurred_at, kind, deleted) that the bench creates, same connection;
// - reference rows without a budget: the whole service (`staffWeek`, what GET /staff/week
//   answers: figures, what needs a person, walks with routes, owners) and "what needs a
//   person" (`attentionItems`, which looks at every week, so the same for any week).
// SQLite is not ANALYZEd (the server never does it); PostgreSQL is, as its autovacuum would.
// Runs alone too: `npx tsx bench/staff-week-million.ts [sqlite|postgres] [entries]`.
import { pathToFileURL } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { isoWeekSpan, parseIsoWeekId, previousIsoWeek } from '../src/domain/iso-week';
import type { DialectName } from '../server/db/database';
import type { Database } from '../server/db/tables';
import { putActivity, putInstitution, putTheme } from '../server/repos/catalogue.repo';
import { writeInQuarter } from '../server/repos/quarter-version.repo';
import { readFigureCatalogue } from '../server/repos/staff-week.repo';
import { createUser } from '../server/repos/user.repo';
import { attentionItems } from '../server/sync/attention-items';
import { rangeFigures } from '../server/sync/range-figures';
import { staffWeek } from '../server/sync/staff-week.service';
import { median } from './bench-support';
import {
  benchEntries,
  bulkInsert,
  ENTRY_COLUMNS,
  figureRow,
  withoutSecondaryIndexes,
  type ActivitySnapshot,
} from './bulk-entries';
import { startPushServer, type PushServer } from './push-server';
import { markdownTable, ms, yesNo, type Row } from './report';

export const STAFF_WEEK_ENTRIES = 1_000_000;
const BUDGET_MS = 200;
const BUDGET_RATIO = 5;
const WEEKS = ['2026-W48', '2025-W43', '2020-W53', '2018-W20'];
const ROUNDS = 3;
/** A service call slower than this is timed once per week, by its warm-up. */
const SLOW_MS = 2_000;
/** "Now" for the service: the Tuesday after the newest week. */
const NOW = new Date('2026-12-01T10:00:00.000Z');
const FROM = Date.UTC(2016, 11, 5);
const TO = Date.UTC(2026, 10, 30);

export interface StaffWeekResult {
  dialect: DialectName;
  entries: number;
  loadSeconds: number;
  /** The weeks measured (all of WEEKS unless the service took seconds). */
  weeks: string[];
  /** The week's figures and the week before's (catalogue + rangeFigures × 2), ms. */
  figures: number[];
  /** Raw GROUP BY kind of the same two weeks, ms. */
  raw: number[];
  /** The whole service (staffWeek), ms. */
  service: number[];
  /** "What needs a person" (attentionItems, the same for every week), ms. */
  attention: number[];
  rawPlan: string;
  figuresPlan: string;
}

const THEMES = ['Fit fürs Alter', 'Begegnung', 'Beratung', 'Mobilität', 'Digitales', 'Kultur'];

/** Themes, 24 activities, an institution; returns the activities as entries name them. */
async function addCatalogue(db: Kysely<Database>, quarterId: string): Promise<ActivitySnapshot[]> {
  const activities: ActivitySnapshot[] = [];
  await writeInQuarter(db, quarterId, async (w) => {
    await putInstitution(w, { id: 'i1', name: 'Seniorenbeirat Stadt Krefeld' });
    for (const [index, name] of THEMES.entries()) {
      await putTheme(w, { id: `t${index + 1}`, number: index + 1, name });
    }
    for (let index = 0; index < 24; index += 1) {
      const theme = index % THEMES.length;
      const activity = {
        id: `a${index + 1}`,
        themeId: `t${theme + 1}`,
        name: `Angebot ${index + 1}`,
        description: 'Benchmark-Daten',
        actorIds: ['i1'],
        schedule: 'dienstags',
        place: 'Anlaufstelle',
        contact: 'Anlaufstelle',
        ampel: (['green', 'yellow', 'red'] as const)[index % 3] ?? 'green',
        ampelCondition: 'läuft weiter',
        isExample: false,
      };
      await putActivity(w, activity);
      activities.push({ id: activity.id, name: activity.name, themeName: THEMES[theme] ?? '' });
    }
  });
  return activities;
}

/** The quarter's data: 30 volunteers, 40 call partners, STAFF_WEEK_ENTRIES entries. */
async function load(server: PushServer, count: number): Promise<string> {
  const { db } = server;
  const device = await db
    .selectFrom('devices')
    .select(['id', 'quarter_id'])
    .executeTakeFirstOrThrow();
  const quarterId = device.quarter_id;
  const authors = [server.authorId];
  for (let i = 2; i <= 30; i += 1) {
    const user = await createUser(db, { quarterId, name: `Ehrenamt ${i}`, role: 'volunteer' });
    if (user) authors.push(user.id);
  }
  const activities = await addCatalogue(db, quarterId);
  const stamp = new Date(FROM).toISOString();
  const partners = Array.from({ length: 40 }, (_, i) => ({
    quarter_id: quarterId,
    id: `bench-partner-${i}`,
    kind: 'partner',
    author_user_id: server.authorId,
    device_id: device.id,
    occurred_at: stamp,
    concern: 0,
    conflict: 0,
    fields: JSON.stringify({
      name: `Frau ${i}`,
      phone: '02151 000000',
      preferredTimes: 'vormittags',
      note: '',
      usualMinutes: 20,
      callEveryDays: 7,
      callers: [authors[i % authors.length]],
      status: 'active',
    }),
    ...figureRow('partner', stamp, {}),
    created_at: stamp,
    version: 1,
    deleted: 0,
    updated_at: stamp,
  }));
  await withoutSecondaryIndexes(server.config, 'entries', async () => {
    await bulkInsert(server.config, 'entries', ENTRY_COLUMNS, partners);
    await bulkInsert(
      server.config,
      'entries',
      ENTRY_COLUMNS,
      benchEntries({
        quarterId,
        authorIds: authors,
        deviceId: device.id,
        partnerIds: partners.map((p) => p.id),
        activities,
        from: FROM,
        to: TO,
        count,
      }),
    );
  });
  // Staff closed the concerns older than eight weeks; the newer ones are still open.
  const closedBefore = new Date(NOW.getTime() - 56 * 86_400_000).toISOString();
  const at = NOW.toISOString();
  await sql`
    insert into follow_ups (quarter_id, subject_type, subject_id, owner_user_id, due_date, status,
      note, version, created_at, updated_at, updated_by_user_id, done_at)
    select quarter_id, 'concern', id, null, null, 'done', 'erledigt', 1, ${at}, ${at},
      ${server.authorId}, ${at}
    from entries where quarter_id = ${quarterId} and concern = 1 and occurred_at < ${closedBefore}
  `.execute(db);
  await sql`create index bench_entries_quarter_occurred_kind_idx
    on entries (quarter_id, occurred_at, kind, deleted)`.execute(db);
  if (server.dialect === 'postgres') await sql`analyze`.execute(db);
  return quarterId;
}

const rawWeek = (db: Kysely<Database>, quarterId: string, span: { start: string; end: string }) =>
  sql<{ kind: string; n: number }>`
    select kind, count(*) as n from entries
    where quarter_id = ${quarterId} and occurred_at >= ${span.start} and occurred_at < ${span.end}
      and deleted = 0
    group by kind`.execute(db);

interface WeekSpans {
  span: { start: string; end: string };
  before: { start: string; end: string };
}

/** The raw GROUP BY of the week and the week before, run as the figures run (at once). */
const rawWeeks = (db: Kysely<Database>, quarterId: string, weeks: WeekSpans) =>
  Promise.all([rawWeek(db, quarterId, weeks.span), rawWeek(db, quarterId, weeks.before)]);

/** The week's figures and the week before's, as staffWeek reads them. */
async function weekFigures(db: Kysely<Database>, quarterId: string, weeks: WeekSpans) {
  const catalogue = await readFigureCatalogue(db, quarterId);
  return Promise.all([
    rangeFigures(db, quarterId, weeks.span, catalogue),
    rangeFigures(db, quarterId, weeks.before, catalogue),
  ]);
}

async function plans(db: Kysely<Database>, dialect: DialectName, quarterId: string) {
  const span = isoWeekSpan(parseIsoWeekId(WEEKS[0] ?? '') ?? { monday: '2026-11-23' });
  const explain = dialect === 'sqlite' ? sql`explain query plan` : sql`explain`;
  const text = (rows: Record<string, unknown>[]) =>
    rows.map((row) => String(row.detail ?? row['QUERY PLAN'] ?? '')).join(' / ');
  const raw = await sql<Record<string, unknown>>`${explain}
    select kind, count(*) as n from entries
    where quarter_id = ${quarterId} and occurred_at >= ${span.start} and occurred_at < ${span.end}
      and deleted = 0
    group by kind`.execute(db);
  const figures = await sql<Record<string, unknown>>`${explain}
    select kind, fig_activity_id, fig_reached, count(*), sum(concern), sum(fig_seconds),
      sum(fig_participants), sum(fig_walking_aids), sum(fig_wheelchairs), sum(fig_metres),
      count(distinct author_user_id)
    from entries
    where quarter_id = ${quarterId} and fig_week = ${WEEKS[0]}
    group by kind, fig_activity_id, fig_reached`.execute(db);
  return { raw: text(raw.rows), figures: text(figures.rows) };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export async function measureStaffWeek(
  dialect: DialectName,
  progress: (message: string) => void,
  count = STAFF_WEEK_ENTRIES,
): Promise<StaffWeekResult> {
  const server = await startPushServer(dialect);
  try {
    const { db } = server;
    progress(`staff week, ${dialect}: writing ${count.toLocaleString('en')} entries …`);
    const loadStarted = performance.now();
    const quarterId = await load(server, count);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    progress(`staff week, ${dialect}: measuring …`);
    const plan = await plans(db, dialect, quarterId);
    const result: StaffWeekResult = {
      dialect,
      entries: count,
      loadSeconds,
      weeks: [],
      figures: [],
      raw: [],
      service: [],
      attention: [],
      rawPlan: plan.raw,
      figuresPlan: plan.figures,
    };
    for (const weekId of WEEKS) {
      const week = parseIsoWeekId(weekId);
      if (!week) throw new Error(`no week ${weekId}`);
      const weeks = { span: isoWeekSpan(week), before: isoWeekSpan(previousIsoWeek(week)) };
      const figures = () => weekFigures(db, quarterId, weeks);
      const raw = () => rawWeeks(db, quarterId, weeks);
      // Warm-up, not counted — unless the figures take seconds: then the warm-up is the only
      // sample, and the other weeks are left out (far over budget either way; the run must end).
      const warm = await timed(figures);
      await raw();
      result.weeks.push(weekId);
      if (warm > SLOW_MS) {
        result.figures.push(warm);
        result.raw.push(await timed(raw));
      }
      for (let round = 0; round < (warm > SLOW_MS ? 0 : ROUNDS); round += 1) {
        // Alternate, so neither side always finds the other's pages in the cache.
        if (round % 2 === 0) {
          result.figures.push(await timed(figures));
          result.raw.push(await timed(raw));
        } else {
          result.raw.push(await timed(raw));
          result.figures.push(await timed(figures));
        }
      }
      // References, no budget: the whole service and what needs a person, once per week.
      const service = () => staffWeek(db, quarterId, weekId, NOW);
      result.service.push(await timed(service));
      result.attention.push(await timed(() => attentionItems(db, quarterId, NOW)));
      if (warm > SLOW_MS) break;
    }
    return result;
  } finally {
    await server.close();
  }
}

const name = (dialect: DialectName) => (dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL');
const list = (values: number[]) => values.map((value) => Math.round(value)).join(', ');

export function staffWeekRows(dialect: DialectName, result: StaffWeekResult | Error): Row[] {
  const entries = result instanceof Error ? STAFF_WEEK_ENTRIES : result.entries;
  const samples =
    result instanceof Error || result.weeks.length === WEEKS.length
      ? `median of ${WEEKS.length} weeks × ${ROUNDS}`
      : `${result.figures.length} week only: seconds per call`;
  const of = `${entries.toLocaleString('en')} entries, ${name(dialect)}`;
  const measure = `Staff week's figures (this week and the week before), ${of} (${samples})`;
  const budget = `≤ ${BUDGET_MS} ms and ≤ ${BUDGET_RATIO}× raw`;
  if (result instanceof Error) {
    return [
      { measure, value: 'not measured', baseline: result.message, ratio: '—', budget, ok: '—' },
    ];
  }
  const value = median(result.figures);
  const raw = median(result.raw);
  const reference = (what: string, values: number[]): Row => ({
    measure: `${what}, ${of} (reference, median of ${values.length} weeks)`,
    value: ms(median(values)),
    baseline: '—',
    ratio: '—',
    budget: '—',
    ok: '—',
  });
  return [
    {
      measure,
      value: ms(value),
      baseline: `${ms(raw)} raw GROUP BY of the same two weeks, covering index`,
      ratio: `${(value / raw).toFixed(1)}× raw`,
      budget,
      ok: yesNo(value <= BUDGET_MS && value / raw <= BUDGET_RATIO),
    },
    reference('Staff week, whole service (staffWeek)', result.service),
    reference('Staff week, what needs a person (attentionItems)', result.attention),
  ];
}

export function staffWeekNotes(dialect: DialectName, result: StaffWeekResult | Error): string[] {
  if (result instanceof Error)
    return [`- Staff week, ${name(dialect)}: not measured (${result.message}).`];
  return [
    `- Staff week, ${name(dialect)}: weeks ${result.weeks.join(', ')}; figures of the week and ` +
      `the week before (catalogue + rangeFigures × 2) [${list(result.figures)}] ms, raw GROUP BY ` +
      `of the same two weeks [${result.raw.map((v) => v.toFixed(1)).join(', ')}] ms; whole ` +
      `service [${list(result.service)}] ms; what needs a person ` +
      `[${list(result.attention)}] ms. Loading the entries took ${result.loadSeconds.toFixed(0)} s. ` +
      `Raw plan: ${result.rawPlan}. Figures plan: ${result.figuresPlan}.`,
  ];
}

/**
 * Both dialects for the runner. Neither stops the run: a failure (PostgreSQL missing, say)
 * becomes a "not measured" row.
 */
export async function measureStaffWeeks(
  progress: (message: string) => void,
  dialects: readonly DialectName[] = ['sqlite', 'postgres'],
  count = STAFF_WEEK_ENTRIES,
): Promise<{ rows: Row[]; notes: string[] }> {
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const dialect of dialects) {
    const result = await measureStaffWeek(dialect, progress, count).catch((error: unknown) =>
      error instanceof Error ? error : new Error(String(error)),
    );
    rows.push(...staffWeekRows(dialect, result));
    notes.push(...staffWeekNotes(dialect, result));
  }
  return { rows, notes };
}

// `npx tsx bench/staff-week-million.ts [sqlite|postgres] [entries]`: this measure alone.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const only = process.argv[2];
  const dialects: DialectName[] =
    only === 'sqlite' || only === 'postgres' ? [only] : ['sqlite', 'postgres'];
  const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);
  const { rows, notes } = await measureStaffWeeks(
    progress,
    dialects,
    Number(process.argv[3] ?? STAFF_WEEK_ENTRIES),
  );
  process.stdout.write(`${markdownTable(rows)}\n\n${notes.join('\n')}\n`);
}
