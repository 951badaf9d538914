// The Wochenübersicht (issue 10): one ISO week on a Berlin calendar, with the weeks before and
// after one link away (`#/team/woche/2026-W47`). On top what needs a person, then the week's
// figures beside last week's, per theme and per activity (with its Ampel), and the week's
// walks. Without a connection the week kept on this device is shown, with when it was loaded.
import { formatInstantBerlin } from '../../domain/dates';
import { formatWeekRange } from '../../domain/week-groups';
import type { StaffMe } from '../../shared/staff/staff-session';
import type { StaffWeekResponse } from '../../shared/staff/staff-week';
import { Notice } from '../entries/form-field';
import { useSettings } from '../settings-context';
import { href } from '../use-route';
import { AttentionList } from './attention-list';
import { StaffPage } from './staff-page';
import { useStaffT } from './use-staff-t';
import { WeekActivities } from './week-activities';
import { WeekFigures } from './week-figures';
import { useWeekLoad } from './week-load';
import { WeekThemes } from './week-themes';
import { WeekWalks } from './week-walks';

export function WeekScreen(props: {
  weekId: string | undefined;
  me: StaffMe | null;
  offline: boolean;
}) {
  const t = useStaffT();
  const lang = useSettings().settings.lang;
  const { load, reload } = useWeekLoad(props.weekId, props.me, props.offline);
  if (load.status === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (load.status === 'kept' && !load.kept) {
    return (
      <StaffPage title={t('staff.week.heading')}>
        <Notice kind="warn">{t('staff.week.nothingKept')}</Notice>
      </StaffPage>
    );
  }
  const week = load.status === 'current' ? load.week : load.kept!.week;
  const asOf =
    load.status === 'kept'
      ? t('staff.week.asOfOffline', { time: formatInstantBerlin(load.kept!.loadedAt, lang) })
      : null;
  return (
    <StaffPage
      title={t('staff.week.title', {
        week: week.week.week,
        range: formatWeekRange(week.week, lang),
      })}
    >
      <WeekSteps week={week} />
      {asOf && <Notice kind="warn">{asOf}</Notice>}
      {load.status === 'kept' && props.weekId && props.weekId !== week.week.id && (
        <p>{t('staff.week.otherWeekKept')}</p>
      )}
      <AttentionList week={week} editable={load.status === 'current'} onChanged={reload} />
      <WeekFigures figures={week.figures.total} previous={week.previousFigures.total} />
      <WeekThemes figures={week.figures} previous={week.previousFigures} />
      <WeekActivities week={week} />
      <WeekWalks walks={week.walks} />
    </StaffPage>
  );
}

function WeekSteps(props: { week: StaffWeekResponse }) {
  const t = useStaffT();
  return (
    <nav class="staff-week-steps" aria-label={t('staff.week.steps')}>
      <a class="button" href={href.staff('woche', props.week.week.previous)}>
        <span class="step-arrow" aria-hidden="true">
          ←
        </span>
        {t('staff.week.previous')}
      </a>
      <a class="button" href={href.staff('woche', props.week.week.next)}>
        {t('staff.week.next')}
        <span class="step-arrow" aria-hidden="true">
          →
        </span>
      </a>
    </nav>
  );
}
