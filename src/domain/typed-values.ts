// Times and days as staff type them on the upkeep screens (issue 10), forgiven where the
// meaning is plain: `9` and `9.30` and `930` are 09:00 and 09:30; `30.11.2026` is 2026-11-30
// (a browser without a date picker shows a plain text box). Anything unclear is returned as
// typed, so the form's check says what is wrong instead of guessing. Pure.
import { isValidDay, isValidTime } from './dates';

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `HH:mm` for a plainly meant time; otherwise the text unchanged (trimmed). */
export function normalizeTime(typed: string): string {
  const text = typed.trim();
  const parts = /^(\d{1,2})(?:[:.,h ]?(\d{2}))?(?:\s*uhr)?$/i.exec(text);
  if (!parts) return text;
  const hours = Number(parts[1]);
  const minutes = parts[2] === undefined ? 0 : Number(parts[2]);
  const time = `${pad2(hours)}:${pad2(minutes)}`;
  return isValidTime(time) ? time : text;
}

/** `yyyy-MM-dd` for `yyyy-MM-dd` or `d.M.yyyy`; otherwise the text unchanged (trimmed). */
export function normalizeDay(typed: string): string {
  const text = typed.trim();
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (!german) return text;
  const day = `${german[3]}-${pad2(Number(german[2]))}-${pad2(Number(german[1]))}`;
  return isValidDay(day) ? day : text;
}
