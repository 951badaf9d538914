// Staff's week over 1,000,000 entries (issue 10; docs/benchmarks.md, budgets: ≤ 200 ms and
// ≤ 5× a raw GROUP BY), on SQLite and PostgreSQL. One quarter with a million entries over ten
// years (about 1,900 a week: calls, advice, walks, observations; 1 % with a concern, those
// older than eight weeks closed by staff), its catalogue and 40 call partners, written with
// raw multi-row INSERTs (bench/bulk-entries.ts) into a fresh database of the real schema.
// - value: `staffWeek` (server/sync/staff-week.service.ts, what GET /staff/week answers) for a
//   few weeks — the newest, a DST week, an ISO week 53, an old one — in-process, so HTTP is
//   not in it;
// - baseline: `SELECT kind, count(*) … GROUP BY kind` of the same week over a covering index
//   (quarter_id, occurred_at, kind, deleted) that the bench creates, same connection;
// - notes: where the service's time goes (the figures of the week and the week before, and
//   "what needs a person", which looks at every week, timed once).
// SQLite is not ANALYZEd (the server never does it); PostgreSQL is, as its autovacuum would.
// Runs alone too: `npx tsx bench/staff-week-million.ts [sqlite|postgres]`.
import { pathToFileURL } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { summarizeEntries } from '../src/domain/entry-figures';
import { isoWeekSpan, parseIsoWeekId, previousIsoWeek } from '../src/domain/iso-week';
import type { DialectName } from '../server/db/database';
import type { Database } from '../server/db/tables';
import { putActivity, putInstitution, putTheme } from '../server/repos/catalogue.repo';
import { writeInQuarter } from '../server/repos/quarter-version.repo';
import { readFigureCatalogue, readRangeEntries } from '../server/repos/staff-week.repo';
import { createUser } from '../server/repos/user.repo';
import { attentionItems } from '../server/sync/attention-items';
import { staffWeek } from '../server/sync/staff-week.service';
import { median } from './bench-support';
import {
  benchEntries,
  bulkInsert,
  ENTRY_COLUMNS,
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
  service: number[];
  raw: number[];
  /** Figures of the week and the week before (read + summarizeEntries), once per week. */
  figures: number[];
  /** "What needs a person" (attentionItems, the same for every week), once, ms. */
  attention: number;
  rawPlan: string;
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

async function rawPlan(db: Kysely<Database>, dialect: DialectName, quarterId: string) {
  const span = isoWeekSpan(parseIsoWeekId(WEEKS[0] ?? '') ?? { monday: '2026-11-23' });
  const explain = dialect === 'sqlite' ? sql`explain query plan` : sql`explain`;
  const { rows } = await sql<Record<string, unknown>>`${explain}
    select kind, count(*) as n from entries
    where quarter_id = ${quarterId} and occurred_at >= ${span.start} and occurred_at < ${span.end}
      and deleted = 0
    group by kind`.execute(db);
  return rows.map((row) => String(row.detail ?? row['QUERY PLAN'] ?? '')).join(' / ');
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
    const result: StaffWeekResult = {
      dialect,
      entries: count,
      loadSeconds,
      weeks: [],
      service: [],
      raw: [],
      figures: [],
      attention: 0,
      rawPlan: await rawPlan(db, dialect, quarterId),
    };
    for (const weekId of WEEKS) {
      const week = parseIsoWeekId(weekId);
      if (!week) throw new Error(`no week ${weekId}`);
      const span = isoWeekSpan(week);
      const service = () => staffWeek(db, quarterId, weekId, NOW);
      const raw = () => rawWeek(db, quarterId, span);
      // Warm-up, not counted — unless the service takes seconds: then the warm-up is the only
      // sample, and the other weeks are left out (far over budget either way; the run must end).
      const warm = await timed(service);
      await raw();
      result.weeks.push(weekId);
      if (warm > SLOW_MS) {
        result.service.push(warm);
        result.raw.push(await timed(raw));
      }
      for (let round = 0; round < (warm > SLOW_MS ? 0 : ROUNDS); round += 1) {
        // Alternate, so neither side always finds the other's pages in the cache.
        if (round % 2 === 0) {
          result.service.push(await timed(service));
          result.raw.push(await timed(raw));
        } else {
          result.raw.push(await timed(raw));
          result.service.push(await timed(service));
        }
      }
      result.figures.push(
        await timed(async () => {
          const catalogue = await readFigureCatalogue(db, quarterId);
          summarizeEntries(await readRangeEntries(db, quarterId, span), catalogue);
          const before = isoWeekSpan(previousIsoWeek(week));
          summarizeEntries(await readRangeEntries(db, quarterId, before), catalogue);
        }),
      );
      if (warm > SLOW_MS) break;
    }
    // What needs a person does not depend on the week: once, as the service calls it.
    result.attention = await timed(() => attentionItems(db, quarterId, NOW));
    return result;
  } finally {
    await server.close();
  }
}

const name = (dialect: DialectName) => (dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL');
const list = (values: number[]) => values.map((value) => Math.round(value)).join(', ');

export function staffWeekRow(dialect: DialectName, result: StaffWeekResult | Error): Row {
  const entries = result instanceof Error ? STAFF_WEEK_ENTRIES : result.entries;
  const samples =
    result instanceof Error || result.weeks.length === WEEKS.length
      ? `median of ${WEEKS.length} weeks × ${ROUNDS}`
      : `${result.service.length} week only: seconds per call`;
  const measure = `Staff week (staffWeek service), ${entries.toLocaleString('en')} entries, ${name(dialect)} (${samples})`;
  const budget = `≤ ${BUDGET_MS} ms and ≤ ${BUDGET_RATIO}× raw`;
  if (result instanceof Error) {
    return {
      measure,
      value: 'not measured',
      baseline: result.message,
      ratio: '—',
      budget,
      ok: '—',
    };
  }
  const value = median(result.service);
  const raw = median(result.raw);
  return {
    measure,
    value: ms(value),
    baseline: `${ms(raw)} raw GROUP BY, covering index`,
    ratio: `${(value / raw).toFixed(1)}× raw`,
    budget,
    ok: yesNo(value <= BUDGET_MS && value / raw <= BUDGET_RATIO),
  };
}

export function staffWeekNotes(dialect: DialectName, result: StaffWeekResult | Error): string[] {
  if (result instanceof Error)
    return [`- Staff week, ${name(dialect)}: not measured (${result.message}).`];
  return [
    `- Staff week, ${name(dialect)}: weeks ${result.weeks.join(', ')}; service [${list(result.service)}] ms, ` +
      `raw [${result.raw.map((v) => v.toFixed(1)).join(', ')}] ms. Of the service: figures of the ` +
      `week and the week before (read + summarizeEntries) [${list(result.figures)}] ms; what ` +
      `needs a person (attentionItems, the same for every week) ${ms(result.attention)}. ` +
      `Loading the entries took ${result.loadSeconds.toFixed(0)} s. Raw plan: ${result.rawPlan}.`,
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
    rows.push(staffWeekRow(dialect, result));
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
