// A month chosen as month and year (two selects): `<input type="month">` is a plain text box
// in Safari 12 and older Firefox, and a select needs no typing. The value is `yyyy-MM`.
import { monthName } from '../../domain/date-words';
import { useSettings } from '../settings-context';
import { useStaffT } from './use-staff-t';

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export function MonthField(props: {
  id: string;
  legend: string;
  /** `yyyy-MM`. */
  value: string;
  /** The latest year offered (this year); five years before it too. */
  lastYear: number;
  onChange: (month: string) => void;
}) {
  const t = useStaffT();
  const { lang } = useSettings().settings;
  const year = props.value.slice(0, 4);
  const month = props.value.slice(5, 7);
  const years: number[] = [];
  for (let y = props.lastYear; y >= props.lastYear - 5; y--) years.push(y);
  return (
    <fieldset class="choices">
      <legend>{props.legend}</legend>
      <div class="field-row">
        <div class="field">
          <label for={`${props.id}-month`}>{t('staffReports.monthOnly')}</label>
          <select
            id={`${props.id}-month`}
            class="input"
            value={month}
            onChange={(event) => props.onChange(`${year}-${event.currentTarget.value}`)}
          >
            {MONTHS.map((m) => {
              const value = m < 10 ? `0${m}` : String(m);
              return (
                <option key={m} value={value}>
                  {monthName(m, lang)}
                </option>
              );
            })}
          </select>
        </div>
        <div class="field">
          <label for={`${props.id}-year`}>{t('staffReports.year')}</label>
          <select
            id={`${props.id}-year`}
            class="input"
            value={year}
            onChange={(event) => props.onChange(`${event.currentTarget.value}-${month}`)}
          >
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  );
}
