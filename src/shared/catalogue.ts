// Shapes of the reference data (catalogue and opening hours) as they travel between server and
// device. One valibot schema per entity; the TypeScript types are inferred from them, so client
// and server can never disagree on a field. Validation runs on both sides: the server checks
// what it reads from requests, the device checks every pull before applying it.
import * as v from 'valibot';
import { int, isDayString, multiLine, plainId, singleLine, visibleName } from './text';

export const AMPEL_VALUES = ['green', 'yellow', 'red'] as const;
export type Ampel = (typeof AMPEL_VALUES)[number];

// Text fields use the builders of text.ts (no control characters, NFC, a maximum length); names
// need a visible character; descriptions may have line breaks.
const id = plainId(64);
const text = singleLine;
/** A real calendar day as a `yyyy-MM-dd` string, not a Date (docs/architecture.md, House style). */
export const dayString = v.pipe(
  v.string(),
  v.maxLength(10),
  v.check(isDayString, 'Datum als JJJJ-MM-TT'),
);
/** Wall-clock time in Europe/Berlin, `HH:mm`, 00:00–24:00. */
export const timeString = v.pipe(
  v.string(),
  v.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Uhrzeit als HH:MM'),
);
/**
 * Stamped by the server's clock: read back as any ISO timestamp (a wrong server clock must not
 * make devices refuse pulls). Times that devices send are `instant` (text.ts).
 */
const isoInstant = v.pipe(v.string(), v.maxLength(64), v.isoTimestamp());
const version = int(0);

export const themeSchema = v.object({
  id,
  number: int(1, 999),
  name: visibleName(200),
  version,
});

export const institutionSchema = v.object({ id, name: visibleName(300), version });

/** A topic of advice sessions (Beratungsthema), in the order `number` gives. */
export const topicSchema = v.object({ id, number: int(1, 999), name: visibleName(200), version });

export const activitySchema = v.object({
  id,
  themeId: id,
  name: visibleName(200),
  description: multiLine(4000),
  /** Responsible actors: ids from the institutions list. */
  actorIds: v.pipe(v.array(id), v.maxLength(100)),
  schedule: text(300),
  place: text(300),
  contact: text(300),
  ampel: v.picklist(AMPEL_VALUES),
  /** The condition under which the activity continues (what the Ampel depends on). */
  ampelCondition: multiLine(1000),
  /**
   * The day staff last judged the Ampel (a Berlin calendar day); null: not said. Optional, so a
   * device still reads rows it stored before issue 10 and pulls from servers that do not send it.
   */
  ampelAsOf: v.optional(v.nullable(dayString)),
  isExample: v.boolean(),
  updatedAt: isoInstant,
  version,
});

export const intervalSchema = v.object({ opens: timeString, closes: timeString });

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const weeklyIntervalSchema = v.object({
  weekday: int(1, 7),
  opens: timeString,
  closes: timeString,
});

export const storefrontSchema = v.object({
  id,
  name: visibleName(200),
  address: text(300),
  weekly: v.pipe(v.array(weeklyIntervalSchema), v.maxLength(100)),
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
  intervals: v.pipe(v.array(intervalSchema), v.maxLength(100)),
  note: text(300),
  isExample: v.boolean(),
  updatedAt: isoInstant,
  version,
});

export type Theme = v.InferOutput<typeof themeSchema>;
export type Institution = v.InferOutput<typeof institutionSchema>;
export type Topic = v.InferOutput<typeof topicSchema>;
export type Activity = v.InferOutput<typeof activitySchema>;
export type Interval = v.InferOutput<typeof intervalSchema>;
export type WeeklyInterval = v.InferOutput<typeof weeklyIntervalSchema>;
export type Storefront = v.InferOutput<typeof storefrontSchema>;
export type OpeningException = v.InferOutput<typeof openingExceptionSchema>;
