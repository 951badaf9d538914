// Call partners (Gesprächspartner*innen) of the Begegnungstelefon: the older people callers
// phone week after week. Staff register them (for now with `npm run admin`) and assign them to
// one or more callers; a caller's device holds exactly the partners assigned to the people
// signed in on it. Callers may keep a partner's phone number, preferred times, usual length
// and note current; who is assigned and whether the partner is active is staff's to change.
// Only a first name or nickname: never a full name or an address.
import * as v from 'valibot';
import { defineEntryKind, storedText } from '../entry-kind';
import { int, multiLine, plainId, singleLine, visibleName } from '../text';

export const PARTNER_STATUSES = ['active', 'paused', 'ended'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/** Most callers one partner may have. */
export const PARTNER_MAX_CALLERS = 20;

/** Digits, spaces and + ( ) / - only, so `tel:` links and screen readers read it as a number. */
export const phoneNumber = v.pipe(
  singleLine(40),
  v.regex(/^[0-9 +()/-]*$/, 'Nur Ziffern, Leerzeichen und + ( ) / -'),
);

export const PARTNER = defineEntryKind({
  kind: 'partner',
  list: 'partners',
  fields: {
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
  },
  createVersion: 1,
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
  },
  access: { create: 'staff', membersField: 'callers', staffFields: ['callers', 'status'] },
});
