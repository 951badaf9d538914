// Call partners (Gesprächspartner*innen) of the Begegnungstelefon: the older people callers
// phone week after week. Staff register them (for now with `npm run admin`) and assign them to
// one or more callers; a caller's device holds exactly the partners assigned to the people
// signed in on it. Callers may keep a partner's phone number, preferred times, usual length
// and note current; who is assigned and whether the partner is active is staff's to change.
// Only a first name or nickname: never a full name or an address.
// Consent (DSGVO, issue 11): the day the partner agreed, in which form and to what, recorded by
// staff only (create v2; partners made with v1 or stored before read back as "not recorded").
import * as v from 'valibot';
import { COMMON_FIELDS, defineEntryKind, storedText } from '../entry-kind';
import {
  INSTANT_MAX_YEAR,
  INSTANT_MIN_YEAR,
  int,
  isDayString,
  multiLine,
  plainId,
  singleLine,
  visibleName,
} from '../text';

export const PARTNER_STATUSES = ['active', 'paused', 'ended'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/** Most callers one partner may have. */
export const PARTNER_MAX_CALLERS = 20;

/** Digits, spaces and + ( ) / - only, so `tel:` links and screen readers read it as a number. */
export const phoneNumber = v.pipe(
  singleLine(40),
  v.regex(/^[0-9 +()/-]*$/, 'Nur Ziffern, Leerzeichen und + ( ) / -'),
);

/** How a partner gave consent; '' while it is not recorded. */
export const CONSENT_FORMS = ['written', 'oral', 'electronic'] as const;
export type ConsentForm = (typeof CONSENT_FORMS)[number];
const consentForm = v.picklist(['', ...CONSENT_FORMS]);

/** Longest description of what the partner agreed to. */
export const CONSENT_SCOPE_MAX = 300;

/** '' (not recorded) or a real calendar day `yyyy-MM-dd` in 2000–2100 (not in the future: forms). */
export const consentDay = v.pipe(
  v.string(),
  v.maxLength(10),
  v.check(
    (day) =>
      day === '' ||
      (isDayString(day) &&
        Number(day.slice(0, 4)) >= INSTANT_MIN_YEAR &&
        Number(day.slice(0, 4)) <= INSTANT_MAX_YEAR),
    'Datum als JJJJ-MM-TT (2000–2100) oder leer',
  ),
);

/** A partner's consent while it is not recorded (and of partners stored before it existed). */
export const CONSENT_NOT_RECORDED = { consentOn: '', consentForm: '', consentScope: '' } as const;

/**
 * Which consent field is missing its partner: a day needs a form and a form needs a day (what
 * the agreement says may stand alone). Undefined when both are given or both are empty. The
 * staff screens and `npm run admin` check it (with the values after the change).
 */
export function consentMissing(values: {
  consentOn?: string | undefined;
  consentForm?: string | undefined;
}): 'consentOn' | 'consentForm' | undefined {
  const on = values.consentOn ?? '';
  const form = values.consentForm ?? '';
  if (on !== '' && form === '') return 'consentForm';
  if (on === '' && form !== '') return 'consentOn';
  return undefined;
}

/** What the server and `npm run admin` say when `consentMissing` finds a field (German). */
export const CONSENT_MISSING_MESSAGES = {
  consentForm:
    'Bitte auch angeben, wie die Einwilligung gegeben wurde (schriftlich, mündlich, elektronisch).',
  consentOn: 'Bitte auch angeben, an welchem Tag die Einwilligung gegeben wurde.',
} as const;

/** partner.create v1: the fields before consent was recorded. */
const fieldsV1 = {
  /** First name or nickname, as the caller addresses them. */
  name: visibleName(80),
  phone: phoneNumber,
  /** e.g. "vormittags, nicht mittwochs". */
  preferredTimes: singleLine(200),
  /** Line breaks and tabs allowed. */
  note: multiLine(1000),
  /** The usual length of a call in minutes: what "Alles gut" logs. */
  usualMinutes: int(1, 240),
  /** How often a call is planned, in days (7: weekly). */
  callEveryDays: int(1, 90),
  /** User ids of the callers who phone this partner. */
  callers: v.pipe(
    v.array(plainId(64)),
    v.maxLength(PARTNER_MAX_CALLERS),
    v.check((ids) => new Set(ids).size === ids.length, 'Jede Person nur einmal'),
  ),
  status: v.picklist(PARTNER_STATUSES),
};

/** partner.create v1 (before consent); upcast with consent not recorded. */
export const partnerCreateV1 = v.object({ id: plainId(64), ...COMMON_FIELDS, ...fieldsV1 });
export type PartnerCreateV1 = v.InferOutput<typeof partnerCreateV1>;

export const PARTNER = defineEntryKind({
  kind: 'partner',
  list: 'partners',
  fields: {
    ...fieldsV1,
    /** The day the partner agreed (yyyy-MM-dd); '' while not recorded. */
    consentOn: consentDay,
    /** How they agreed; '' while not recorded. */
    consentForm,
    /** What they agreed to, e.g. "wöchentliche Anrufe, Notizen für das Team". */
    consentScope: singleLine(CONSENT_SCOPE_MAX),
  },
  recordFields: {
    name: storedText(1000),
    phone: storedText(1000),
    preferredTimes: storedText(1000),
    note: storedText(100_000),
    usualMinutes: v.pipe(v.number(), v.integer(), v.minValue(0)),
    callEveryDays: v.pipe(v.number(), v.integer(), v.minValue(0)),
    callers: v.array(storedText(64)),
    status: v.picklist(PARTNER_STATUSES),
    // Partners stored before consent was recorded have none of these.
    consentOn: v.optional(storedText(64), ''),
    consentForm: v.optional(consentForm, ''),
    consentScope: v.optional(storedText(1000), ''),
  },
  createVersion: 2,
  olderCreates: {
    1: {
      schema: partnerCreateV1,
      upcast: (args: PartnerCreateV1) => ({ ...args, ...CONSENT_NOT_RECORDED }),
    },
  },
  words: {
    subject: 'Die Gesprächsperson',
    genitive: 'der Gesprächsperson',
    accusative: 'Diese Gesprächsperson',
  },
  labels: {
    name: 'Name',
    phone: 'Telefonnummer',
    preferredTimes: 'Gute Zeiten',
    note: 'Notiz',
    usualMinutes: 'Übliche Dauer',
    callEveryDays: 'Anruf alle … Tage',
    callers: 'Anrufende',
    status: 'Status',
    consentOn: 'Einwilligung am',
    consentForm: 'Form der Einwilligung',
    consentScope: 'Umfang der Einwilligung',
  },
  access: {
    create: 'staff',
    membersField: 'callers',
    // Consent is what staff recorded with the partner: a caller's device cannot change it.
    staffFields: ['callers', 'status', 'consentOn', 'consentForm', 'consentScope'],
  },
});
