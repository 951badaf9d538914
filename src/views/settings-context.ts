// Settings reach every view through context; changing them re-renders the app at once.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '../db/settings';
import { translator, type Translate } from '../i18n/translate';

export interface SettingsValue {
  settings: Settings;
  update: (next: Settings) => void;
}

export const SettingsContext = createContext<SettingsValue>({
  settings: DEFAULT_SETTINGS,
  update: () => undefined,
});

export const useSettings = () => useContext(SettingsContext);

/** The translate function for the current language. */
export function useT(): Translate {
  return translator(useSettings().settings.lang);
}
