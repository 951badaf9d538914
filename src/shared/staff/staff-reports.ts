// Reports for staff (issue 10): the CSV export of one entry kind over a range of days, and the
// monthly figures for funders. Both read the quarter's live entries by their `occurredAt` in
// Europe/Berlin days.
// - CSV (`GET /staff/export.csv?kind=&from=&to=`): one kind per file, days inclusive. Call
//   partners cannot be exported: they are the people called — a first name, a phone number,
//   good times, a note about them — master data of people, not activity. A file of them would
//   be a phone list on a shared PC that nobody keeps current; staff see them on the partners'
//   screen instead, where an end or a pause takes effect at once.
// - Monthly report (`GET /staff/report?month=`): counts only. Nothing in it names or describes a
//   person — no volunteer's or partner's name, no note, no phone, no concern's text — so it can
//   be printed and handed to a funder as it is.
import * as v from 'valibot';
import { dayString } from '../catalogue';
import { AGE_BANDS, ADVICE_PLACES } from '../kinds/advice-kind';
import { int, isDayString } from '../text';

/** Entry kinds a CSV can hold (see above why `partner` is not one of them). */
export const EXPORT_KINDS = ['call', 'advice', 'walk', 'observation'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/**
 * Longest range of one export, in days (five years with their leap days). Larger ranges still
 * stream, but five years of one kind is more than any report needs, and a typo ("2062") should
 * be a clear 400 rather than a long wait.
 */
export const EXPORT_MAX_DAYS = 5 * 365 + 2;

/** Years a report may name: the same window as the instants devices may send (text.ts). */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

const reportDay = v.pipe(
  dayString,
  v.check((day) => {
    const year = Number(day.slice(0, 4));
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  }, 'Jahr zwischen 2000 und 2100'),
);

/** Whole days from `from` to `to`, both included (1 for a single day). */
export function daysInRange(from: string, to: string): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

export const exportQuerySchema = v.pipe(
  v.object({
    kind: v.picklist(EXPORT_KINDS, 'Art: call, advice, walk oder observation'),
    from: reportDay,
    to: reportDay,
  }),
  v.forward(
    v.check((query) => query.from <= query.to, 'Das Ende liegt vor dem Anfang.'),
    ['to'],
  ),
  v.forward(
    v.check(
      (query) => daysInRange(query.from, query.to) <= EXPORT_MAX_DAYS,
      'Höchstens fünf Jahre auf einmal.',
    ),
    ['to'],
  ),
);
export type ExportQuery = v.InferOutput<typeof exportQuerySchema>;

const MONTH = /^(\d{4})-(\d{2})$/;

/** `yyyy-MM`, a real month in 2000–2100. */
export function isMonthString(text: string): boolean {
  const match = MONTH.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  return year >= FIRST_YEAR && year <= LAST_YEAR && isDayString(`${text}-01`);
}

export const reportQuerySchema = v.object({
  month: v.pipe(v.string(), v.maxLength(7), v.check(isMonthString, 'Monat als JJJJ-MM')),
});
export type ReportQuery = v.InferOutput<typeof reportQuerySchema>;

// ---- The monthly report (the answer) ---------------------------------------------------------

const count = int(0);
const serverText = (max: number) => v.pipe(v.string(), v.maxLength(max));

/** The same counts for the whole month, a theme or an activity (src/domain/entry-figures.ts). */
export const reportCountsSchema = v.object({
  callsReached: count,
  callsNotReached: count,
  walks: count,
  adviceSessions: count,
  observations: count,
  /** Entries marked "Sorge / Hilfebedarf" (how many, never which or why). */
  concerns: count,
  /** People on walks, the guides not counted. */
  participants: count,
  withWalkingAids: count,
  withWheelchairs: count,
  /** Time volunteers gave, whole minutes. */
  volunteerMinutes: count,
  metresWalked: count,
  /** How many different volunteers wrote entries (a number, no names). */
  volunteers: count,
});
export type ReportCounts = v.InferOutput<typeof reportCountsSchema>;

const ampel = v.nullable(v.picklist(['green', 'yellow', 'red']));

export const reportThemeSchema = v.object({
  ...reportCountsSchema.entries,
  id: v.nullable(serverText(64)),
  number: v.nullable(count),
  name: serverText(1000),
});

export const reportActivitySchema = v.object({
  ...reportCountsSchema.entries,
  id: serverText(64),
  name: serverText(1000),
  themeId: v.nullable(serverText(64)),
  themeName: serverText(1000),
  ampel,
  inCatalogue: v.boolean(),
});

/** A topic or an institution with how many advice sessions named it. */
export const reportTallySchema = v.object({
  id: serverText(64),
  name: serverText(1000),
  count,
});

export const reportAdviceSchema = v.object({
  sessions: count,
  /** Topics by how often sessions named them (a session may name several). */
  topics: v.array(reportTallySchema),
  /** Institutions people were referred to, by how often. */
  referrals: v.array(reportTallySchema),
  /** Sessions without a referral. */
  withoutReferral: count,
  places: v.object(
    Object.fromEntries(ADVICE_PLACES.map((place) => [place, count])) as Record<
      (typeof ADVICE_PLACES)[number],
      typeof count
    >,
  ),
  ageBands: v.object(
    Object.fromEntries(AGE_BANDS.map((band) => [band, count])) as Record<
      (typeof AGE_BANDS)[number],
      typeof count
    >,
  ),
  firstContact: v.object({ yes: count, no: count, unknown: count }),
});
export type ReportAdvice = v.InferOutput<typeof reportAdviceSchema>;

/** GET /staff/report?month=yyyy-MM */
export const monthlyReportSchema = v.object({
  month: serverText(7),
  /** First and last day of the month (Europe/Berlin). */
  from: serverText(10),
  to: serverText(10),
  quarter: v.object({ id: serverText(64), name: serverText(300) }),
  /** When the server computed it (ISO 8601), printed on the report. */
  generatedAt: v.pipe(serverText(64), v.isoTimestamp()),
  total: reportCountsSchema,
  themes: v.array(reportThemeSchema),
  activities: v.array(reportActivitySchema),
  /** Entries that name no activity. */
  withoutActivity: reportCountsSchema,
  advice: reportAdviceSchema,
});
export type MonthlyReport = v.InferOutput<typeof monthlyReportSchema>;

/** The export's file name, e.g. `quartiersbuch-anrufe-2026-11-01-bis-2026-11-30.csv`. */
export function exportFileName(query: ExportQuery): string {
  return `quartiersbuch-${EXPORT_FILE_WORDS[query.kind]}-${query.from}-bis-${query.to}.csv`;
}

const EXPORT_FILE_WORDS: Record<ExportKind, string> = {
  call: 'anrufe',
  advice: 'beratungen',
  walk: 'spaziergaenge',
  observation: 'beobachtungen',
};
