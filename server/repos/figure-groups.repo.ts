// The figures of a span of time as the database sums them (issue 10: staff's week, the monthly
// report): live entries grouped by kind, activity and (calls) reached, over the `fig_*` columns
// each entry carries (db/entry-row.ts, migration 0009). The WHERE leads with the columns of
// `entries_figures_idx`: the quarter and the entry's ISO week (`fig_week`). For one ISO week
// that is an equality, so the index hands the rows over in the order they are grouped (no sort)
// and no row of `entries` is read; a span of several weeks (a month) is a range of weeks,
// narrowed by `occurred_at`, which the index holds too. Kinds are not filtered here (a
// condition on `kind` could lead the planner to another index, which does not hold the
// figures): the fold leaves out the few groups of kinds that are not activity.
// Counted are the rows with a week: live entries, and entries whose retention period ended
// (deleted for devices, their content gone, their figure columns kept: retention.job.ts). An
// entry a person deleted has no week (repos/entry.repo.ts `TOMBSTONE_CONTENT`), so no
// `deleted` condition is needed.
import { sql, type Kysely } from 'kysely';
import { activitySnapshotOf, type ActivitySnapshot } from '../../src/domain/entry-figure-values';
import type { FigureGroup } from '../../src/domain/entry-figures';
import { formatIsoWeekId, isoWeekOfInstant, isoWeekSpan } from '../../src/domain/iso-week';
import { dialectOf } from '../db/database';
import type { Database } from '../db/tables';

interface GroupRow {
  kind: string;
  activity_id: string | null;
  reached: number | null;
  entries: number | string;
  concerns: number | string | null;
  seconds: number | string | null;
  participants: number | string | null;
  walking_aids: number | string | null;
  wheelchairs: number | string | null;
  metres: number | string | null;
  /** Distinct author ids, comma-separated (ids never hold a comma: src/shared/text.ts plainId). */
  authors: string | null;
}

/** PostgreSQL answers count and sum as bigint, which pg hands over as text. */
const num = (value: number | string | null) => (value === null ? 0 : Number(value));

/**
 * Which entries a span holds, by the index's columns: one ISO week by `fig_week` alone (the
 * same entries as its span of time: both come from the Berlin calendar, src/domain/iso-week.ts;
 * a condition on `occurred_at` too would let SQLite prefer an index on it); any other span by
 * the weeks it touches and its times (the end exclusive).
 */
function spanCondition(span: { start: string; end: string }) {
  const first = isoWeekOfInstant(Date.parse(span.start));
  const last = formatIsoWeekId(isoWeekOfInstant(Date.parse(span.end) - 1));
  const week = isoWeekSpan(first);
  const firstId = formatIsoWeekId(first);
  if (week.start === span.start && week.end === span.end) return sql`fig_week = ${firstId}`;
  return sql`fig_week between ${firstId} and ${last}
    and occurred_at >= ${span.start} and occurred_at < ${span.end}`;
}

/** The live entries with `start <= occurred_at < end` (UTC ISO instants), summed by group. */
export async function readFigureGroups(
  db: Kysely<Database>,
  quarterId: string,
  span: { start: string; end: string },
): Promise<FigureGroup[]> {
  const authors =
    dialectOf(db) === 'postgres'
      ? sql<string>`string_agg(distinct author_user_id, ',')`
      : sql<string>`group_concat(distinct author_user_id)`;
  const { rows } = await sql<GroupRow>`
    select kind, fig_activity_id as activity_id, fig_reached as reached, count(*) as entries,
      sum(concern) as concerns, sum(fig_seconds) as seconds,
      sum(fig_participants) as participants, sum(fig_walking_aids) as walking_aids,
      sum(fig_wheelchairs) as wheelchairs, sum(fig_metres) as metres, ${authors} as authors
    from entries
    where quarter_id = ${quarterId} and ${spanCondition(span)}
    group by kind, fig_activity_id, fig_reached`.execute(db);
  return rows.map((row) => ({
    kind: row.kind,
    activityId: row.activity_id,
    reached: row.reached === null ? null : num(row.reached) === 1,
    entries: num(row.entries),
    concerns: num(row.concerns),
    seconds: num(row.seconds),
    participants: num(row.participants),
    withWalkingAids: num(row.walking_aids),
    withWheelchairs: num(row.wheelchairs),
    metres: num(row.metres),
    authors: row.authors === null || row.authors === '' ? [] : row.authors.split(','),
  }));
}

/**
 * The names entries of the span give these activities (ids no longer in the catalogue, so
 * rare): per id the newest entry's snapshot.
 */
export async function readActivitySnapshots(
  db: Kysely<Database>,
  quarterId: string,
  span: { start: string; end: string },
  ids: readonly string[],
): Promise<Map<string, ActivitySnapshot>> {
  const snapshots = new Map<string, ActivitySnapshot>();
  if (ids.length === 0) return snapshots;
  const rows = await db
    .selectFrom('entries')
    .select(['fields'])
    .where('quarter_id', '=', quarterId)
    .where('occurred_at', '>=', span.start)
    .where('occurred_at', '<', span.end)
    .where('fig_week', 'is not', null)
    .where('fig_activity_id', 'in', [...ids])
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) {
    const snapshot = activitySnapshotOf(JSON.parse(row.fields) as Record<string, unknown>);
    if (snapshot && !snapshots.has(snapshot.id)) snapshots.set(snapshot.id, snapshot);
  }
  return snapshots;
}
