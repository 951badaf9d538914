// The advice form's rules (Beratung), pure: what a fresh form holds, how typed text becomes
// an advice session, and which fields are wrong (named so the screen can say what to fix next
// to each). The last word has the shared schema of advice sessions, the one the server checks
// (entry-form.ts). Anonymous by design: the form has no field for a name.
import type { ValuesOf } from '../shared/entry-kinds';
import {
  ADVICE_MAX_TOPICS,
  ADVICE_PLACES,
  AGE_BANDS,
  type AdvicePlace,
  type AgeBand,
} from '../shared/kinds/advice-kind';
import { isCleanText } from '../shared/text';
import { compareDay, isValidDay } from './dates';
import { checkValues, readMinutes, readWhen, wallClockFields, type FormRead } from './entry-form';

export type AdviceValues = ValuesOf<'advice'>;

/** "Erstkontakt": yes, no, or not known (stored as null). */
export type FirstContactChoice = 'yes' | 'no' | 'unknown';

/** What the form's inputs hold: text as typed, so nothing is lost while it is being fixed. */
export interface AdviceForm {
  day: string;
  time: string;
  duration: string;
  /** '' until chosen. */
  place: AdvicePlace | '';
  topicIds: string[];
  /** '' until chosen. */
  ageBand: AgeBand | '';
  firstContact: FirstContactChoice;
  /** An institution's id; '' for none. */
  referralId: string;
  /** `yyyy-MM-dd`; '' for none. */
  followUp: string;
  concern: boolean;
  note: string;
}

export type AdviceFormField =
  | 'when'
  | 'duration'
  | 'place'
  | 'topics'
  | 'ageBand'
  | 'firstContact'
  | 'referral'
  | 'followUp'
  | 'concern'
  | 'note';

/** A catalogue item as an entry keeps it: its id plus its name at the time (G11). */
export interface NamedRef {
  id: string;
  name: string;
}

export interface AdviceLookups {
  topic: (id: string) => NamedRef | undefined;
  institution: (id: string) => NamedRef | undefined;
}

/** Which form field shows a refusal of the shared schema. */
const FIELD_OF = {
  occurredAt: 'when',
  concern: 'concern',
  durationMinutes: 'duration',
  place: 'place',
  topics: 'topics',
  ageBand: 'ageBand',
  firstContact: 'firstContact',
  referral: 'referral',
  followUp: 'followUp',
  note: 'note',
} as const satisfies Record<keyof AdviceValues, AdviceFormField>;

const FIRST_CONTACT: Record<FirstContactChoice, boolean | null> = {
  yes: true,
  no: false,
  unknown: null,
};

export function emptyAdviceForm(now: number): AdviceForm {
  return {
    ...wallClockFields(now),
    duration: '',
    place: '',
    topicIds: [],
    ageBand: '',
    firstContact: 'unknown',
    referralId: '',
    followUp: '',
    concern: false,
    note: '',
  };
}

export function adviceFormFrom(advice: AdviceValues): AdviceForm {
  return {
    ...wallClockFields(Date.parse(advice.occurredAt)),
    duration: String(advice.durationMinutes),
    place: advice.place,
    topicIds: advice.topics.map((topic) => topic.id),
    ageBand: advice.ageBand,
    firstContact: advice.firstContact === null ? 'unknown' : advice.firstContact ? 'yes' : 'no',
    referralId: advice.referral?.id ?? '',
    followUp: advice.followUp ?? '',
    concern: advice.concern,
    note: advice.note,
  };
}

/**
 * The session the form describes, or the fields that are wrong. Topics and an institution
 * that left the catalogue keep the snapshot they had in `previous`, so editing an old session
 * never loses them (G11); an id found nowhere is left out. A follow-up day may not be before
 * the day of the session.
 */
export function readAdviceForm(
  form: AdviceForm,
  find: AdviceLookups,
  previous?: AdviceValues,
): FormRead<AdviceValues, AdviceFormField> {
  const errors: AdviceFormField[] = [];
  const occurredAt = readWhen(form.day, form.time);
  if (occurredAt === undefined) errors.push('when');
  const duration = readMinutes(form.duration);
  if (duration === undefined) errors.push('duration');
  const place = (ADVICE_PLACES as readonly string[]).includes(form.place)
    ? (form.place as AdvicePlace)
    : undefined;
  if (place === undefined) errors.push('place');
  const topics = form.topicIds
    .filter((id, index) => form.topicIds.indexOf(id) === index)
    .map((id) =>
      keep(
        find.topic(id),
        previous?.topics.find((topic) => topic.id === id),
      ),
    )
    .filter((topic): topic is NamedRef => topic !== undefined);
  if (topics.length === 0 || topics.length > ADVICE_MAX_TOPICS) errors.push('topics');
  const ageBand = (AGE_BANDS as readonly string[]).includes(form.ageBand)
    ? (form.ageBand as AgeBand)
    : undefined;
  if (ageBand === undefined) errors.push('ageBand');
  const followUp = form.followUp.trim();
  const followUpOk =
    followUp === '' ||
    (isValidDay(followUp) && (!isValidDay(form.day) || compareDay(followUp, form.day) >= 0));
  if (!followUpOk) errors.push('followUp');
  const note = form.note.normalize('NFC');
  if (note.length > 2000 || !isCleanText(note, true)) errors.push('note');
  if (
    errors.length > 0 ||
    occurredAt === undefined ||
    duration === undefined ||
    place === undefined ||
    ageBand === undefined
  ) {
    return { ok: false, errors };
  }
  const referral = form.referralId
    ? (keep(
        find.institution(form.referralId),
        previous?.referral?.id === form.referralId ? previous.referral : undefined,
      ) ?? null)
    : null;
  return checkValues(
    'advice',
    {
      occurredAt,
      concern: form.concern,
      durationMinutes: duration,
      place,
      topics,
      ageBand,
      firstContact: FIRST_CONTACT[form.firstContact] ?? null,
      referral,
      followUp: followUp === '' ? null : followUp,
      note,
    },
    FIELD_OF,
  );
}

/** The catalogue's item as it is now, else the snapshot the entry had; only id and name. */
function keep(found: NamedRef | undefined, before: NamedRef | undefined): NamedRef | undefined {
  const ref = found ?? before;
  return ref && { id: ref.id, name: ref.name };
}
