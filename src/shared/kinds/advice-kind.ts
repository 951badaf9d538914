// Advice sessions (Beratung): an adviser met someone, at the shop, at home, on the phone or
// elsewhere. Anonymous by design: no field asks for a name; the person is described only by
// an age band and whether it was the first contact, and the note's hint asks for no names.
import * as v from 'valibot';
import { dayString } from '../catalogue';
import { defineEntryKind } from '../entry-kind';
import { int, multiLine, plainId, singleLine } from '../text';

const id = plainId(64);

export const ADVICE_PLACES = ['shop', 'home', 'phone', 'elsewhere'] as const;
export type AdvicePlace = (typeof ADVICE_PLACES)[number];

export const AGE_BANDS = ['under60', '60to69', '70to79', '80to89', '90plus', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Most topics one session may name. */
export const ADVICE_MAX_TOPICS = 20;

/** A topic from the server's list (G11: the id plus its name at the time). */
const topicRef = v.object({ id, name: singleLine(200) });

export const ADVICE = defineEntryKind({
  kind: 'advice',
  list: 'advice',
  fields: {
    durationMinutes: int(0, 600),
    place: v.picklist(ADVICE_PLACES),
    topics: v.pipe(
      v.array(topicRef),
      v.minLength(1, 'Mindestens ein Thema'),
      v.maxLength(ADVICE_MAX_TOPICS),
      v.check(
        (topics) => new Set(topics.map((topic) => topic.id)).size === topics.length,
        'Jedes Thema nur einmal',
      ),
    ),
    ageBand: v.picklist(AGE_BANDS),
    /** First contact with the project? null: not known. */
    firstContact: v.nullable(v.boolean()),
    /** Referred to an institution of the catalogue's list (id plus its name at the time). */
    referral: v.nullable(v.object({ id, name: singleLine(300) })),
    /** When to follow up, a calendar day in Europe/Berlin; null: no follow-up. */
    followUp: v.nullable(dayString),
    /** Line breaks and tabs allowed; the form asks for no names. */
    note: multiLine(2000),
  },
  createVersion: 1,
  words: { subject: 'Die Beratung', genitive: 'der Beratung', accusative: 'Diese Beratung' },
  labels: {
    durationMinutes: 'Dauer',
    place: 'Ort',
    topics: 'Themen',
    ageBand: 'Altersgruppe',
    firstContact: 'Erstkontakt',
    referral: 'Weitervermittlung',
    followUp: 'Wiedervorlage',
    note: 'Notiz',
  },
});
