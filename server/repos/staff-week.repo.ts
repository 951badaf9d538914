// What staff's week view reads (issue 10): the live entries of a span of time, the entries that
// need a person (concerns, conflicts), the week's walks' routes and observations, the catalogue
// for the per-activity table, and the people who may own a follow-up. Read only, and always
// scoped by the staff member's quarter.
// Times: `occurred_at` is stored exactly as `Date#toISOString` writes it (or without the
// milliseconds, src/shared/text.ts `instant`), so comparing it as text with a span's bounds
// (`…T23:00:00.000Z`) orders it as the instants it names: `…00Z` sorts after `…00.000Z`, which
// keeps an entry at exactly Monday 00:00 in its week and out of the week before.
import { sql, type Kysely } from 'kysely';
import type { Database, EntriesTable } from '../db/tables';
import { dialectOf } from '../db/database';
import type { TrackPointV2 } from '../../src/shared/walk-track';

/** An entry as the figures need it: no note-sized columns besides the kind's own fields. */
export interface RangeEntry {
  id: string;
  kind: string;
  occurredAt: string;
  concern: boolean;
  authorUserId: string;
  /** The kind's own fields, parsed. */
  fields: Record<string, unknown>;
}

/** Kinds whose entries count as activity in the figures (partners are people, not activity). */
export const ACTIVITY_KINDS = ['call', 'advice', 'walk', 'observation'] as const;

/**
 * The live entries of `kinds` with `start <= occurred_at < end` (UTC ISO instants). The
 * condition is the leading columns of `entries_quarter_kind_occurred_idx` (quarter_id, kind,
 * occurred_at), so each kind is one index range, whatever the size of the table.
 */
export async function readRangeEntries(
  db: Kysely<Database>,
  quarterId: string,
  span: { start: string; end: string },
  kinds: readonly string[] = ACTIVITY_KINDS,
): Promise<RangeEntry[]> {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom('entries')
    .select(['id', 'kind', 'occurred_at', 'concern', 'author_user_id', 'fields'])
    .where('quarter_id', '=', quarterId)
    .where('kind', 'in', [...kinds])
    .where('occurred_at', '>=', span.start)
    .where('occurred_at', '<', span.end)
    .where('deleted', '=', 0)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    occurredAt: row.occurred_at,
    concern: row.concern === 1,
    authorUserId: row.author_user_id,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
  }));
}

/** An entry that needs a person. */
export interface FlaggedEntry {
  id: string;
  kind: string;
  occurredAt: string;
  authorUserId: string;
  fields: Record<string, unknown>;
}

/**
 * The quarter's live entries with `concern = 1` (any week) whose concern follow-up is not done,
 * or with `conflict = 1` (all of them: whether a conflict is still open is the caller's rule).
 * Those are few and found through the partial indexes `entries_live_concern_idx` and
 * `entries_live_conflict_idx` (migration 0009); the follow-up's state is joined here so done
 * concerns never leave the database. Nothing else is joined: the index holds the entry's id,
 * so a done concern is skipped without reading its row (authors' names: `readUserNames`).
 */
export async function readFlaggedEntries(
  db: Kysely<Database>,
  quarterId: string,
  flag: 'concern' | 'conflict',
): Promise<FlaggedEntry[]> {
  const rows = await db
    .selectFrom('entries as e')
    .leftJoin('follow_ups as f', (join) =>
      join
        .onRef('f.quarter_id', '=', 'e.quarter_id')
        .onRef('f.subject_id', '=', 'e.id')
        .on('f.subject_type', '=', flag),
    )
    .select(['e.id', 'e.kind', 'e.occurred_at', 'e.fields', 'e.author_user_id'])
    .where('e.quarter_id', '=', quarterId)
    // Literal, not bound: so both databases use the partial index of migration 0009.
    .where(flag === 'concern' ? sql<boolean>`e.concern = 1` : sql<boolean>`e.conflict = 1`)
    .where(sql<boolean>`e.deleted = 0`)
    .$if(flag === 'concern', (qb) =>
      qb.where((eb) => eb.or([eb('f.status', 'is', null), eb('f.status', '!=', 'done')])),
    )
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    occurredAt: row.occurred_at,
    authorUserId: row.author_user_id,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
  }));
}

/** The live entry of the quarter (any kind), or undefined. */
export async function findLiveEntry(
  db: Kysely<Database>,
  quarterId: string,
  id: string,
): Promise<Pick<EntriesTable, 'id' | 'kind' | 'concern' | 'conflict'> | undefined> {
  return db
    .selectFrom('entries')
    .select(['id', 'kind', 'concern', 'conflict'])
    .where('quarter_id', '=', quarterId)
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst();
}

/** A stored route chunk's points, per walk in chunk order. */
export async function readWalkRoutes(
  db: Kysely<Database>,
  quarterId: string,
  walkIds: readonly string[],
): Promise<Map<string, TrackPointV2[]>> {
  const routes = new Map<string, TrackPointV2[]>();
  if (walkIds.length === 0) return routes;
  const rows = await db
    .selectFrom('walk_track_chunks')
    .select(['walk_id', 'points'])
    .where('quarter_id', '=', quarterId)
    .where('walk_id', 'in', [...walkIds])
    .orderBy('walk_id')
    .orderBy('chunk')
    .execute();
  for (const row of rows) {
    const points = routes.get(row.walk_id) ?? [];
    for (const point of JSON.parse(row.points) as TrackPointV2[]) points.push(point);
    routes.set(row.walk_id, points);
  }
  return routes;
}

export interface WalkObservation {
  id: string;
  walkId: string;
  occurredAt: string;
  fields: Record<string, unknown>;
}

/**
 * The live observations of these walks made `within` (UTC instants; an index range of
 * `entries_quarter_kind_occurred_idx`). The walk's id is read out of the JSON `fields` by each
 * database's own JSON function, so only those rows leave the database.
 */
export async function readWalkObservations(
  db: Kysely<Database>,
  quarterId: string,
  walkIds: readonly string[],
  within: { start: string; end: string },
): Promise<WalkObservation[]> {
  if (walkIds.length === 0) return [];
  const walkId =
    dialectOf(db) === 'postgres'
      ? sql<string | null>`(fields::jsonb ->> 'walkId')`
      : sql<string | null>`json_extract(fields, '$.walkId')`;
  const rows = await db
    .selectFrom('entries')
    .select(['id', 'occurred_at', 'fields', walkId.as('walk_id')])
    .where('quarter_id', '=', quarterId)
    .where('kind', '=', 'observation')
    .where('occurred_at', '>=', within.start)
    .where('occurred_at', '<', within.end)
    .where('deleted', '=', 0)
    .where(walkId, 'in', [...walkIds])
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
  return rows.flatMap((row) =>
    row.walk_id === null
      ? []
      : [
          {
            id: row.id,
            walkId: row.walk_id,
            occurredAt: row.occurred_at,
            fields: JSON.parse(row.fields) as Record<string, unknown>,
          },
        ],
  );
}

export interface FigureCatalogueRows {
  themes: { id: string; number: number; name: string }[];
  activities: {
    id: string;
    name: string;
    themeId: string;
    ampel: 'green' | 'yellow' | 'red';
    ampelCondition: string;
    ampelAsOf: string | null;
  }[];
}

/** The quarter's live themes (by number) and activities (in name order) for the figures. */
export async function readFigureCatalogue(
  db: Kysely<Database>,
  quarterId: string,
): Promise<FigureCatalogueRows> {
  const themes = await db
    .selectFrom('themes')
    .select(['id', 'number', 'name'])
    .where('quarter_id', '=', quarterId)
    .where('deleted', '=', 0)
    .orderBy('number')
    .orderBy('id')
    .execute();
  const activities = await db
    .selectFrom('activities')
    .select(['id', 'name', 'theme_id', 'ampel', 'ampel_condition', 'ampel_as_of'])
    .where('quarter_id', '=', quarterId)
    .where('deleted', '=', 0)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return {
    themes,
    activities: activities.map((a) => ({
      id: a.id,
      name: a.name,
      themeId: a.theme_id,
      ampel: a.ampel,
      ampelCondition: a.ampel_condition,
      ampelAsOf: a.ampel_as_of,
    })),
  };
}

export interface StaffMember {
  userId: string;
  name: string;
  role: 'staff' | 'admin';
}

/** The quarter's active staff and admins, by name: who may own a follow-up. */
export async function readStaffMembers(
  db: Kysely<Database>,
  quarterId: string,
): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('quarter_id', '=', quarterId)
    .where('role', 'in', ['staff', 'admin'])
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    userId: row.id,
    name: row.name,
    role: row.role === 'admin' ? 'admin' : 'staff',
  }));
}

/** Names of people of the quarter by id (authors of the week's walks). */
export async function readUserNames(
  db: Kysely<Database>,
  quarterId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('quarter_id', '=', quarterId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
