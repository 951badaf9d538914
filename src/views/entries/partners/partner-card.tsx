// One call partner's card: name, good times, what they agreed to (one quiet line, when staff
// recorded their consent), the last call, the next planned one, a flag after
// three unanswered attempts in a row, "Anrufen" (a tel: link), and the one-tap buttons — "Alles
// gut" (a reached call of the usual length) and "Nicht erreicht" — held briefly with
// "Rückgängig" (held-calls.ts); "Anders …" opens the call form for this partner, for what needs
// typing.
import { useEffect, useRef } from 'preact/hooks';
import type { PartnerCard as Card } from '../../../db/use-partners';
import {
  berlinWallClock,
  compareDay,
  formatDayShort,
  formatInstantBerlin,
  isoWeekday,
  relativeDay,
} from '../../../domain/dates';
import { weekdayName } from '../../../domain/date-words';
import { PARTNER_FLAG_AFTER } from '../../../domain/partner-calls';
import { useSettings } from '../../settings-context';
import { href } from '../../use-route';
import { minutesText } from '../kinds/kind-view';
import { useEntriesT } from '../use-entries-t';
import { holdPartnerCall, undoPartnerCall, useHeldCalls } from './held-calls';

/** What a `tel:` link dials: digits and a leading +, nothing else. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;

export function PartnerCard(props: { card: Card; author: string; now: number }) {
  const t = useEntriesT();
  const { lang } = useSettings().settings;
  const { partner, lastCall, nextPlanned, unansweredInARow } = props.card;
  const held = useHeldCalls().get(partner.id);
  const holding = held?.phase === 'held' ? held.about : null;
  const undoButton = useRef<HTMLButtonElement>(null);
  const okButton = useRef<HTMLButtonElement>(null);
  const wasHolding = useRef(false);
  // The tapped button gives way to "Rückgängig", which takes the focus; when the hold ends,
  // the focus goes back to "Alles gut" (never lost to the page).
  useEffect(() => {
    if (holding) undoButton.current?.focus();
    else if (wasHolding.current && document.activeElement === document.body) {
      okButton.current?.focus();
    }
    wasHolding.current = holding !== null;
  }, [holding !== null]);

  const headingId = `partner-${partner.id}`;
  const today = berlinWallClock(props.now).day;
  const relative = relativeDay(nextPlanned, today);
  const day = relative
    ? t(relative === 'today' ? 'store.today' : 'store.tomorrow')
    : `${weekdayName(isoWeekday(nextPlanned), lang)}, ${formatDayShort(nextPlanned, lang)}`;
  const next =
    compareDay(nextPlanned, today) < 0
      ? t('partners.overdue', { day })
      : t('partners.next', { day });
  const log = (reached: boolean) => () =>
    holdPartnerCall(
      { partnerId: partner.id, author: props.author, now: Date.now() },
      { name: partner.name, reached, minutes: reached ? partner.usualMinutes : 0 },
    );

  return (
    <li class="card partner-card" aria-labelledby={headingId}>
      <h2 id={headingId} class="partner-name">
        {partner.name}
        {partner.status === 'paused' && (
          <span class="partner-paused"> · {t('partners.paused')}</span>
        )}
      </h2>
      {unansweredInARow >= PARTNER_FLAG_AFTER && (
        <p class="partner-flag">
          <span aria-hidden="true">⚑ </span>
          {t('partners.flag')}
        </p>
      )}
      {partner.preferredTimes && (
        <p>{t('partners.preferred', { times: partner.preferredTimes })}</p>
      )}
      {partner.consentOn !== '' && partner.consentScope !== '' && (
        <p class="hint">{t('partners.consent', { scope: partner.consentScope })}</p>
      )}
      <p>
        {lastCall
          ? t('partners.lastCall', {
              when: `${formatInstantBerlin(Date.parse(lastCall.occurredAt), lang)} · ${
                lastCall.reached ? t('partners.reached') : t('partners.notReachedShort')
              }`,
            })
          : t('partners.lastNone')}
      </p>
      <p class="partner-next">{next}</p>
      <div role="status">
        {holding && (
          <p class="notice notice-ok undo">
            <span class="undo-text">
              {holding.reached
                ? t('partners.logged', {
                    name: holding.name,
                    minutes: minutesText(t, holding.minutes),
                  })
                : t('partners.loggedNotReached', { name: holding.name })}
            </span>
            <button
              ref={undoButton}
              class="button"
              type="button"
              onClick={() => undoPartnerCall(partner.id)}
            >
              {t('entry.undo')}
            </button>
          </p>
        )}
      </div>
      {!holding && (
        <div class="partner-actions">
          {partner.phone && (
            <a class="button partner-phone" href={telHref(partner.phone)}>
              <span aria-hidden="true">☎ </span>
              {t('partners.call')}: {partner.phone}
            </a>
          )}
          <button
            ref={okButton}
            class="button primary"
            type="button"
            aria-describedby={headingId}
            onClick={log(true)}
          >
            {t('partners.ok')}
          </button>
          <button class="button" type="button" aria-describedby={headingId} onClick={log(false)}>
            {t('partners.notReached')}
          </button>
          <a class="button" href={href.callWith(partner.id)} aria-describedby={headingId}>
            {t('partners.other')}
          </a>
        </div>
      )}
    </li>
  );
}
