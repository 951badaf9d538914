// Entries per activity beside its Ampel (colour, shape and words; its condition and the day it
// was judged), this week and last. Every activity of the catalogue is listed, so the Ampel of
// each is on the same screen; one that left the catalogue shows while entries name it.
import type { StaffWeekResponse } from '../../shared/staff/staff-week';
import { formatDayShort } from '../../domain/dates';
import { AmpelBadge } from '../ampel-badge';
import { useSettings } from '../settings-context';
import { useStaffT } from './use-staff-t';
import { ChangeCell } from './week-change';
import { entryCount } from './week-entry-count';

export function WeekActivities(props: { week: StaffWeekResponse }) {
  const t = useStaffT();
  const lang = useSettings().settings.lang;
  const { figures, previousFigures, ampel } = props.week;
  const before = new Map(previousFigures.activities.map((a) => [a.id, a]));
  const ampelOf = new Map(ampel.map((a) => [a.activityId, a]));
  // Activities no longer offered that only last week's entries still name.
  const shown = new Set(figures.activities.map((a) => a.id));
  const goneBefore = previousFigures.activities.filter((a) => !shown.has(a.id));
  const withoutBefore = entryCount(previousFigures.withoutActivity);
  const without = entryCount(figures.withoutActivity);
  return (
    <section aria-labelledby="week-activities-title">
      <h2 id="week-activities-title">{t('staff.activities.title')}</h2>
      <table class="staff-table staff-activities">
        <caption>{t('staff.activities.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.activities.activity')}</th>
            <th scope="col">{t('staff.week.thisWeek')}</th>
            <th scope="col">{t('staff.week.lastWeek')}</th>
          </tr>
        </thead>
        <tbody>
          {figures.activities.map((activity) => {
            const judged = ampelOf.get(activity.id);
            const colour = judged?.ampel ?? activity.ampel;
            const value = entryCount(activity);
            const previous = before.get(activity.id);
            const previousValue = previous ? entryCount(previous) : 0;
            return (
              <tr key={activity.id}>
                <th scope="row">
                  <span class="staff-activity-name">{activity.name}</span>
                  {colour ? (
                    <span class="staff-activity-ampel">
                      <AmpelBadge ampel={colour} />
                      {judged?.asOf && (
                        <span class="hint">
                          {' '}
                          {t('staff.activities.asOf', { day: formatDayShort(judged.asOf, lang) })}
                        </span>
                      )}
                    </span>
                  ) : (
                    <span class="hint">{t('staff.activities.gone')}</span>
                  )}
                  {judged?.condition && <span class="hint">{judged.condition}</span>}
                </th>
                <td>{value}</td>
                <td>
                  {previousValue}
                  <ChangeCell value={value} previous={previousValue} />
                </td>
              </tr>
            );
          })}
          {goneBefore.map((activity) => (
            <tr key={activity.id}>
              <th scope="row">
                <span class="staff-activity-name">{activity.name}</span>
                <span class="hint">{t('staff.activities.gone')}</span>
              </th>
              <td>0</td>
              <td>
                {entryCount(activity)}
                <ChangeCell value={0} previous={entryCount(activity)} />
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('staff.activities.none')}</th>
            <td>{without}</td>
            <td>
              {withoutBefore}
              <ChangeCell value={without} previous={withoutBefore} />
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
