// Settings reach every view through context; changing them re-renders the app at once.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '../db/device-settings';
import { translator, type Translate } from '../i18n/translate';

/** Whether the last change reached the device's storage (shown on the settings screen). */
export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export interface SettingsValue {
  settings: Settings;
  update: (next: Settings) => void;
  saveState: SaveState;
}

export const SettingsContext = createContext<SettingsValue>({
  settings: DEFAULT_SETTINGS,
  update: () => undefined,
  saveState: 'idle',
});

export const useSettings = () => useContext(SettingsContext);

/** The translate function for the current language. */
export function useT(): Translate {
  return translator(useSettings().settings.lang);
}
