// What one entry adds to the figures (src/domain/entry-figures.ts), derived from its kind's
// fields: the activity it names, whether a call reached someone, the volunteer time it gave,
// the people and metres of a walk. The server stores these beside the fields when an entry is
// written (server/db/entry-row.ts, columns `fig_*`, migration 0009), so the week's figures
// are one GROUP BY over an index instead of reading every entry's JSON; summarizeEntries
// derives them the same way per entry, so both count alike. Pure.
// Migration 0009 carries a frozen copy of this derivation for the rows it backfills: a change
// here needs a migration that recomputes the columns.
import { WALK_MAX_SECONDS } from '../shared/kinds/walk-kind';

/** An entry's share of the figures, apart from its kind, concern flag and author. */
export interface FigureValues {
  /** The id of the activity snapshot the entry names; null: none (or not a valid snapshot). */
  activityId: string | null;
  /** Calls: false when not reached (only an explicit `false`); null for other kinds. */
  reached: boolean | null;
  /** Time volunteers gave, in seconds (calls and advice: whole minutes × 60; walks: the span). */
  seconds: number;
  participants: number;
  withWalkingAids: number;
  withWheelchairs: number;
  metres: number;
}

/** A non-negative whole number from a stored field; anything else counts as 0. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/**
 * Seconds a walk's guide gave: from its start (`occurredAt`) to `endedAt`, pauses included —
 * a rest on a bench or a stop at a café is time with the group, which `walkingSeconds` leaves
 * out. Both instants come from the same device's clock, so their difference is sound even when
 * that clock is off. A walk still being recorded (no end), or an end before the start or
 * shorter than the walking time (a clock changed mid-walk), falls back to `walkingSeconds`;
 * the span is capped at the longest walk the app records, so a forgotten "Beenden" cannot
 * add more than that.
 */
export function walkVolunteerSeconds(occurredAt: string, fields: Record<string, unknown>): number {
  const walking = count(fields.walkingSeconds);
  const ended = typeof fields.endedAt === 'string' ? Date.parse(fields.endedAt) : NaN;
  const started = Date.parse(occurredAt);
  if (!Number.isFinite(ended) || !Number.isFinite(started)) return walking;
  const span = Math.floor((ended - started) / 1000);
  if (span < walking) return walking;
  return Math.min(span, WALK_MAX_SECONDS);
}

export interface ActivitySnapshot {
  id: string;
  name: string;
  themeName: string;
}

/** The activity snapshot `{ id, name, themeName }` an entry's fields name, or null. */
export function activitySnapshotOf(fields: Record<string, unknown>): ActivitySnapshot | null {
  const a = fields.activity;
  if (typeof a !== 'object' || a === null) return null;
  const { id, name, themeName } = a as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return null;
  return {
    id,
    name: typeof name === 'string' ? name : id,
    themeName: typeof themeName === 'string' ? themeName : '',
  };
}

/** What an entry of `kind` with these fields (and start) adds to the figures. */
export function figureValuesOf(
  kind: string,
  occurredAt: string,
  fields: Record<string, unknown>,
): FigureValues {
  const values: FigureValues = {
    activityId: activitySnapshotOf(fields)?.id ?? null,
    reached: null,
    seconds: 0,
    participants: 0,
    withWalkingAids: 0,
    withWheelchairs: 0,
    metres: 0,
  };
  switch (kind) {
    case 'call':
      values.reached = fields.reached !== false;
      values.seconds = count(fields.durationMinutes) * 60;
      break;
    case 'advice':
      values.seconds = count(fields.durationMinutes) * 60;
      break;
    case 'walk':
      values.participants = count(fields.participants);
      values.withWalkingAids = count(fields.withWalkingAids);
      values.withWheelchairs = count(fields.withWheelchairs);
      values.metres = count(fields.distanceMetres);
      values.seconds = walkVolunteerSeconds(occurredAt, fields);
      break;
    // Observations: made on a walk whose time already counts.
  }
  return values;
}
