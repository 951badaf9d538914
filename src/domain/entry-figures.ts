// The figures of a set of entries, as staff's week view and the funders' report show them:
// counts per kind, participants, volunteer time and distance walked, in total and per theme
// and per activity of the catalogue. Pure: the caller selects the entries (a week, a month;
// deleted entries never reach this function) and passes the catalogue.
//
// An entry names its activity by a snapshot `{ id, name, themeName }` taken when it was
// written (G11), so an activity that has since left the catalogue (or been renamed) still
// counts: under its catalogue name when the id is still there, else under the snapshot's.
import { WALK_MAX_SECONDS } from '../shared/kinds/walk-kind';

export type Ampel = 'green' | 'yellow' | 'red';

export interface FigureEntry {
  kind: string;
  /** UTC instant, ISO 8601. */
  occurredAt: string;
  concern: boolean;
  /** The kind's own fields as stored (calls: reached, durationMinutes, activity; …). */
  fields: Record<string, unknown>;
  authorUserId: string;
}

export interface FigureActivity {
  id: string;
  name: string;
  themeId: string;
  ampel: Ampel;
}

export interface FigureTheme {
  id: string;
  number: number;
  name: string;
}

export interface FigureCatalogue {
  themes: readonly FigureTheme[];
  activities: readonly FigureActivity[];
}

/** The same counts, for all entries, a theme or an activity. */
export interface FigureCounts {
  callsReached: number;
  callsNotReached: number;
  walks: number;
  adviceSessions: number;
  observations: number;
  /** Entries marked "Sorge / Hilfebedarf". */
  concerns: number;
  /** People on walks, the guides not counted. */
  participants: number;
  /** Of them, with a walking aid / in a wheelchair. */
  withWalkingAids: number;
  withWheelchairs: number;
  /** Time volunteers gave, in whole minutes (rounded once, from the group's seconds). */
  volunteerMinutes: number;
  /** Distance of the recorded walks, pauses and gaps not counted. */
  metresWalked: number;
  /** Distinct volunteers who wrote entries (calls, walks, advice, observations). */
  volunteers: number;
}

export interface ActivityFigures extends FigureCounts {
  /** The activity's id (the entry's snapshot id). */
  id: string;
  /** The catalogue's name, or the snapshot's when the activity has left the catalogue. */
  name: string;
  /** The theme it counts under: the catalogue's theme id, or null for a theme no longer there. */
  themeId: string | null;
  themeName: string;
  /** Ampel of the catalogue; null when the activity is no longer in it. */
  ampel: Ampel | null;
  inCatalogue: boolean;
}

export interface ThemeFigures extends FigureCounts {
  /** Catalogue theme id; null for a theme only entries' snapshots still name. */
  id: string | null;
  /** The theme's number in the catalogue; null for a theme no longer there. */
  number: number | null;
  name: string;
}

export interface EntryFigures {
  total: FigureCounts;
  /** Per theme: every theme of the catalogue (in number order, zeros too), then those no
   * longer in it that entries still name (by name). */
  themes: ThemeFigures[];
  /** Per activity: every catalogue activity (by theme number, then catalogue order, zeros
   * too), then activities no longer in it that entries still name (by name). */
  activities: ActivityFigures[];
  /** Entries with no activity (advice sessions, observations, calls typed without one). */
  withoutActivity: FigureCounts;
}

/** Kinds whose entries are volunteers' activity; partners (and unknown kinds) are not. */
const COUNTED_KINDS = new Set(['call', 'advice', 'walk', 'observation']);

interface Tally {
  counts: Omit<FigureCounts, 'volunteerMinutes' | 'volunteers'>;
  seconds: number;
  authors: Set<string>;
}

const newTally = (): Tally => ({
  counts: {
    callsReached: 0,
    callsNotReached: 0,
    walks: 0,
    adviceSessions: 0,
    observations: 0,
    concerns: 0,
    participants: 0,
    withWalkingAids: 0,
    withWheelchairs: 0,
    metresWalked: 0,
  },
  seconds: 0,
  authors: new Set(),
});

const finish = (tally: Tally): FigureCounts => ({
  ...tally.counts,
  volunteerMinutes: Math.round(tally.seconds / 60),
  volunteers: tally.authors.size,
});

/** A non-negative whole number from a stored field; anything else counts as 0. */
function count(value: unknown): number {
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

function add(tally: Tally, entry: FigureEntry): void {
  const { counts } = tally;
  const f = entry.fields;
  switch (entry.kind) {
    case 'call':
      if (f.reached === false) counts.callsNotReached += 1;
      else counts.callsReached += 1;
      tally.seconds += count(f.durationMinutes) * 60;
      break;
    case 'advice':
      counts.adviceSessions += 1;
      tally.seconds += count(f.durationMinutes) * 60;
      break;
    case 'walk':
      counts.walks += 1;
      counts.participants += count(f.participants);
      counts.withWalkingAids += count(f.withWalkingAids);
      counts.withWheelchairs += count(f.withWheelchairs);
      counts.metresWalked += count(f.distanceMetres);
      tally.seconds += walkVolunteerSeconds(entry.occurredAt, f);
      break;
    case 'observation':
      // Made on a walk whose time already counts.
      counts.observations += 1;
      break;
  }
  if (entry.concern) counts.concerns += 1;
  tally.authors.add(entry.authorUserId);
}

interface Snapshot {
  id: string;
  name: string;
  themeName: string;
}

function snapshotOf(entry: FigureEntry): Snapshot | null {
  const a = entry.fields.activity;
  if (typeof a !== 'object' || a === null) return null;
  const { id, name, themeName } = a as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') return null;
  return {
    id,
    name: typeof name === 'string' ? name : id,
    themeName: typeof themeName === 'string' ? themeName : '',
  };
}

interface Group<Meta> {
  meta: Meta;
  tally: Tally;
}

export function summarizeEntries(
  entries: readonly FigureEntry[],
  catalogue: FigureCatalogue,
): EntryFigures {
  const total = newTally();
  const withoutActivity = newTally();

  const themesById = new Map(catalogue.themes.map((t) => [t.id, t]));
  const themeNumber = (id: string) => themesById.get(id)?.number ?? Number.MAX_SAFE_INTEGER;
  const catalogueThemes = [...catalogue.themes].sort((a, b) => a.number - b.number);
  const themeByName = new Map(catalogueThemes.map((t) => [t.name, t]));

  type ThemeMeta = Omit<ThemeFigures, keyof FigureCounts>;
  type ActivityMeta = Omit<ActivityFigures, keyof FigureCounts>;
  const themes = new Map<string, Group<ThemeMeta>>();
  for (const t of catalogueThemes) {
    themes.set(`id:${t.id}`, {
      meta: { id: t.id, number: t.number, name: t.name },
      tally: newTally(),
    });
  }
  const activities = new Map<string, Group<ActivityMeta>>();
  const catalogueActivities = catalogue.activities
    .map((a, index) => ({ a, index }))
    .sort((x, y) => themeNumber(x.a.themeId) - themeNumber(y.a.themeId) || x.index - y.index);
  for (const { a } of catalogueActivities) {
    activities.set(a.id, {
      meta: {
        id: a.id,
        name: a.name,
        themeId: themesById.has(a.themeId) ? a.themeId : null,
        themeName: themesById.get(a.themeId)?.name ?? '',
        ampel: a.ampel,
        inCatalogue: true,
      },
      tally: newTally(),
    });
  }

  const themeGroupFor = (meta: ActivityMeta): Group<ThemeMeta> => {
    const key = meta.themeId !== null ? `id:${meta.themeId}` : `name:${meta.themeName}`;
    let group = themes.get(key);
    if (!group) {
      group = { meta: { id: null, number: null, name: meta.themeName }, tally: newTally() };
      themes.set(key, group);
    }
    return group;
  };

  for (const entry of entries) {
    if (!COUNTED_KINDS.has(entry.kind)) continue;
    add(total, entry);
    const snapshot = snapshotOf(entry);
    if (!snapshot) {
      add(withoutActivity, entry);
      continue;
    }
    let activity = activities.get(snapshot.id);
    if (!activity) {
      // Gone from the catalogue: its snapshot names it; its theme, if still there, by name.
      const theme = themeByName.get(snapshot.themeName);
      activity = {
        meta: {
          id: snapshot.id,
          name: snapshot.name,
          themeId: theme?.id ?? null,
          themeName: snapshot.themeName,
          ampel: null,
          inCatalogue: false,
        },
        tally: newTally(),
      };
      activities.set(snapshot.id, activity);
    }
    add(activity.tally, entry);
    add(themeGroupFor(activity.meta).tally, entry);
  }

  const byName = <M extends { name: string }>(a: Group<M>, b: Group<M>) =>
    a.meta.name < b.meta.name ? -1 : a.meta.name > b.meta.name ? 1 : 0;
  const themeList = [...themes.values()];
  const activityList = [...activities.values()];
  return {
    total: finish(total),
    themes: [
      ...themeList.filter((g) => g.meta.id !== null),
      ...themeList.filter((g) => g.meta.id === null).sort(byName),
    ].map((g) => ({ ...g.meta, ...finish(g.tally) })),
    activities: [
      ...activityList.filter((g) => g.meta.inCatalogue),
      ...activityList.filter((g) => !g.meta.inCatalogue).sort(byName),
    ].map((g) => ({ ...g.meta, ...finish(g.tally) })),
    withoutActivity: finish(withoutActivity),
  };
}
