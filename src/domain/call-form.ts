// The call form's rules, pure: what a fresh form holds, how typed text becomes a call, which
// fields are wrong (named so the screen can point at them), and which fields an edit changed
// (only those travel in call.update, so edits of different fields never collide, G6).
import type { CallChangeFields, CallCreateV2 } from '../shared/push';
import { hasVisibleCharacter, isCleanText, isInstant } from '../shared/text';
import { berlinInstant, berlinWallClock, isValidDay, minutesToTime, timeToMinutes } from './dates';

export type CallValues = Omit<CallCreateV2, 'id'>;

/** What the form's inputs hold: text as typed, so nothing is lost while it is being fixed. */
export interface CallForm {
  partner: string;
  day: string;
  time: string;
  reached: boolean;
  duration: string;
  concern: boolean;
  note: string;
  /** '' for none. */
  activityId: string;
}

export type CallFormField = 'partner' | 'when' | 'duration' | 'note';

export interface ActivityRef {
  id: string;
  name: string;
  themeName: string;
}

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export function emptyCallForm(now: number): CallForm {
  const { day, minutes } = berlinWallClock(now);
  return {
    partner: '',
    day,
    time: minutesToTime(minutes),
    reached: true,
    duration: '',
    concern: false,
    note: '',
    activityId: '',
  };
}

export function callFormFrom(call: CallValues): CallForm {
  const { day, minutes } = berlinWallClock(Date.parse(call.occurredAt));
  return {
    partner: call.partner,
    day,
    time: minutesToTime(minutes),
    reached: call.reached,
    duration: String(call.durationMinutes),
    concern: call.concern,
    note: call.note,
    activityId: call.activity?.id ?? '',
  };
}

/**
 * The call the form describes, or the fields that are wrong. An activity that is no longer in
 * the catalogue keeps the snapshot it had (`previous`), so editing an old call never loses it
 * (G11). An unreached call may have no duration (0).
 */
export function readCallForm(
  form: CallForm,
  findActivity: (id: string) => ActivityRef | undefined,
  previous?: CallValues,
): { ok: true; call: CallValues } | { ok: false; errors: CallFormField[] } {
  const errors: CallFormField[] = [];
  // The same rules the server checks (src/shared/text.ts), so a pasted control character or a
  // name of invisible characters is pointed out here instead of failing at "Speichern".
  const partner = form.partner.trim().normalize('NFC');
  const partnerOk = partner.length <= 80 && isCleanText(partner) && hasVisibleCharacter(partner);
  if (!partnerOk) errors.push('partner');
  const time = TIME.exec(form.time.trim());
  const occurredAt =
    isValidDay(form.day) && time
      ? new Date(
          berlinInstant(form.day, timeToMinutes(`${time[1]?.padStart(2, '0')}:${time[2]}`)),
        ).toISOString()
      : undefined;
  // A year the server would refuse (a tablet whose clock was reset to 1970) is a wrong date.
  if (occurredAt === undefined || !isInstant(occurredAt)) errors.push('when');
  const durationText = form.duration.trim();
  // Nobody counts minutes of a call that did not happen: empty means 0 there.
  const duration = durationText === '' && !form.reached ? 0 : Number(durationText);
  const durationOk = durationText === '' ? !form.reached : /^\d{1,3}$/.test(durationText);
  if (!durationOk || duration > 600) errors.push('duration');
  const note = form.note.normalize('NFC');
  if (note.length > 2000 || !isCleanText(note, true)) errors.push('note');
  if (errors.length > 0 || occurredAt === undefined) return { ok: false, errors };
  const kept = previous?.activity?.id === form.activityId ? previous.activity : null;
  const found = form.activityId ? findActivity(form.activityId) : undefined;
  return {
    ok: true,
    call: {
      partner,
      occurredAt,
      reached: form.reached,
      durationMinutes: duration,
      concern: form.concern,
      note,
      activity: found ? { ...found } : kept,
    },
  };
}

/** The fields `after` changes compared with `before`; empty when nothing changed. */
export function changedCallFields(before: CallValues, after: CallValues): CallChangeFields {
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof CallValues)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = after[key];
  }
  return changed as CallChangeFields;
}
