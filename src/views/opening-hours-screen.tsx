// The storefront's week and the special days of the next eight weeks (exceptions, holidays).
import { useStorefront } from '../db/use-storefront';
import { berlinWallClock } from '../domain/dates';
import { formatDayLong } from '../domain/date-words';
import { upcomingExceptions, weekSchedule } from '../domain/opening-hours';
import type { Interval } from '../shared/catalogue';
import type { MessageKey } from '../i18n/messages';
import type { Translate } from '../i18n/translate';
import { Page } from './page';
import { StorefrontState } from './storefront-state';
import { useNow } from './use-now';
import { useSettings, useT } from './settings-context';

const UPCOMING_DAYS = 56;

function hoursText(t: Translate, intervals: Interval[]): string {
  if (intervals.length === 0) return t('hours.closed');
  return intervals
    .map((interval) => t('hours.range', { opens: interval.opens, closes: interval.closes }))
    .join(', ');
}

export function OpeningHours() {
  const t = useT();
  const { lang } = useSettings().settings;
  const now = useNow();
  const data = useStorefront();
  if (data === undefined) return null;
  if (data === null) {
    return (
      <Page title={t('hours.title')}>
        <p>{t('store.unknown')}</p>
      </Page>
    );
  }
  const { storefront, exceptions } = data;
  const today = berlinWallClock(now);
  const special = upcomingExceptions(storefront, exceptions, today.day, UPCOMING_DAYS);
  return (
    <Page title={t('hours.title')}>
      <StorefrontState link={false} />
      <p>
        <strong>{t('hours.address')}:</strong> {storefront.address}
      </p>
      <h2 id="week-heading">{t('hours.week')}</h2>
      <table aria-labelledby="week-heading">
        <thead>
          <tr>
            <th scope="col">{t('hours.day')}</th>
            <th scope="col">{t('hours.times')}</th>
          </tr>
        </thead>
        <tbody>
          {weekSchedule(storefront).map((row) => (
            <tr key={row.isoWeekday} class={row.isoWeekday === today.isoWeekday ? 'today-row' : ''}>
              <th scope="row">{t(`weekday.${row.isoWeekday}` as MessageKey)}</th>
              <td>{hoursText(t, row.intervals)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('hours.upcoming')}</h2>
      {special.length === 0 ? (
        <p>{t('hours.noUpcoming')}</p>
      ) : (
        <ul class="special-days">
          {special.map((day) => (
            <li key={day.day}>
              <strong>{formatDayLong(day.day, lang)}:</strong> {hoursText(t, day.intervals)}
              {day.holidayName && ` – ${t('hours.holiday', { name: day.holidayName })}`}
              {day.note && ` – ${day.note}`}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
