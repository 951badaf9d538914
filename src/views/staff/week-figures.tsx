// The week's figures beside last week's: entries by kind as a bar chart (with its table), then
// people, time and distance as a table (hours and kilometres with a decimal comma). Each row
// says how it changed, in a symbol and words.
import type { FigureCounts } from '../../domain/entry-figures';
import { useSettings } from '../settings-context';
import { useStaffT, type StaffKey } from './use-staff-t';
import { ChangeCell } from './week-change';
import { WeekChart } from './week-chart';
import { hoursOf, kilometresOf } from './week-format';

const KINDS: readonly { key: keyof FigureCounts; label: StaffKey }[] = [
  { key: 'callsReached', label: 'staff.figures.callsReached' },
  { key: 'callsNotReached', label: 'staff.figures.callsNotReached' },
  { key: 'walks', label: 'staff.figures.walks' },
  { key: 'adviceSessions', label: 'staff.figures.adviceSessions' },
];

export function WeekFigures(props: { figures: FigureCounts; previous: FigureCounts }) {
  const t = useStaffT();
  const lang = useSettings().settings.lang;
  const { figures, previous } = props;
  const more: {
    key: string;
    label: string;
    value: number;
    before: number;
    format?: (n: number) => string;
  }[] = [
    {
      key: 'participants',
      label: t('staff.figures.participants'),
      value: figures.participants,
      before: previous.participants,
    },
    {
      key: 'hours',
      label: t('staff.figures.hours'),
      value: figures.volunteerMinutes,
      before: previous.volunteerMinutes,
      format: (minutes) => hoursOf(minutes, lang),
    },
    {
      key: 'km',
      label: t('staff.figures.km'),
      value: figures.metresWalked,
      before: previous.metresWalked,
      format: (metres) => kilometresOf(metres, lang),
    },
    {
      key: 'observations',
      label: t('staff.figures.observations'),
      value: figures.observations,
      before: previous.observations,
    },
    {
      key: 'concerns',
      label: t('staff.figures.concerns'),
      value: figures.concerns,
      before: previous.concerns,
    },
    {
      key: 'volunteers',
      label: t('staff.figures.volunteers'),
      value: figures.volunteers,
      before: previous.volunteers,
    },
  ];
  return (
    <section aria-labelledby="week-figures-title">
      <h2 id="week-figures-title">{t('staff.figures.title')}</h2>
      <WeekChart
        id="week-kinds"
        caption={t('staff.figures.kindsCaption')}
        rowHeader={t('staff.figures.kind')}
        rows={KINDS.map((kind) => ({
          key: kind.key,
          label: t(kind.label),
          value: figures[kind.key],
          previous: previous[kind.key],
        }))}
      />
      <table class="staff-table">
        <caption>{t('staff.figures.moreCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.figures.what')}</th>
            <th scope="col">{t('staff.week.thisWeek')}</th>
            <th scope="col">{t('staff.week.lastWeek')}</th>
          </tr>
        </thead>
        <tbody>
          {more.map((row) => {
            const format = row.format ?? String;
            return (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td>{format(row.value)}</td>
                <td>
                  {format(row.before)}
                  <ChangeCell value={row.value} previous={row.before} format={format} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
