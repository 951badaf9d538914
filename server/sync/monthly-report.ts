// The monthly report for funders (issue 10, GET /staff/report?month=yyyy-MM): the month's
// figures per theme and per activity (src/domain/entry-figures.ts, the same counting as staff's
// week), volunteer time, walks and participants, and what advice sessions were about
// (src/domain/advice-figures.ts). Counts only: the answer holds no name of a volunteer or a
// call partner, no note, no phone, no concern's text — it is meant to be printed and handed on.
// The month is the Berlin calendar month; live entries of the kinds that are activity (calls,
// advice, walks, observations; call partners are people, not activity).
// Read only; viewing it leaves the audit line `report.view` (who looked at which month).
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { summarizeAdvice } from '../../src/domain/advice-figures';
import { addDays } from '../../src/domain/dates';
import { monthlyReportSchema, type MonthlyReport } from '../../src/shared/staff/staff-reports';
import type { Database } from '../db/tables';
import { recordAudit, type AuditActor } from '../repos/audit.repo';
import { readAdviceCatalogue } from '../repos/export.repo';
import { readFigureCatalogue, readRangeEntries } from '../repos/staff-week.repo';
import { berlinDayRange } from './csv-export';
import { rangeFigures } from './range-figures';

/** First and last Berlin day of `month` (`yyyy-MM`). */
export function monthDays(month: string): { from: string; to: string } {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7));
  const next = index === 12 ? `${year + 1}-01` : `${year}-${String(index + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: addDays(`${next}-01`, -1) };
}

export async function monthlyReport(
  db: Kysely<Database>,
  quarter: { id: string; name: string },
  actor: AuditActor,
  month: string,
  now: Date = new Date(),
): Promise<MonthlyReport> {
  const days = monthDays(month);
  const range = berlinDayRange(days.from, days.to);
  const span = { start: range.from, end: range.to };
  // The same counting as the week (activity kinds only: partners are people); what advice
  // sessions were about is read from the sessions' own fields (a month's are few).
  const [catalogue, advice, adviceCatalogue] = await Promise.all([
    readFigureCatalogue(db, quarter.id),
    readRangeEntries(db, quarter.id, span, ['advice']),
    readAdviceCatalogue(db, quarter.id),
  ]);
  const figures = await rangeFigures(db, quarter.id, span, catalogue);
  const adviceFigures = summarizeAdvice(
    advice.map((entry) => entry.fields),
    adviceCatalogue,
  );
  await recordAudit(
    db,
    {
      quarterId: quarter.id,
      actor,
      action: 'report.view',
      subjectType: 'report',
      subjectId: month,
      detail: { month },
    },
    now,
  );
  // Through the schema, which keeps only the fields it declares: a figure added to the shared
  // counting later reaches funders only once it is declared (and checked to be a count) there.
  return v.parse(monthlyReportSchema, {
    month,
    ...days,
    quarter: { id: quarter.id, name: quarter.name },
    generatedAt: now.toISOString(),
    total: figures.total,
    themes: figures.themes,
    activities: figures.activities,
    withoutActivity: figures.withoutActivity,
    advice: adviceFigures,
  });
}
