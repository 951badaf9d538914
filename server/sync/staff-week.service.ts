// Staff's Wochenübersicht (issue 10, `GET /staff/week`): one ISO week on a Berlin calendar —
// its figures beside the week before (range-figures.ts: the live entries whose `occurredAt`
// lies in the week's span, src/domain/iso-week.ts, summed by the database), the Ampel of every activity,
// what needs a person (attention-items.ts, any week), who may own a follow-up, and the week's
// walks with their routes and observations. Read only; every read is scoped by the staff
// member's quarter. The answer carries the server time it was made (`loadedAt`), shown beside
// the copy the browser keeps for reading offline.
import type { Kysely } from 'kysely';
import {
  formatIsoWeekId,
  isoWeekOfInstant,
  isoWeekSpan,
  nextIsoWeek,
  parseIsoWeekId,
  previousIsoWeek,
} from '../../src/domain/iso-week';
import type { StaffWeekResponse, WeekWalk } from '../../src/shared/staff/staff-week';
import { WALK_MAX_SECONDS } from '../../src/shared/kinds/walk-kind';
import type { TrackPointV2 } from '../../src/shared/walk-track';
import type { Database } from '../db/tables';
import { InvalidInputError } from '../errors';
import {
  readFigureCatalogue,
  readRangeEntries,
  readStaffMembers,
  readUserNames,
  readWalkObservations,
  readWalkRoutes,
} from '../repos/staff-week.repo';
import { attentionItems } from './attention-items';
import { rangeFigures } from './range-figures';

const DAY_MS = 86_400_000;

/** Most route points one walk sends for drawing: far more than a drawing of a quarter shows. */
export const WALK_POINTS_MAX = 1000;

export async function staffWeek(
  db: Kysely<Database>,
  quarterId: string,
  weekId: string | undefined,
  now: Date,
): Promise<StaffWeekResponse> {
  const week = weekId === undefined ? isoWeekOfInstant(now.getTime()) : parseIsoWeekId(weekId);
  if (!week) throw new InvalidInputError('Diese Kalenderwoche gibt es nicht.');
  const previous = previousIsoWeek(week);
  const span = isoWeekSpan(week);
  // Independent reads at once: on PostgreSQL each runs on a connection of the pool, so the
  // answer waits for the slowest rather than for their sum (SQLite runs them in turn). They are
  // not one snapshot: a push in between may show in one part and not yet in another, which an
  // overview that is reloaded anyway can bear (nothing is written from it).
  const catalogue = await readFigureCatalogue(db, quarterId);
  const [figures, previousFigures, attention, owners, walks] = await Promise.all([
    rangeFigures(db, quarterId, span, catalogue),
    rangeFigures(db, quarterId, isoWeekSpan(previous), catalogue),
    attentionItems(db, quarterId, now),
    readStaffMembers(db, quarterId),
    weekWalks(db, quarterId, span),
  ]);
  return {
    week: {
      id: formatIsoWeekId(week),
      year: week.year,
      week: week.week,
      monday: week.monday,
      sunday: week.sunday,
      start: span.start,
      end: span.end,
      previous: formatIsoWeekId(previous),
      next: formatIsoWeekId(nextIsoWeek(week)),
    },
    loadedAt: now.toISOString(),
    figures,
    previousFigures,
    ampel: catalogue.activities.map((a) => ({
      activityId: a.id,
      ampel: a.ampel,
      condition: a.ampelCondition,
      asOf: a.ampelAsOf,
    })),
    attention,
    owners,
    walks,
  };
}

const num = (value: unknown) => (typeof value === 'number' && value > 0 ? Math.floor(value) : 0);
const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** The week's walks (by start), each with its route and every observation made on it. */
async function weekWalks(
  db: Kysely<Database>,
  quarterId: string,
  span: { start: string; end: string },
): Promise<WeekWalk[]> {
  const walks = (await readRangeEntries(db, quarterId, span, ['walk'])).sort(
    (a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || cmp(a.id, b.id),
  );
  if (walks.length === 0) return [];
  const ids = walks.map((walk) => walk.id);
  const names = await readUserNames(
    db,
    quarterId,
    walks.map((walk) => walk.authorUserId),
  );
  const routes = await readWalkRoutes(db, quarterId, ids);
  // Made on the way: from a day before the first start (a device clock a little off) to the
  // longest a walk records after the week ends.
  const observations = await readWalkObservations(db, quarterId, ids, {
    start: new Date(Date.parse(span.start) - DAY_MS).toISOString(),
    end: new Date(Date.parse(span.end) + WALK_MAX_SECONDS * 1000 + DAY_MS).toISOString(),
  });
  return walks.map((walk) => {
    const f = walk.fields;
    const activity = f.activity as { name?: unknown } | null | undefined;
    return {
      id: walk.id,
      title: str(f.title),
      occurredAt: walk.occurredAt,
      endedAt: typeof f.endedAt === 'string' ? f.endedAt : null,
      authorName: names.get(walk.authorUserId) ?? '',
      activityName: activity && typeof activity.name === 'string' ? activity.name : null,
      participants: num(f.participants),
      distanceMetres: num(f.distanceMetres),
      walkingSeconds: num(f.walkingSeconds),
      points: thinRoute(routes.get(walk.id) ?? []),
      observations: observations
        .filter((o) => o.walkId === walk.id)
        .map((o) => ({
          id: o.id,
          category: str(o.fields.category),
          occurredAt: o.occurredAt,
          position: (o.fields.position as WeekWalk['observations'][number]['position']) ?? null,
          note: str(o.fields.note),
        })),
    };
  });
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * At most WALK_POINTS_MAX points, for drawing: every n-th point, and always the first, the last
 * and every point that starts a segment (a gap must stay a gap). Coordinates to 6 decimals
 * (about 10 cm): the time and accuracy of each fix are not drawn.
 */
export function thinRoute(points: readonly TrackPointV2[]): WeekWalk['points'] {
  const step = Math.max(1, Math.ceil(points.length / WALK_POINTS_MAX));
  const kept: WeekWalk['points'] = [];
  points.forEach((point, index) => {
    if (index % step !== 0 && !point.gap && index !== points.length - 1) return;
    const lat = Math.round(point.lat * 1e6) / 1e6;
    const lon = Math.round(point.lon * 1e6) / 1e6;
    kept.push(point.gap ? { lat, lon, gap: true } : { lat, lon });
  });
  return kept;
}
