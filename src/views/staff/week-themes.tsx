// Entries per theme, this week beside last week, as a bar chart with its table. A theme that
// left the catalogue still shows while entries name it (entry-figures.ts keeps it by name).
import type { EntryFigures } from '../../domain/entry-figures';
import { useStaffT } from './use-staff-t';
import { WeekChart, type ChartRow } from './week-chart';
import { entryCount } from './week-entry-count';

type Theme = EntryFigures['themes'][number];
const keyOf = (theme: Theme) => (theme.id !== null ? `id:${theme.id}` : `name:${theme.name}`);

export function WeekThemes(props: { figures: EntryFigures; previous: EntryFigures }) {
  const t = useStaffT();
  const before = new Map(props.previous.themes.map((theme) => [keyOf(theme), theme]));
  const rows: ChartRow[] = props.figures.themes.map((theme) => {
    const previous = before.get(keyOf(theme));
    return {
      key: keyOf(theme),
      label: theme.number !== null ? `${theme.number}. ${theme.name}` : theme.name,
      value: entryCount(theme),
      previous: previous ? entryCount(previous) : 0,
    };
  });
  // Themes only last week's entries still named.
  const shown = new Set(rows.map((row) => row.key));
  for (const theme of props.previous.themes) {
    if (!shown.has(keyOf(theme))) {
      rows.push({ key: keyOf(theme), label: theme.name, value: 0, previous: entryCount(theme) });
    }
  }
  return (
    <section aria-labelledby="week-themes-title">
      <h2 id="week-themes-title">{t('staff.themes.title')}</h2>
      <WeekChart
        id="week-themes"
        caption={t('staff.themes.caption')}
        rowHeader={t('staff.themes.theme')}
        rows={rows}
      />
    </section>
  );
}
