// Rules every entry form shares, pure: the date and time a person types (Berlin wall clock)
// as the instant an entry stores, the final check with the kind's shared schema (the one the
// server checks too, so a form never saves what the server would refuse), which fields an
// edit changed, and a stored draft read back into today's form.
import * as v from 'valibot';
import { ENTRY_KINDS, type EntryKindName, type ValuesOf } from '../shared/entry-kinds';
import { isInstant } from '../shared/text';
import { berlinInstant, berlinWallClock, isValidDay, minutesToTime, timeToMinutes } from './dates';

/** What a form reads: the kind's values, or the fields to point at (in the form's order). */
export type FormRead<Values, Field extends string> =
  { ok: true; values: Values } | { ok: false; errors: Field[] };

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Date and time fields of a form, for an instant in Berlin time. */
export function wallClockFields(instantMs: number): { day: string; time: string } {
  const { day, minutes } = berlinWallClock(instantMs);
  return { day, time: minutesToTime(minutes) };
}

/**
 * The instant (ISO, UTC) of a typed Berlin day and time, or undefined when either is not
 * real or the year is one the server refuses (a tablet whose clock was reset to 1970).
 */
export function readWhen(day: string, time: string): string | undefined {
  const match = TIME.exec(time.trim());
  if (!isValidDay(day) || !match) return undefined;
  const minutes = timeToMinutes(`${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? ''}`);
  const iso = new Date(berlinInstant(day, minutes)).toISOString();
  return isInstant(iso) ? iso : undefined;
}

/** A whole number of minutes, 0–600 (the shared schemas' limit), or undefined. */
export function readMinutes(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return undefined;
  const minutes = Number(trimmed);
  return minutes <= 600 ? minutes : undefined;
}

/**
 * The final check of a form's values with the kind's shared schema. Its output is what is
 * saved (text composed to NFC, as the server stores it). A field the schema refuses is named
 * through `fieldOf`, so the screen can point at it.
 */
export function checkValues<K extends EntryKindName, Field extends string>(
  kind: K,
  candidate: ValuesOf<K>,
  fieldOf: Readonly<Record<keyof ValuesOf<K> & string, Field>>,
): FormRead<ValuesOf<K>, Field> {
  const schema = ENTRY_KINDS[kind].schemas.values as unknown as v.GenericSchema<
    unknown,
    ValuesOf<K>
  >;
  const result = v.safeParse(schema, candidate);
  if (result.success) return { ok: true, values: result.output };
  const errors: Field[] = [];
  for (const issue of result.issues) {
    const key = issue.path?.[0]?.key;
    const field = typeof key === 'string' ? fieldOf[key as keyof typeof fieldOf] : undefined;
    if (field !== undefined && !errors.includes(field)) errors.push(field);
  }
  // A refusal that names no field of ours still must not save: point at the first field.
  if (errors.length === 0) errors.push(Object.values<Field>(fieldOf)[0] as Field);
  return { ok: false, errors };
}

/**
 * The fields `after` changes compared with `before`; empty when nothing changed. Only those
 * travel in an update, so edits of different fields never collide (per-field last writer
 * wins on the server, G6).
 */
export function changedFields<V extends object>(before: V, after: V): Partial<V> {
  const changed: Partial<V> = {};
  for (const key of Object.keys(after) as (keyof V)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = after[key];
  }
  return changed;
}

/**
 * A stored draft on top of a fresh form. Drafts outlive app updates: a field the form no
 * longer has is dropped, a field it gained keeps its fresh value, and a value of another type
 * than today's (a shape that changed) is not trusted. Undefined when nothing is usable.
 */
export function restoreDraft<F extends object>(fresh: F, data: unknown): F | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const stored = data as Record<string, unknown>;
  const form = { ...fresh } as Record<string, unknown>;
  let used = false;
  for (const [key, value] of Object.entries(fresh)) {
    const saved = stored[key];
    const sameShape = Array.isArray(value)
      ? Array.isArray(saved) && saved.every((item) => typeof item === 'string')
      : typeof saved === typeof value && !Array.isArray(saved);
    if (key in stored && sameShape) {
      form[key] = saved;
      used = true;
    }
  }
  return used ? (form as F) : undefined;
}
