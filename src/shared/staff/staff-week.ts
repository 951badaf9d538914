// The Wochenübersicht for staff (issue 10, docs/api.md "The week, follow-ups, history"):
// - `GET /staff/week?week=2026-W48`: the week's figures beside the week before, the catalogue's
//   Ampel, what needs a person (open concerns, call partners after three unanswered calls,
//   entries with a conflict — each with its follow-up), and the week's walks with their routes
//   and observations. Weeks are ISO weeks on a Berlin calendar (src/domain/iso-week.ts).
// - `PUT /staff/follow-ups/:subjectType/:subjectId`: owner, due date, status and note of one
//   item, with optimistic concurrency (`expectedVersion`; 0 while the item has no row yet).
//   "erledigt" takes a note. A conflict is closed by resolving it in the entry's history.
// - `GET /staff/entries/:id/history`, `POST /staff/entries/:id/resolve`: who changed which field
//   when, on which device; the values a concurrent edit lost, and bringing chosen ones back.
// Attention items carry only what staff need to act: never a phone number, never a whole note.
import * as v from 'valibot';
import { AMPEL_VALUES, dayString } from '../catalogue';
import { ROLES } from '../identity';
import { hasVisibleCharacter, int, multiLine, plainId } from '../text';

// ---- Requests --------------------------------------------------------------------------------

/** `?week=2026-W48`; without it the current week. The week must exist (`parseIsoWeekId`). */
export const staffWeekQuerySchema = v.object({
  week: v.optional(
    v.pipe(v.string(), v.maxLength(8), v.regex(/^\d{4}-W\d{2}$/, 'Woche als JJJJ-Www')),
  ),
});
export type StaffWeekQuery = v.InferOutput<typeof staffWeekQuerySchema>;

export const FOLLOW_UP_SUBJECTS = ['concern', 'partner', 'conflict'] as const;
export type FollowUpSubject = (typeof FOLLOW_UP_SUBJECTS)[number];
export const FOLLOW_UP_STATUSES = ['open', 'in_progress', 'done'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** Longest follow-up note ("was wurde getan"). */
export const FOLLOW_UP_NOTE_MAX = 2000;
/** How much of a concern's note an attention item shows. */
export const CONCERN_PREVIEW_CHARS = 200;

export const followUpParamsSchema = v.object({
  subjectType: v.picklist(FOLLOW_UP_SUBJECTS),
  subjectId: plainId(64),
});

/** Why a follow-up cannot be "erledigt" yet (the message staff see next to the note). */
export const DONE_NEEDS_NOTE = 'Für „erledigt“ bitte kurz notieren, was getan wurde.';

/** Whether a note says something: "erledigt" needs one. */
export const isNoteGiven = (note: string) => note.trim() !== '' && hasVisibleCharacter(note);

export const followUpUpdateSchema = v.pipe(
  v.object({
    /** The follow-up's version as loaded; 0 when the item had no follow-up yet. */
    expectedVersion: int(0),
    ownerUserId: v.nullable(plainId(64)),
    dueDate: v.nullable(dayString),
    status: v.picklist(FOLLOW_UP_STATUSES),
    note: multiLine(FOLLOW_UP_NOTE_MAX),
  }),
  v.forward(
    v.check((input) => input.status !== 'done' || isNoteGiven(input.note), DONE_NEEDS_NOTE),
    ['note'],
  ),
);
export type FollowUpUpdate = v.InferInput<typeof followUpUpdateSchema>;

export const entryParamsSchema = v.object({ id: plainId(64) });

/** Most fields one resolution may restore (no kind has more fields). */
const RESTORE_MAX = 50;

export const resolveRequestSchema = v.object({
  /** The entry's version as shown in its history. */
  expectedVersion: int(0),
  /** Fields whose lost value comes back; empty: the current values stay. */
  restore: v.pipe(
    v.array(
      v.pipe(
        v.string(),
        v.minLength(1),
        v.maxLength(64),
        v.regex(/^[A-Za-z][A-Za-z0-9]*$/, 'Feldname'),
      ),
    ),
    v.maxLength(RESTORE_MAX),
    v.check((names) => new Set(names).size === names.length, 'Jedes Feld nur einmal'),
  ),
});
export type ResolveRequest = v.InferInput<typeof resolveRequestSchema>;

// ---- Responses (read leniently: what the server sends is checked, not re-judged) -------------

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const instantText = v.pipe(v.string(), v.maxLength(64));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const idText = text(64);

const figureCounts = {
  callsReached: count,
  callsNotReached: count,
  walks: count,
  adviceSessions: count,
  observations: count,
  concerns: count,
  participants: count,
  withWalkingAids: count,
  withWheelchairs: count,
  volunteerMinutes: count,
  metresWalked: count,
  volunteers: count,
};
const figureCountsSchema = v.object(figureCounts);

/** `EntryFigures` of src/domain/entry-figures.ts. */
export const entryFiguresSchema = v.object({
  total: figureCountsSchema,
  themes: v.array(
    v.object({
      id: v.nullable(idText),
      number: v.nullable(v.number()),
      name: text(1000),
      ...figureCounts,
    }),
  ),
  activities: v.array(
    v.object({
      id: idText,
      name: text(1000),
      themeId: v.nullable(idText),
      themeName: text(1000),
      ampel: v.nullable(v.picklist(AMPEL_VALUES)),
      inCatalogue: v.boolean(),
      ...figureCounts,
    }),
  ),
  withoutActivity: figureCountsSchema,
});

export const weekInfoSchema = v.object({
  /** `2026-W48`. */
  id: text(8),
  year: count,
  week: count,
  monday: text(10),
  sunday: text(10),
  /** Monday 00:00 and the next Monday 00:00 in Berlin, as UTC instants. */
  start: instantText,
  end: instantText,
  previous: text(8),
  next: text(8),
});

export const followUpSchema = v.object({
  subjectType: v.picklist(FOLLOW_UP_SUBJECTS),
  subjectId: idText,
  ownerUserId: v.nullable(idText),
  ownerName: v.nullable(text(300)),
  dueDate: v.nullable(text(10)),
  status: v.picklist(FOLLOW_UP_STATUSES),
  note: text(FOLLOW_UP_NOTE_MAX),
  /** 0: nobody has touched the item yet (send 0 as `expectedVersion`). */
  version: count,
  updatedAt: v.nullable(instantText),
  doneAt: v.nullable(instantText),
});
export type FollowUp = v.InferOutput<typeof followUpSchema>;

export const attentionItemSchema = v.object({
  subjectType: v.picklist(FOLLOW_UP_SUBJECTS),
  /** The entry's id (concern, conflict) or the partner's. */
  subjectId: idText,
  /** The entry's kind (`call`, `advice`, …); `partner` for a call partner. */
  kind: text(64),
  /** When it happened (device time); a partner: the latest call. */
  occurredAt: v.nullable(instantText),
  /** Who wrote the entry; a partner: null. */
  authorName: v.nullable(text(300)),
  /** A call's partner as the caller wrote it, or the registered partner's first name. */
  partnerName: v.nullable(text(1000)),
  /** Concerns only: the note's first CONCERN_PREVIEW_CHARS characters. */
  notePreview: v.nullable(text(CONCERN_PREVIEW_CHARS)),
  /** Partners only: calls in a row that did not reach them. */
  unansweredInARow: v.nullable(count),
  followUp: followUpSchema,
  /** The item had been closed and came back (a newer unanswered call, a new conflict). */
  reopened: v.boolean(),
});
export type AttentionItem = v.InferOutput<typeof attentionItemSchema>;

const point = v.object({ lat: v.number(), lon: v.number(), gap: v.optional(v.literal(true)) });

export const weekWalkSchema = v.object({
  id: idText,
  title: text(1000),
  occurredAt: instantText,
  endedAt: v.nullable(instantText),
  authorName: text(300),
  activityName: v.nullable(text(1000)),
  participants: count,
  distanceMetres: count,
  walkingSeconds: count,
  /** The route, thinned for drawing; `gap` starts a new segment (a pause). */
  points: v.array(point),
  observations: v.array(
    v.object({
      id: idText,
      category: text(32),
      occurredAt: instantText,
      position: v.nullable(v.object({ lat: v.number(), lon: v.number(), accuracy: v.number() })),
      note: text(100_000),
    }),
  ),
});
export type WeekWalk = v.InferOutput<typeof weekWalkSchema>;

export const staffWeekResponseSchema = v.object({
  week: weekInfoSchema,
  /** Server time the answer was made (shown with an offline copy). */
  loadedAt: instantText,
  figures: entryFiguresSchema,
  previousFigures: entryFiguresSchema,
  /** The Ampel beside each activity: colour, condition and the day it was judged. */
  ampel: v.array(
    v.object({
      activityId: idText,
      ampel: v.picklist(AMPEL_VALUES),
      condition: text(4000),
      asOf: v.nullable(text(10)),
    }),
  ),
  attention: v.array(attentionItemSchema),
  /** Who may own a follow-up: the quarter's active staff and admins. */
  owners: v.array(v.object({ userId: idText, name: text(300), role: v.picklist(ROLES) })),
  walks: v.array(weekWalkSchema),
});
export type StaffWeekResponse = v.InferOutput<typeof staffWeekResponseSchema>;

const historyChange = v.object({
  field: text(64),
  /** German name of the field ("Notiz"). */
  label: text(200),
  oldValue: v.unknown(),
  newValue: v.unknown(),
  /** Server order. */
  version: count,
  recordedAt: instantText,
  authorName: text(300),
  deviceLabel: text(300),
  /** `oldValue` came from a concurrent edit and was overwritten. */
  conflict: v.boolean(),
});

export const entryHistoryResponseSchema = v.object({
  entry: v.object({
    id: idText,
    kind: text(64),
    occurredAt: instantText,
    createdAt: instantText,
    authorName: text(300),
    deviceLabel: text(300),
    /** Send this as `expectedVersion` to resolve. */
    version: count,
    conflict: v.boolean(),
    /** The entry's values now (occurredAt, concern and the kind's own fields). */
    values: v.record(v.string(), v.unknown()),
  }),
  /** Oldest first. */
  changes: v.array(historyChange),
  /** Values concurrent edits overwrote since the last resolution, newest per field. */
  lost: v.array(
    v.object({
      field: text(64),
      label: text(200),
      value: v.unknown(),
      current: v.unknown(),
      recordedAt: instantText,
      /** Who wrote the value that was lost (the earlier writer). */
      lostBy: v.nullable(text(300)),
    }),
  ),
});
export type EntryHistoryResponse = v.InferOutput<typeof entryHistoryResponseSchema>;
