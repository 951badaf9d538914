// Text size (three steps), language and when the screen locks, remembered on this device.
import { LOCK_MINUTES, lockMinutesOf, TEXT_SIZES, type TextSize } from '../db/device-settings';
import { LANGS, type Lang } from '../i18n/messages';
import { Page } from './page';
import { href } from './use-route';
import { useSettings, useT } from './settings-context';

const LANG_NAMES: Record<Lang, string> = { de: 'Deutsch', en: 'English' };

export function SettingsView() {
  const t = useT();
  const { settings, update, saveState } = useSettings();
  return (
    <Page title={t('settings.title')}>
      <fieldset class="choices">
        <legend>{t('settings.textSize')}</legend>
        {TEXT_SIZES.map((size: TextSize) => (
          <label key={size} class={`choice choice-${size}`}>
            <input
              type="radio"
              name="text-size"
              value={size}
              checked={settings.textSize === size}
              onChange={() => update({ ...settings, textSize: size })}
            />
            <span>{t(`settings.size.${size}`)}</span>
          </label>
        ))}
      </fieldset>
      <p class="sample">{t('settings.sample')}</p>
      <fieldset class="choices">
        <legend>{t('settings.language')}</legend>
        {LANGS.map((lang) => (
          <label key={lang} class="choice" lang={lang}>
            <input
              type="radio"
              name="lang"
              value={lang}
              checked={settings.lang === lang}
              onChange={() => update({ ...settings, lang })}
            />
            <span>{LANG_NAMES[lang]}</span>
          </label>
        ))}
      </fieldset>
      <fieldset class="choices">
        <legend>{t('settings.lock')}</legend>
        <p class="hint">{t('settings.lockHint')}</p>
        {LOCK_MINUTES.map((minutes) => (
          <label key={minutes} class="choice">
            <input
              type="radio"
              name="lock-minutes"
              value={minutes}
              checked={lockMinutesOf(settings) === minutes}
              onChange={() => update({ ...settings, lockMinutes: minutes })}
            />
            <span>{t('settings.lockMinutes', { minutes })}</span>
          </label>
        ))}
      </fieldset>
      <p class="hint" role="status">
        {saveState === 'saved'
          ? t('settings.saved')
          : saveState === 'failed'
            ? t('settings.saveFailed')
            : ''}
      </p>
      <p class="privacy-link">
        <a href={href.privacy}>{t('privacy.linkLong')}</a>
      </p>
    </Page>
  );
}
