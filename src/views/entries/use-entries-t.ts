// The translate function for the entry screens: their part of the message catalogue plus the
// start screen's part, in the current language.
import { entriesDe, entriesEn, type EntriesMessageKey } from '../../i18n/messages-entries';
import { catalogues, type MessageKey } from '../../i18n/messages';
import { makeTranslator, type Translate } from '../../i18n/translate';
import { useSettings } from '../settings-context';

export type EntriesKey = EntriesMessageKey | MessageKey;
export type EntriesT = Translate<EntriesKey>;

const merged = {
  de: { ...catalogues.de, ...entriesDe },
  en: { ...catalogues.en, ...entriesEn },
};
const translators = { de: makeTranslator(merged.de), en: makeTranslator(merged.en) };

export function useEntriesT(): EntriesT {
  return translators[useSettings().settings.lang];
}
