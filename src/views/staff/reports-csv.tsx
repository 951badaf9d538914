// The CSV export (issue 10, "Berichte"): one kind of entry over a week, a month or a range of
// days, as a plain link the browser downloads with the staff cookie (a file for German Excel:
// `;`, BOM, German dates). Above the link it says in words what will be downloaded; a period
// that cannot be (a day that does not exist, an end before the start) is said at its field and
// offers no link.
import { useState } from 'preact/hooks';
import { berlinWallClock } from '../../domain/dates';
import { formatDayLong } from '../../domain/date-words';
import {
  isPeriodProblem,
  periodDays,
  type PeriodDraft,
  type PeriodKind,
} from '../../domain/report-period';
import { normalizeDay } from '../../domain/typed-values';
import { EXPORT_KINDS, exportFileName, type ExportKind } from '../../shared/staff/staff-reports';
import { exportCsvHref } from '../../sync/staff-upkeep-requests';
import { useSettings } from '../settings-context';
import { useStaffDeps } from './staff-context';
import { MonthField } from './reports-month-field';
import { RadioGroup, TextField } from './upkeep-fields';
import { useStaffT, type StaffKey } from './use-staff-t';

export const KIND_WORDS: Record<ExportKind, StaffKey> = {
  call: 'staffReports.kind.call',
  advice: 'staffReports.kind.advice',
  walk: 'staffReports.kind.walk',
  observation: 'staffReports.kind.observation',
};

const PERIOD_WORDS: Record<PeriodKind, StaffKey> = {
  week: 'staffReports.period.week',
  month: 'staffReports.period.month',
  range: 'staffReports.period.range',
};

const PROBLEM_WORDS = {
  day: 'upkeep.badDay',
  month: 'staffReports.problem.month',
  order: 'staffReports.problem.order',
  tooLong: 'staffReports.problem.tooLong',
} as const satisfies Record<string, StaffKey>;

export function CsvExport() {
  const t = useStaffT();
  const deps = useStaffDeps();
  const { lang } = useSettings().settings;
  const today = berlinWallClock(deps.now()).day;
  const [kind, setKind] = useState<ExportKind>('call');
  const [draft, setDraft] = useState<PeriodDraft>({
    kind: 'week',
    weekDay: today,
    month: today.slice(0, 7),
    from: `${today.slice(0, 7)}-01`,
    to: today,
  });
  const change = (patch: Partial<PeriodDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const days = periodDays(draft);
  const errorOf = (field: 'weekDay' | 'month' | 'from' | 'to') =>
    isPeriodProblem(days) && days.field === field ? t(PROBLEM_WORDS[days.problem]) : undefined;
  const day = (field: 'weekDay' | 'from' | 'to', label: StaffKey) => (
    <TextField
      id={`csv-${field}`}
      label={t(label)}
      type="date"
      short
      value={draft[field]}
      error={errorOf(field)}
      onInput={(value) => change({ [field]: value })}
      onBlur={() => change({ [field]: normalizeDay(draft[field]) })}
    />
  );

  return (
    <section aria-labelledby="csv-title" class="no-print">
      <h2 id="csv-title">{t('staffReports.csvTitle')}</h2>
      <p class="hint">{t('staffReports.csvLead')}</p>
      <RadioGroup
        id="csv-kind"
        legend={t('staffReports.kind')}
        value={kind}
        choices={EXPORT_KINDS.map((value) => ({ value, label: t(KIND_WORDS[value]) }))}
        onChange={setKind}
      />
      <RadioGroup
        id="csv-period"
        legend={t('staffReports.period')}
        value={draft.kind}
        choices={(['week', 'month', 'range'] as const).map((value) => ({
          value,
          label: t(PERIOD_WORDS[value]),
        }))}
        onChange={(periodKind) => change({ kind: periodKind })}
      />
      {draft.kind === 'week' && day('weekDay', 'staffReports.weekDay')}
      {draft.kind === 'month' && (
        <MonthField
          id="csv-month"
          legend={t('staffReports.month')}
          value={draft.month}
          lastYear={Number(today.slice(0, 4))}
          onChange={(month) => change({ month })}
        />
      )}
      {draft.kind === 'range' && (
        <div class="field-row">
          {day('from', 'staffReports.from')}
          {day('to', 'staffReports.to')}
        </div>
      )}
      {!isPeriodProblem(days) && (
        <div class="csv-download">
          <p id="csv-what">
            {days.week === undefined
              ? t('staffReports.csvWhat', {
                  kind: t(KIND_WORDS[kind]),
                  from: formatDayLong(days.from, lang),
                  to: formatDayLong(days.to, lang),
                })
              : t('staffReports.csvWhatWeek', {
                  kind: t(KIND_WORDS[kind]),
                  week: days.week,
                  from: formatDayLong(days.from, lang),
                  to: formatDayLong(days.to, lang),
                })}
          </p>
          <a
            class="button primary csv-link"
            href={exportCsvHref({ kind, from: days.from, to: days.to }, deps.baseUrl ?? '')}
            download={exportFileName({ kind, from: days.from, to: days.to })}
            aria-describedby="csv-what"
          >
            {t('staffReports.download')}
          </a>
        </div>
      )}
    </section>
  );
}
