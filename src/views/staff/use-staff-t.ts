// The translate function for the staff screens: their two parts of the message catalogue plus
// the start screen's part, in the current language.
import { catalogues, type MessageKey } from '../../i18n/messages';
import { staffDe, staffEn, type StaffMessageKey } from '../../i18n/messages-staff';
import {
  staffUpkeepDe,
  staffUpkeepEn,
  type StaffUpkeepMessageKey,
} from '../../i18n/messages-staff-upkeep';
import {
  staffPrivacyDe,
  staffPrivacyEn,
  type StaffPrivacyMessageKey,
} from '../../i18n/messages-staff-privacy';
import { makeTranslator, type Translate } from '../../i18n/translate';
import { useSettings } from '../settings-context';

export type StaffKey =
  StaffMessageKey | StaffUpkeepMessageKey | StaffPrivacyMessageKey | MessageKey;
export type StaffT = Translate<StaffKey>;

const merged = {
  de: { ...catalogues.de, ...staffDe, ...staffUpkeepDe, ...staffPrivacyDe },
  en: { ...catalogues.en, ...staffEn, ...staffUpkeepEn, ...staffPrivacyEn },
};
const translators = { de: makeTranslator(merged.de), en: makeTranslator(merged.en) };

export function useStaffT(): StaffT {
  return translators[useSettings().settings.lang];
}
