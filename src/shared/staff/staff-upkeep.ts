// Upkeep of the catalogue, the storefront's hours and call partners from the staff screens
// (issue 10, docs/api.md "Upkeep"). Rows travel exactly as a pull carries them (catalogue.ts),
// each with its `version`. Every edit names the version the editor saw (`expectedVersion`;
// 0: a new row); when someone saved the row since, the server changes nothing and answers 409
// `version_conflict` with the row as it is now (`current`), so the screen can show "Ihre
// Änderung" beside "Jetzt gespeichert" — a conflicting edit is never silently overwritten.
// Volunteers' devices get every saved change with their next pull.
import * as v from 'valibot';
import {
  activitySchema,
  AMPEL_VALUES,
  dayString,
  institutionSchema,
  intervalSchema,
  openingExceptionSchema,
  storefrontSchema,
  themeSchema,
  topicSchema,
  weeklyIntervalSchema,
} from '../catalogue';
import { storedText } from '../entry-kind';
import { ROLES } from '../identity';
import { PARTNER } from '../kinds/partner-kind';
import { int, multiLine, plainId, singleLine, visibleName } from '../text';

// ---- Reading ------------------------------------------------------------------------------

/** GET /staff/catalogue: every live row staff may keep up, with versions for the edits. */
export const staffCatalogueSchema = v.object({
  themes: v.array(themeSchema),
  institutions: v.array(institutionSchema),
  /** With `ampelAsOf` (null: not said) and `updatedAt`. */
  activities: v.array(activitySchema),
  /** Topics of advice sessions (read only here). */
  topics: v.array(topicSchema),
  /** The quarter's storefront; null until one is saved (PUT /staff/storefront, version 0). */
  storefront: v.nullable(storefrontSchema),
  /** The storefront's dated exceptions, past ones included, by date. */
  openingExceptions: v.array(openingExceptionSchema),
});
export type StaffCatalogue = v.InferOutput<typeof staffCatalogueSchema>;

// ---- Edits --------------------------------------------------------------------------------

/** The version the editor saw; a new row is version 0. */
const expectedVersion = int(0);
/** POST: a new row. The id is the server's (a random UUID) unless the request gives one. */
const newRow = { id: v.optional(plainId(64)), expectedVersion: v.literal(0) };
/** PUT: the row of the path's id, as the editor saw it. */
const knownRow = { expectedVersion };

const themeFields = { number: int(1, 999), name: visibleName(200) };
/** POST /staff/themes */
export const themeCreateSchema = v.object({ ...newRow, ...themeFields });
/** PUT /staff/themes/:id */
export const themeUpdateSchema = v.object({ ...knownRow, ...themeFields });

const institutionFields = { name: visibleName(300) };
/** POST /staff/institutions */
export const institutionCreateSchema = v.object({ ...newRow, ...institutionFields });
/** PUT /staff/institutions/:id */
export const institutionUpdateSchema = v.object({ ...knownRow, ...institutionFields });

const activityFields = {
  themeId: plainId(64),
  name: visibleName(200),
  description: multiLine(4000),
  /** Responsible institutions (ids of the catalogue's institutions). */
  actorIds: v.pipe(
    v.array(plainId(64)),
    v.maxLength(100),
    v.check((ids) => new Set(ids).size === ids.length, 'Jede Einrichtung nur einmal'),
  ),
  schedule: singleLine(300),
  place: singleLine(300),
  contact: singleLine(300),
  ampel: v.picklist(AMPEL_VALUES),
  ampelCondition: multiLine(1000),
  /** The day the Ampel was judged (yyyy-MM-dd); null: not said. Staff edits always send it. */
  ampelAsOf: v.nullable(dayString),
};
/** POST /staff/activities */
export const activityCreateSchema = v.object({ ...newRow, ...activityFields });
/** PUT /staff/activities/:id */
export const activityUpdateSchema = v.object({ ...knownRow, ...activityFields });

/**
 * PUT /staff/storefront: the quarter's one storefront and its weekly hours (any number of
 * intervals per weekday, none overlapping, each ending after it starts; 24:00 closes at
 * midnight). With version 0 when the quarter has none yet.
 */
export const storefrontUpdateSchema = v.object({
  ...knownRow,
  name: visibleName(200),
  address: singleLine(300),
  weekly: v.pipe(v.array(weeklyIntervalSchema), v.maxLength(100)),
  /** NRW public holidays are closed unless an exception for that day says otherwise. */
  holidaysClosed: v.boolean(),
});

/**
 * PUT /staff/opening-exceptions/:id: a closed day (no intervals) or other hours that day. With
 * version 0 it creates the exception under the path's id (the client makes a random UUID).
 */
export const openingExceptionUpdateSchema = v.object({
  ...knownRow,
  date: dayString,
  closed: v.boolean(),
  intervals: v.pipe(v.array(intervalSchema), v.maxLength(100)),
  note: singleLine(300),
});

/** DELETE /staff/opening-exceptions/:id (JSON body): the exception goes as a tombstone. */
export const openingExceptionDeleteSchema = v.object({ expectedVersion: int(1) });
/** The answer of the DELETE: the version the tombstone got. */
export const deletedRowSchema = v.object({ id: storedText(64), version: int(0) });

export type ThemeCreate = v.InferInput<typeof themeCreateSchema>;
export type ThemeUpdate = v.InferInput<typeof themeUpdateSchema>;
export type InstitutionCreate = v.InferInput<typeof institutionCreateSchema>;
export type InstitutionUpdate = v.InferInput<typeof institutionUpdateSchema>;
export type ActivityCreate = v.InferInput<typeof activityCreateSchema>;
export type ActivityUpdate = v.InferInput<typeof activityUpdateSchema>;
export type StorefrontUpdate = v.InferInput<typeof storefrontUpdateSchema>;
export type OpeningExceptionUpdate = v.InferInput<typeof openingExceptionUpdateSchema>;
export type OpeningExceptionDelete = v.InferInput<typeof openingExceptionDeleteSchema>;

// ---- Call partners ------------------------------------------------------------------------

/** A person of the quarter as the partner screens name them. */
export const staffPersonRefSchema = v.object({
  id: storedText(64),
  name: storedText(300),
  /** false: locked or disabled; can keep a partner but cannot be newly assigned. */
  active: v.boolean(),
});

/** The partner's fields as a pull reads them back (lenient: stored rows of older rules). */
const partnerRecord = v.omit(PARTNER.schemas.record, [
  'author',
  'conflict',
  'occurredAt',
  'concern',
  'callers',
]);

/** A call partner with its callers by name, its last call and the staff flag. */
export const staffPartnerSchema = v.object({
  ...partnerRecord.entries,
  callers: v.array(staffPersonRefSchema),
  /** Device time of the latest call naming the partner (ISO 8601); null: none yet. */
  lastCallAt: v.nullable(v.pipe(v.string(), v.maxLength(64), v.isoTimestamp())),
  /** Calls in a row, newest first, that did not reach the partner. */
  unansweredInARow: int(0),
  /** Three or more unanswered calls in a row: staff should look after this partner. */
  flagged: v.boolean(),
});
export type StaffPartner = v.InferOutput<typeof staffPartnerSchema>;

/** GET /staff/partners: the live partners and who may be assigned as a caller. */
export const staffPartnersSchema = v.object({
  partners: v.array(staffPartnerSchema),
  /** Active volunteers and staff of the quarter, by name. */
  people: v.array(v.object({ id: storedText(64), name: storedText(300), role: v.picklist(ROLES) })),
});
export type StaffPartners = v.InferOutput<typeof staffPartnersSchema>;

/**
 * Only first name or nickname, phone, times, note, length, rhythm, callers, status, and the
 * partner's consent (day, form, scope; a day needs a form and a form a day, checked by the
 * server with the values after the change: 400 otherwise).
 */
const partnerFields = PARTNER.fields;

/**
 * POST /staff/partners. Callers must be active people of the quarter. Consent may be left out
 * (a screen loaded before it existed): then it is not recorded ('').
 */
export const partnerCreateSchema = v.object({
  ...newRow,
  ...partnerFields,
  consentOn: v.optional(partnerFields.consentOn, ''),
  consentForm: v.optional(partnerFields.consentForm, ''),
  consentScope: v.optional(partnerFields.consentScope, ''),
});

/**
 * PUT /staff/partners/:id: the fields to set (any of them; those equal to the stored value
 * change nothing). Pause or end with `status`, assign and unassign with `callers`.
 */
export const partnerUpdateSchema = v.object({
  expectedVersion: int(1),
  ...v.partial(v.object(partnerFields)).entries,
});
export type PartnerCreate = v.InferInput<typeof partnerCreateSchema>;
export type PartnerUpdate = v.InferInput<typeof partnerUpdateSchema>;

// ---- Conflicts ----------------------------------------------------------------------------

/**
 * 409 of every edit above: someone saved the row since the editor loaded `expectedVersion`.
 * Nothing was changed. `current` is the row as it is now (null: it is gone).
 */
export function versionConflictSchema<S extends v.GenericSchema>(row: S) {
  return v.object({
    error: v.literal('version_conflict'),
    message: v.pipe(v.string(), v.maxLength(1000)),
    current: v.nullable(row),
  });
}

export const themeConflictSchema = versionConflictSchema(themeSchema);
export const institutionConflictSchema = versionConflictSchema(institutionSchema);
export const activityConflictSchema = versionConflictSchema(activitySchema);
export const storefrontConflictSchema = versionConflictSchema(storefrontSchema);
export const openingExceptionConflictSchema = versionConflictSchema(openingExceptionSchema);
export const partnerConflictSchema = versionConflictSchema(staffPartnerSchema);
