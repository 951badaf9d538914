// "Jetzt geöffnet bis 16:00 Uhr" / "Geschlossen – öffnet Montag 10:00 Uhr", computed on the
// device in Europe/Berlin from the replica, so it is right offline too.
import { useStorefront } from '../db/use-storefront';
import { addDays, berlinWallClock, isoWeekday, relativeDay } from '../domain/dates';
import { openingState, openingStateUntil } from '../domain/opening-hours';
import type { Translate } from '../i18n/translate';
import type { MessageKey } from '../i18n/messages';
import { href } from './use-route';
import { useNow } from './use-now';
import { useT } from './settings-context';

/** "heute", "morgen", a weekday within the week, else the weekday with its date. */
export function dayWord(t: Translate, today: string, day: string): string {
  const relative = relativeDay(day, today);
  if (relative) return t(relative === 'today' ? 'store.today' : 'store.tomorrow');
  const weekday = t(`weekday.${isoWeekday(day)}` as MessageKey);
  if (day <= addDays(today, 6)) return weekday;
  const [, month, date] = day.split('-');
  return `${weekday}, ${Number(date)}.${Number(month)}.`;
}

/** On the start screen it links to the opening hours; on that screen itself it doesn't. */
export function StorefrontState(props: { link?: boolean }) {
  const t = useT();
  const now = useNow();
  const data = useStorefront();
  if (data === undefined) return null;
  if (data === null) return <p class="store-state">{t('store.unknown')}</p>;
  const state = openingState(data.storefront, data.exceptions, now);
  const today = berlinWallClock(now).day;
  const text = state.open
    ? t('store.openUntil', { time: state.closesAt })
    : state.next
      ? t('store.closedOpens', { day: dayWord(t, today, state.next.day), time: state.next.opens })
      : t('store.closedNoNext');
  const Tag = props.link === false ? 'div' : 'a';
  return (
    <Tag
      class={`card store ${state.open ? 'store-open' : 'store-closed'}`}
      href={props.link === false ? undefined : href.hours}
      // Until when these words are true: a kept picture of the start screen is painted before
      // the app loads only until then (src/views/start-picture.ts).
      data-valid-until={String(openingStateUntil(state))}
    >
      <span class={props.link === false ? 'card-title plain' : 'card-title'}>
        {data.storefront.name}
      </span>
      <span class="store-state" data-testid="store-state">
        <span aria-hidden="true">{state.open ? '● ' : '○ '}</span>
        {text}
      </span>
      {data.storefront.isExample && <span class="example-tag">{t('store.example')}</span>}
    </Tag>
  );
}
