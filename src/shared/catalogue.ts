// Shapes of the reference data (catalogue and opening hours) as they travel between server and
// device. One valibot schema per entity; the TypeScript types are inferred from them, so client
// and server can never disagree on a field. Validation runs on both sides: the server checks
// what it reads from requests, the device checks every pull before applying it.
import * as v from 'valibot';

export const AMPEL_VALUES = ['green', 'yellow', 'red'] as const;
export type Ampel = (typeof AMPEL_VALUES)[number];

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** Calendar day as `yyyy-MM-dd` (STYLE.md: calendar days are strings, not Dates). */
export const dayString = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-TT'));
/** Wall-clock time in Europe/Berlin, `HH:mm`, 00:00–24:00. */
export const timeString = v.pipe(
  v.string(),
  v.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Uhrzeit als HH:MM'),
);
const isoInstant = v.pipe(v.string(), v.isoTimestamp());
const version = v.pipe(v.number(), v.integer(), v.minValue(0));

export const themeSchema = v.object({
  id,
  number: v.pipe(v.number(), v.integer(), v.minValue(1)),
  name: text(200),
  version,
});

export const institutionSchema = v.object({ id, name: text(300), version });

export const activitySchema = v.object({
  id,
  themeId: id,
  name: text(200),
  description: text(4000),
  /** Responsible actors: ids from the institutions list. */
  actorIds: v.array(id),
  schedule: text(300),
  place: text(300),
  contact: text(300),
  ampel: v.picklist(AMPEL_VALUES),
  /** The condition under which the activity continues (what the Ampel depends on). */
  ampelCondition: text(1000),
  isExample: v.boolean(),
  updatedAt: isoInstant,
  version,
});

export const intervalSchema = v.object({ opens: timeString, closes: timeString });

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const weeklyIntervalSchema = v.object({
  weekday: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7)),
  opens: timeString,
  closes: timeString,
});

export const storefrontSchema = v.object({
  id,
  name: text(200),
  address: text(300),
  weekly: v.array(weeklyIntervalSchema),
  /** NRW public holidays are closed unless an exception for that day says otherwise. */
  holidaysClosed: v.boolean(),
  isExample: v.boolean(),
  updatedAt: isoInstant,
  version,
});

/** A dated exception: closed all day, or open with these hours instead of the weekly ones. */
export const openingExceptionSchema = v.object({
  id,
  storefrontId: id,
  date: dayString,
  closed: v.boolean(),
  intervals: v.array(intervalSchema),
  note: text(300),
  isExample: v.boolean(),
  updatedAt: isoInstant,
  version,
});

export type Theme = v.InferOutput<typeof themeSchema>;
export type Institution = v.InferOutput<typeof institutionSchema>;
export type Activity = v.InferOutput<typeof activitySchema>;
export type Interval = v.InferOutput<typeof intervalSchema>;
export type WeeklyInterval = v.InferOutput<typeof weeklyIntervalSchema>;
export type Storefront = v.InferOutput<typeof storefrontSchema>;
export type OpeningException = v.InferOutput<typeof openingExceptionSchema>;
