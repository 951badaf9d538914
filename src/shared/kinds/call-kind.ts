// Calls of the Begegnungstelefon: a volunteer phoned an older person. The first entry kind
// (issue 3); its mutations keep the names and versions old apps send (`call.create` v1 and v2,
// `call.update` v1, `call.delete` v1).
import * as v from 'valibot';
import { COMMON_FIELDS, defineEntryKind, storedText } from '../entry-kind';
import { int, multiLine, plainId, singleLine, visibleName } from '../text';

const id = plainId(64);

/** Catalogue context (G11): the activity's id plus a snapshot of its names at the time. */
export const activityRef = v.nullable(
  v.object({ id, name: singleLine(200), themeName: singleLine(200) }),
);

const fields = {
  /** How the caller refers to the person called (a first name or a code, no full names). */
  partner: visibleName(80),
  durationMinutes: int(0, 600),
  /** Line breaks and tabs allowed. */
  note: multiLine(2000),
  activity: activityRef,
  /** Was the person reached? Unreached attempts count too (staff see who is hard to reach). */
  reached: v.boolean(),
  /**
   * The registered call partner (a `partner` entry assigned to the caller), or null for a
   * call typed by hand. `partner` keeps the name as it was at the time (G11).
   */
  partnerId: v.nullable(id),
};

/** call.create v1 (app 0.1): only calls that reached the person; upcast with `reached: true`. */
export const callCreateV1 = v.object({
  id,
  ...COMMON_FIELDS,
  partner: fields.partner,
  durationMinutes: fields.durationMinutes,
  note: fields.note,
  activity: fields.activity,
});
export type CallCreateV1 = v.InferOutput<typeof callCreateV1>;

/** call.create v2 (app 0.2 … 0.4): no call partner; upcast with `partnerId: null`. */
export const callCreateV2 = v.object({
  id,
  ...COMMON_FIELDS,
  partner: fields.partner,
  durationMinutes: fields.durationMinutes,
  note: fields.note,
  activity: fields.activity,
  reached: fields.reached,
});
export type CallCreateV2 = v.InferOutput<typeof callCreateV2>;

export const CALL = defineEntryKind({
  kind: 'call',
  list: 'calls',
  fields,
  // Read back without character checks: calls stored before those checks were strict.
  recordFields: {
    partner: storedText(1000),
    durationMinutes: v.pipe(v.number(), v.integer(), v.minValue(0)),
    note: storedText(100_000),
    activity: v.nullable(
      v.object({
        id: storedText(64),
        name: storedText(1_000_000),
        themeName: storedText(1_000_000),
      }),
    ),
    reached: v.boolean(),
    // Calls stored before call partners have no partnerId.
    partnerId: v.optional(v.nullable(storedText(64)), null),
  },
  createVersion: 3,
  olderCreates: {
    1: {
      schema: callCreateV1,
      upcast: (args: CallCreateV1) => ({ ...args, reached: true, partnerId: null }),
    },
    2: { schema: callCreateV2, upcast: (args: CallCreateV2) => ({ ...args, partnerId: null }) },
  },
  words: { subject: 'Der Anruf', genitive: 'des Anrufs', accusative: 'Diesen Anruf' },
  labels: {
    partner: 'Gesprächspartner',
    durationMinutes: 'Dauer',
    note: 'Notiz',
    activity: 'Angebot',
    reached: 'Erreicht',
    partnerId: 'Gesprächsperson',
  },
  links: { partnerId: 'partner' },
});
