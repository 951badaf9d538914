// The translate function for the entry screens: their parts of the message catalogue (entries,
// walks and call partners) plus the start screen's part, in the current language.
import { entriesDe, entriesEn, type EntriesMessageKey } from '../../i18n/messages-entries';
import { catalogues, type MessageKey } from '../../i18n/messages';
import { walksDe, walksEn, type WalksMessageKey } from '../../i18n/messages-walks';
import { makeTranslator, type Translate } from '../../i18n/translate';
import { useSettings } from '../settings-context';

export type EntriesKey = EntriesMessageKey | WalksMessageKey | MessageKey;
export type EntriesT = Translate<EntriesKey>;

const merged = {
  de: { ...catalogues.de, ...entriesDe, ...walksDe },
  en: { ...catalogues.en, ...entriesEn, ...walksEn },
};
const translators = { de: makeTranslator(merged.de), en: makeTranslator(merged.en) };

export function useEntriesT(): EntriesT {
  return translators[useSettings().settings.lang];
}
