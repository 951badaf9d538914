// The privacy notice the app shows (`#/datenschutz`, issue 11): what is stored, why, who sees
// it, where, for how long, the person's rights and whom to ask. A lazy chunk of its own, so its
// text never weighs on the start screen. The periods are the defaults the server deletes by
// (src/shared/retention-defaults.ts); the notice says plainly that the operator may change them.
import { useStorefront } from '../db/use-storefront';
import { privacyDe, privacyEn, type PrivacyMessageKey } from '../i18n/messages-privacy';
import { makeTranslator } from '../i18n/translate';
import { RETENTION_DEFAULT_DAYS } from '../shared/retention-defaults';
import { Page } from './page';
import { useSettings } from './settings-context';

const translators = {
  de: makeTranslator<PrivacyMessageKey>(privacyDe),
  en: makeTranslator<PrivacyMessageKey>(privacyEn),
};

/** Days as rough months for the reader ("etwa 6 Monate"); the days stay exact beside it. */
const months = (days: number) => Math.round(days / 30.44);

const period = (days: number) => ({ days, months: months(days) });

export function PrivacyScreen() {
  const lang = useSettings().settings.lang;
  const t = translators[lang];
  const storefront = useStorefront();
  const d = RETENTION_DEFAULT_DAYS;
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
      <ul>
        <li>{t('privacy.howLong.notes', period(d.notes))}</li>
        <li>{t('privacy.howLong.entries', period(d.entries))}</li>
        <li>{t('privacy.howLong.routes', period(d.routes))}</li>
        <li>{t('privacy.howLong.partners', period(d.endedPartners))}</li>
        <li>{t('privacy.howLong.history', period(d.history))}</li>
      </ul>
      <p>{t('privacy.howLong.operator')}</p>

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
