// Device settings (text size, language, minutes until the screen locks), kept in idb-keyval: they belong to this device, not
// to a person or the server, and never sync. Offline: reads and writes are local only.
import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { Lang } from '../i18n/messages';

export const TEXT_SIZES = ['normal', 'large', 'xlarge'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/** Minutes without input after which a shared tablet locks its screen (issue 11), to choose from. */
export const LOCK_MINUTES = [5, 10, 15, 30] as const;
export const DEFAULT_LOCK_MINUTES = 10;

export interface Settings {
  textSize: TextSize;
  lang: Lang;
  /** Minutes without input until the screen locks; missing reads as DEFAULT_LOCK_MINUTES. */
  lockMinutes?: number;
}

export const DEFAULT_SETTINGS: Settings = {
  textSize: 'normal',
  lang: 'de',
  lockMinutes: DEFAULT_LOCK_MINUTES,
};

/** The lock delay in effect: one of LOCK_MINUTES, else the default. */
export function lockMinutesOf(settings: Pick<Settings, 'lockMinutes'>): number {
  return LOCK_MINUTES.find((minutes) => minutes === settings.lockMinutes) ?? DEFAULT_LOCK_MINUTES;
}

/** Root font size per step; percentages keep the browser's own font setting in effect. */
export const TEXT_SIZE_PERCENT: Record<TextSize, number> = {
  normal: 112.5, // 18 px at the browser default of 16 px
  large: 137.5, // 22 px
  xlarge: 162.5, // 26 px
};

let store: UseStore | undefined;
const settingsStore = (): UseStore => (store ??= createStore('quartiersbuch-settings', 'settings'));

/** Saved settings as far as they are valid; defaults for the rest. */
function settingsFrom(saved: Partial<Settings> | undefined): Settings {
  const textSize = TEXT_SIZES.find((size) => size === saved?.textSize) ?? DEFAULT_SETTINGS.textSize;
  const lang = saved?.lang === 'en' ? 'en' : DEFAULT_SETTINGS.lang;
  return { textSize, lang, lockMinutes: lockMinutesOf(saved ?? {}) };
}

/**
 * A copy of the settings in localStorage, read at once before the first paint (issue 12:
 * opening IndexedDB first cost a throttled tablet 0.35–0.45 s). idb-keyval stays where they
 * live; the copy follows every save.
 */
const COPY_KEY = 'qb.settings';

export async function loadSettings(): Promise<Settings> {
  return settingsFrom(
    await get<Partial<Settings>>('settings', settingsStore()).catch(() => undefined),
  );
}

/** The settings as last saved on this device, at once; undefined when there is no copy. */
export function keptSettings(): Settings | undefined {
  const copy = keptSettingsText();
  if (copy === null) return undefined; // read them from IndexedDB
  try {
    return settingsFrom(JSON.parse(copy) as Partial<Settings>);
  } catch {
    return undefined; // not ours: read them from IndexedDB
  }
}

/** The copy exactly as kept (the start picture is painted only with the same); null without. */
export function keptSettingsText(): string | null {
  try {
    return localStorage.getItem(COPY_KEY);
  } catch {
    return null; // no localStorage here (a private tab, storage turned off)
  }
}

/** Keeps the copy for the next start (also when IndexedDB had settings the copy lacked). */
export function keepSettings(settings: Settings): void {
  try {
    localStorage.setItem(COPY_KEY, JSON.stringify(settings));
  } catch {
    // full, or a private tab: the next start reads IndexedDB, a moment later
  }
}

export async function saveSettings(settings: Settings): Promise<void> {
  await set('settings', settings, settingsStore());
  keepSettings(settings);
}
