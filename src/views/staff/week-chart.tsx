// A bar chart of this week beside last week, drawn as plain inline SVG (no chart library: a
// few rectangles cost nothing and work on the oldest tablets). The drawing is for the eye only
// (`aria-hidden`); the same numbers follow in a table with a caption, which screen readers
// read and which also shows what a bar alone cannot (the change in words). Last week's bar is
// hatched and thinner, so the two differ without colour.
import { useStaffT } from './use-staff-t';
import { ChangeCell } from './week-change';

export interface ChartRow {
  /** Stable key (a kind, a theme id). */
  key: string;
  label: string;
  value: number;
  previous: number;
}

const BAR = { width: 100, height: 20, gap: 4 };

export function WeekChart(props: {
  id: string;
  caption: string;
  /** Header of the first column (what a row is: "Art", "Themenfeld"). */
  rowHeader: string;
  rows: readonly ChartRow[];
  /** How a value is written (hours with a decimal comma, km). */
  format?: (value: number) => string;
}) {
  const t = useStaffT();
  const format = props.format ?? String;
  const max = Math.max(1, ...props.rows.map((row) => Math.max(row.value, row.previous)));
  const scale = (value: number) => (value / max) * BAR.width;
  return (
    <figure class="staff-chart" aria-labelledby={`${props.id}-caption`}>
      <div class="staff-chart-drawing" aria-hidden="true">
        <p class="staff-chart-legend">
          <span class="staff-chart-key staff-chart-key-now" /> {t('staff.week.thisWeek')}
          <span class="staff-chart-key staff-chart-key-before" /> {t('staff.week.lastWeek')}
        </p>
        {props.rows.map((row) => (
          <div class="staff-chart-row" key={row.key}>
            <span class="staff-chart-label">{row.label}</span>
            <svg
              class="staff-chart-bars"
              viewBox={`0 0 ${BAR.width} ${2 * BAR.height + BAR.gap}`}
              preserveAspectRatio="none"
              focusable="false"
            >
              <rect
                class="staff-bar-now"
                x={0}
                y={0}
                width={scale(row.value)}
                height={BAR.height}
              />
              <rect
                class="staff-bar-before"
                x={0}
                y={BAR.height + BAR.gap}
                width={scale(row.previous)}
                height={BAR.height * 0.7}
              />
            </svg>
            <span class="staff-chart-values">
              {format(row.value)} <span class="staff-chart-previous">({format(row.previous)})</span>
            </span>
          </div>
        ))}
      </div>
      <table class="staff-table">
        <caption id={`${props.id}-caption`}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.rowHeader}</th>
            <th scope="col">{t('staff.week.thisWeek')}</th>
            <th scope="col">{t('staff.week.lastWeek')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{format(row.value)}</td>
              <td>
                {format(row.previous)}
                <ChangeCell value={row.value} previous={row.previous} format={format} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
