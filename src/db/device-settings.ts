// Device settings (text size, language), kept in idb-keyval: they belong to this device, not
// to a person or the server, and never sync. Offline: reads and writes are local only.
import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { Lang } from '../i18n/messages';

export const TEXT_SIZES = ['normal', 'large', 'xlarge'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export interface Settings {
  textSize: TextSize;
  lang: Lang;
}

export const DEFAULT_SETTINGS: Settings = { textSize: 'normal', lang: 'de' };

/** Root font size per step; percentages keep the browser's own font setting in effect. */
export const TEXT_SIZE_PERCENT: Record<TextSize, number> = {
  normal: 112.5, // 18 px at the browser default of 16 px
  large: 137.5, // 22 px
  xlarge: 162.5, // 26 px
};

let store: UseStore | undefined;
const settingsStore = () => (store ??= createStore('quartiersbuch-settings', 'settings'));

export async function loadSettings(): Promise<Settings> {
  const saved = await get<Partial<Settings>>('settings', settingsStore()).catch(() => undefined);
  const textSize = TEXT_SIZES.find((size) => size === saved?.textSize) ?? DEFAULT_SETTINGS.textSize;
  const lang = saved?.lang === 'en' ? 'en' : DEFAULT_SETTINGS.lang;
  return { textSize, lang };
}

export async function saveSettings(settings: Settings): Promise<void> {
  await set('settings', settings, settingsStore());
}
