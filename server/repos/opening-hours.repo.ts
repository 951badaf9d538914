// Writers for opening hours: storefronts with weekly hours, and dated exceptions. Same pattern
// as catalogue.repo.ts (validate, optimistic check, upsert with the transaction's version);
// on top of the shared schema they refuse hours a device could not show sensibly: an interval
// that ends before it starts, intervals of one day that overlap, a "closed" day with hours, two
// exceptions for one day.
import * as v from 'valibot';
import { openingExceptionSchema, storefrontSchema } from '../../src/shared/catalogue';
import { InvalidInputError } from '../errors';
import { parseOrThrow } from '../validation';
import type { WriteContext } from './quarter-version.repo';
import {
  checkExpectedVersion,
  requireLive,
  stamp,
  toFlag,
  upsertWith,
  writeRow,
  type PutOptions,
} from './synced-row.repo';

export const storefrontInputSchema = v.omit(storefrontSchema, ['version', 'updatedAt']);
export const openingExceptionInputSchema = v.omit(openingExceptionSchema, ['version', 'updatedAt']);
export type StorefrontInput = v.InferInput<typeof storefrontInputSchema>;
export type OpeningExceptionInput = v.InferInput<typeof openingExceptionInputSchema>;

export async function putStorefront(
  w: WriteContext,
  input: StorefrontInput,
  options: PutOptions = {},
) {
  const storefront = parseOrThrow(storefrontInputSchema, input, 'Anlaufstelle');
  requireOrderedIntervals(storefront.weekly);
  for (let weekday = 1; weekday <= 7; weekday += 1) {
    requireSeparateIntervals(storefront.weekly.filter((interval) => interval.weekday === weekday));
  }
  await checkExpectedVersion(w, 'storefronts', storefront.id, options.expectedVersion);
  const row = {
    name: storefront.name,
    address: storefront.address,
    weekly: JSON.stringify(storefront.weekly),
    holidays_closed: toFlag(storefront.holidaysClosed),
    is_example: toFlag(storefront.isExample),
    ...stamp(w),
  };
  await writeRow(w, 'storefronts', storefront.id, row);
}

export async function putOpeningException(
  w: WriteContext,
  input: OpeningExceptionInput,
  options: PutOptions = {},
) {
  const exception = parseOrThrow(openingExceptionInputSchema, input, 'Ausnahme');
  if (exception.closed !== (exception.intervals.length === 0)) {
    throw new InvalidInputError(
      'Ausnahme: ein geschlossener Tag hat keine Öffnungszeiten, ein geöffneter mindestens eine.',
    );
  }
  requireOrderedIntervals(exception.intervals);
  requireSeparateIntervals(exception.intervals);
  await checkExpectedVersion(w, 'opening_exceptions', exception.id, options.expectedVersion);
  await requireLive(w, 'storefronts', exception.storefrontId, 'Die Anlaufstelle');
  const sameDay = await w.tx
    .selectFrom('opening_exceptions')
    .select('id')
    .where('quarter_id', '=', w.quarterId)
    .where('storefront_id', '=', exception.storefrontId)
    .where('date', '=', exception.date)
    .where('deleted', '=', 0)
    .where('id', '!=', exception.id)
    .executeTakeFirst();
  if (sameDay) {
    throw new InvalidInputError(`Für den ${exception.date} gibt es schon eine Ausnahme.`);
  }
  const row = {
    storefront_id: exception.storefrontId,
    date: exception.date,
    closed: toFlag(exception.closed),
    intervals: JSON.stringify(exception.intervals),
    note: exception.note,
    is_example: toFlag(exception.isExample),
    ...stamp(w),
  };
  await writeRow(w, 'opening_exceptions', exception.id, row);
}

export const upsertStorefront = upsertWith(putStorefront);
export const upsertOpeningException = upsertWith(putOpeningException);

/** `HH:mm` strings compare correctly as text, including the closing time 24:00. */
function requireOrderedIntervals(intervals: readonly { opens: string; closes: string }[]) {
  const bad = intervals.find((interval) => interval.opens >= interval.closes);
  if (bad) {
    throw new InvalidInputError(
      `Öffnungszeit ${bad.opens}–${bad.closes}: das Ende muss nach dem Beginn liegen.`,
    );
  }
}

/**
 * Intervals of one day must not overlap (touching is fine: 10:00–12:00 and 12:00–14:00): a
 * device would show the hours twice and could not say when the storefront closes.
 */
function requireSeparateIntervals(intervals: readonly { opens: string; closes: string }[]) {
  const sorted = [...intervals].sort((a, b) => a.opens.localeCompare(b.opens));
  for (let i = 1; i < sorted.length; i += 1) {
    const before = sorted[i - 1]!;
    const after = sorted[i]!;
    if (after.opens < before.closes) {
      throw new InvalidInputError(
        `Öffnungszeiten ${before.opens}–${before.closes} und ${after.opens}–${after.closes} überschneiden sich.`,
      );
    }
  }
}
