// The privacy notice the app shows (`#/datenschutz`, issue 11): what is stored, why, who sees
// it, where, for how long, the person's rights and whom to ask. A lazy chunk of its own, so its
// text never weighs on the start screen. The periods are those the server told this device
// with its last pull (issue 11), or before any the defaults (src/shared/retention-defaults.ts);
// the notice says which: "Diese Fristen gelten hier" or "Standard-Fristen" the operator may change.
import { usePullState } from '../db/use-pull-state';
import { useStorefront } from '../db/use-storefront';
import { periodsInForce } from '../domain/retention-periods';
import { privacyDe, privacyEn, type PrivacyMessageKey } from '../i18n/messages-privacy';
import { makeTranslator } from '../i18n/translate';
import { Page } from './page';
import { useSettings } from './settings-context';

const translators = {
  de: makeTranslator<PrivacyMessageKey>(privacyDe),
  en: makeTranslator<PrivacyMessageKey>(privacyEn),
};

/** Days as rough months for the reader ("etwa 6 Monate"); the days stay exact beside it. */
const months = (days: number) => Math.round(days / 30.44);

export function PrivacyScreen() {
  const lang = useSettings().settings.lang;
  const t = translators[lang];
  // "(etwa 6 Monaten)" beside the days only from two months on: never "etwa 0 Monaten".
  const period = (days: number) => ({
    days,
    about: months(days) >= 2 ? t('privacy.howLong.about', { months: months(days) }) : '',
  });
  const storefront = useStorefront();
  // undefined while reading: no period is shown until it is known which ones apply.
  const pulled = usePullState();
  const inForce = pulled === undefined ? undefined : periodsInForce(pulled?.retention);
  return (
    <Page title={t('privacy.title')}>
      <p>{t('privacy.intro')}</p>

      <h2>{t('privacy.what.title')}</h2>
      <ul>
        <li>{t('privacy.what.you')}</li>
        <li>{t('privacy.what.calls')}</li>
        <li>{t('privacy.what.partners')}</li>
        <li>{t('privacy.what.advice')}</li>
        <li>{t('privacy.what.walks')}</li>
      </ul>

      <h2>{t('privacy.why.title')}</h2>
      <p>{t('privacy.why.text')}</p>

      <h2>{t('privacy.who.title')}</h2>
      <p>{t('privacy.who.you')}</p>
      <p>{t('privacy.who.team')}</p>
      <p>{t('privacy.who.nobody')}</p>

      <h2>{t('privacy.where.title')}</h2>
      <p>{t('privacy.where.text')}</p>
      <p>{t('privacy.signOut')}</p>
      <p>{t('privacy.lock')}</p>

      <h2>{t('privacy.howLong.title')}</h2>
      <p>{t('privacy.howLong.intro')}</p>
      {inForce && (
        <>
          <ul>
            <li>{t('privacy.howLong.notes', period(inForce.days.notes))}</li>
            <li>{t('privacy.howLong.entries', period(inForce.days.entries))}</li>
            <li>{t('privacy.howLong.routes', period(inForce.days.routes))}</li>
            <li>{t('privacy.howLong.partners', period(inForce.days.endedPartners))}</li>
            <li>{t('privacy.howLong.history', period(inForce.days.history))}</li>
          </ul>
          <p>{t(inForce.learned ? 'privacy.howLong.inForce' : 'privacy.howLong.operator')}</p>
        </>
      )}

      <h2>{t('privacy.rights.title')}</h2>
      <p>{t('privacy.rights.text')}</p>

      <h2>{t('privacy.contact.title')}</h2>
      <p>{t('privacy.contact.owner')}</p>
      <p>{t('privacy.contact.dpo')}</p>
      <p>{t('privacy.contact.authority')}</p>
      {storefront && (
        <p>
          {t('privacy.contact.shop', {
            name: storefront.storefront.name,
            address: storefront.storefront.address,
          })}
        </p>
      )}
    </Page>
  );
}
