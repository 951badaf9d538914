// The call form's rules, pure: what a fresh form holds, how typed text becomes a call, and
// which fields are wrong (named so the screen can point at them). The last word has the shared
// schema of calls, the one the server checks (entry-form.ts). A call is with a registered call
// partner (`partnerId`, the partner's name kept as it was at the time, G11) or with someone
// whose name is typed (`partnerId` null).
import type { ValuesOf } from '../shared/entry-kinds';
import { hasVisibleCharacter, isCleanText } from '../shared/text';
import { checkValues, readMinutes, readWhen, wallClockFields, type FormRead } from './entry-form';

export type CallValues = ValuesOf<'call'>;

/** What the form's inputs hold: text as typed, so nothing is lost while it is being fixed. */
export interface CallForm {
  /** A registered call partner's id; '' for a name typed by hand. */
  partnerId: string;
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

export type CallFormField = 'partner' | 'when' | 'duration' | 'note' | 'activity';

export interface ActivityRef {
  id: string;
  name: string;
  themeName: string;
}

/** A call partner as the form offers it: who, and how long a call with them usually is. */
export interface PartnerChoice {
  id: string;
  name: string;
  usualMinutes: number;
}

/** Which form field shows a refusal of the shared schema. */
const FIELD_OF = {
  occurredAt: 'when',
  concern: 'when',
  partner: 'partner',
  partnerId: 'partner',
  reached: 'duration',
  durationMinutes: 'duration',
  note: 'note',
  activity: 'activity',
} as const satisfies Record<keyof CallValues, CallFormField>;

export function emptyCallForm(now: number): CallForm {
  return {
    partnerId: '',
    partner: '',
    ...wallClockFields(now),
    reached: true,
    duration: '',
    concern: false,
    note: '',
    activityId: '',
  };
}

/** A new call with a registered partner ("Anders …" on the partner's card): usual length. */
export function partnerCallForm(now: number, partner: PartnerChoice): CallForm {
  return { ...emptyCallForm(now), ...choosePartner(partner) };
}

/**
 * What choosing a partner in the form changes: the partner and their name; the usual length
 * too, unless a length was typed already (`duration`).
 */
export function choosePartner(
  partner: PartnerChoice | null,
  duration = '',
): Pick<CallForm, 'partnerId' | 'partner'> & { duration?: string } {
  if (!partner) return { partnerId: '', partner: '' };
  return {
    partnerId: partner.id,
    partner: partner.name,
    ...(duration.trim() === '' ? { duration: String(partner.usualMinutes) } : {}),
  };
}

export function callFormFrom(call: CallValues): CallForm {
  return {
    partnerId: call.partnerId ?? '',
    partner: call.partner,
    ...wallClockFields(Date.parse(call.occurredAt)),
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
 * (G11); so does a partner no longer assigned to the caller. A partner id that is neither one
 * of the caller's partners nor the call's own is refused (the server would refuse it too). An
 * unreached call may have no duration (0).
 */
export function readCallForm(
  form: CallForm,
  findActivity: (id: string) => ActivityRef | undefined,
  previous?: CallValues,
  findPartner: (id: string) => PartnerChoice | undefined = () => undefined,
): FormRead<CallValues, CallFormField> {
  const errors: CallFormField[] = [];
  const chosen = form.partnerId === '' ? undefined : findPartner(form.partnerId);
  const keptPartner = form.partnerId !== '' && previous?.partnerId === form.partnerId;
  // The text rules the server checks (src/shared/text.ts), checked first so a name of
  // invisible characters is pointed out by its field.
  const partner = (
    chosen && !keptPartner ? chosen.name : keptPartner && previous ? previous.partner : form.partner
  )
    .trim()
    .normalize('NFC');
  const partnerOk =
    partner.length <= 80 &&
    isCleanText(partner) &&
    hasVisibleCharacter(partner) &&
    (form.partnerId === '' || chosen !== undefined || keptPartner);
  if (!partnerOk) errors.push('partner');
  const occurredAt = readWhen(form.day, form.time);
  if (occurredAt === undefined) errors.push('when');
  // Nobody counts minutes of a call that did not happen: empty means 0 there.
  const duration = form.duration.trim() === '' && !form.reached ? 0 : readMinutes(form.duration);
  if (duration === undefined) errors.push('duration');
  const note = form.note.normalize('NFC');
  if (note.length > 2000 || !isCleanText(note, true)) errors.push('note');
  if (errors.length > 0 || occurredAt === undefined || duration === undefined) {
    return { ok: false, errors };
  }
  const kept = previous?.activity?.id === form.activityId ? previous.activity : null;
  const found = form.activityId ? findActivity(form.activityId) : undefined;
  return checkValues(
    'call',
    {
      partner,
      occurredAt,
      reached: form.reached,
      durationMinutes: duration,
      concern: form.concern,
      note,
      activity: found ? { id: found.id, name: found.name, themeName: found.themeName } : kept,
      partnerId: form.partnerId === '' ? null : form.partnerId,
    },
    FIELD_OF,
  );
}
