// Numbers on the staff screens in the reader's language: hours and kilometres with one decimal
// (German: decimal comma, "12,5"), whole counts as they are.
import type { Lang } from '../../i18n/messages';

const oneDecimal = {
  de: new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

/** Volunteer time: minutes → hours, `90` → `1,5`. */
export const hoursOf = (minutes: number, lang: Lang) => oneDecimal[lang].format(minutes / 60);

/** Distance: metres → kilometres, `2400` → `2,4`. */
export const kilometresOf = (metres: number, lang: Lang) => oneDecimal[lang].format(metres / 1000);
