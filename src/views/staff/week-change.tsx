// How a figure changed since last week, in a symbol and words ("▲ 3 mehr", "▼ 2 weniger",
// "gleich"), never by colour alone; the symbol is hidden from screen readers, the words not.
import { useStaffT } from './use-staff-t';

export function ChangeCell(props: {
  value: number;
  previous: number;
  format?: (value: number) => string;
}) {
  const t = useStaffT();
  const format = props.format ?? String;
  const difference = props.value - props.previous;
  if (difference === 0) {
    return <span class="staff-change staff-change-same">{t('staff.week.same')}</span>;
  }
  const up = difference > 0;
  return (
    <span class={`staff-change ${up ? 'staff-change-up' : 'staff-change-down'}`}>
      <span aria-hidden="true">{up ? '▲' : '▼'} </span>
      {t(up ? 'staff.week.more' : 'staff.week.less', { amount: format(Math.abs(difference)) })}
    </span>
  );
}
