// The figures of a set of entries, as staff's week view and the funders' report show them:
// counts per kind, participants, volunteer time and distance walked, in total and per theme
// and per activity of the catalogue. Pure: the caller selects the entries (a week, a month;
// deleted entries never reach this function) and passes the catalogue. The server passes
// groups of entries summed by its database (`figuresFromGroups`); `summarizeEntries` makes
// each entry a group of one, with the same derivation (entry-figure-values.ts), so both count
// alike.
//
// An entry names its activity by a snapshot `{ id, name, themeName }` taken when it was
// written (G11), so an activity that has since left the catalogue (or been renamed) still
// counts: under its catalogue name when the id is still there, else under the snapshot's.
import {
  activitySnapshotOf,
  figureValuesOf,
  type ActivitySnapshot,
  type FigureValues,
} from './entry-figure-values';

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
export const COUNTED_KINDS: readonly string[] = ['call', 'advice', 'walk', 'observation'];
const COUNTED = new Set(COUNTED_KINDS);

/**
 * Entries alike in kind, activity and (calls) reached, summed: a row of the server's GROUP BY
 * over the `fig_*` columns (server/repos/entry-figures.repo.ts), or one entry.
 */
export interface FigureGroup extends Omit<FigureValues, 'activityId' | 'reached'> {
  kind: string;
  activityId: string | null;
  reached: boolean | null;
  entries: number;
  concerns: number;
  /** The distinct authors of the group's entries. */
  authors: readonly string[];
}

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

/** The tally's counts added to `into`, a fresh object literal. (Spreading the kept `meta`
 * objects into the result instead cost about 10 µs an object in Node 20: most of the week's
 * figures on SQLite, measured with bench/staff-week-million.ts.) */
function finish<T extends object>(tally: Tally, into: T): T & FigureCounts {
  const counts = tally.counts;
  return Object.assign(into, {
    callsReached: counts.callsReached,
    callsNotReached: counts.callsNotReached,
    walks: counts.walks,
    adviceSessions: counts.adviceSessions,
    observations: counts.observations,
    concerns: counts.concerns,
    participants: counts.participants,
    withWalkingAids: counts.withWalkingAids,
    withWheelchairs: counts.withWheelchairs,
    volunteerMinutes: Math.round(tally.seconds / 60),
    metresWalked: counts.metresWalked,
    volunteers: tally.authors.size,
  });
}

function add(tally: Tally, group: FigureGroup): void {
  const { counts } = tally;
  switch (group.kind) {
    case 'call':
      if (group.reached === false) counts.callsNotReached += group.entries;
      else counts.callsReached += group.entries;
      break;
    case 'advice':
      counts.adviceSessions += group.entries;
      break;
    case 'walk':
      counts.walks += group.entries;
      break;
    case 'observation':
      counts.observations += group.entries;
      break;
  }
  counts.participants += group.participants;
  counts.withWalkingAids += group.withWalkingAids;
  counts.withWheelchairs += group.withWheelchairs;
  counts.metresWalked += group.metres;
  counts.concerns += group.concerns;
  tally.seconds += group.seconds;
  for (const author of group.authors) tally.authors.add(author);
}

interface Group<Meta> {
  meta: Meta;
  tally: Tally;
}

/** One entry as a group of one. */
function groupOf(entry: FigureEntry): FigureGroup {
  return {
    ...figureValuesOf(entry.kind, entry.occurredAt, entry.fields),
    kind: entry.kind,
    entries: 1,
    concerns: entry.concern ? 1 : 0,
    authors: [entry.authorUserId],
  };
}

/** The figures of `entries`, entry by entry (the server folds grouped rows instead). */
export function summarizeEntries(
  entries: readonly FigureEntry[],
  catalogue: FigureCatalogue,
): EntryFigures {
  const snapshots = new Map<string, ActivitySnapshot>();
  const groups: FigureGroup[] = [];
  for (const entry of entries) {
    if (!COUNTED.has(entry.kind)) continue;
    const snapshot = activitySnapshotOf(entry.fields);
    if (snapshot && !snapshots.has(snapshot.id)) snapshots.set(snapshot.id, snapshot);
    groups.push(groupOf(entry));
  }
  return figuresFromGroups(groups, snapshots, catalogue);
}

/**
 * The figures of grouped entries. `snapshots` names the activities the groups count under that
 * are not in the catalogue (any other id is looked up there; one missing from both counts
 * under its id). Groups of kinds that are not activity are left out.
 */
export function figuresFromGroups(
  groups: readonly FigureGroup[],
  snapshots: ReadonlyMap<string, ActivitySnapshot>,
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

  for (const group of groups) {
    if (!COUNTED.has(group.kind)) continue;
    add(total, group);
    if (group.activityId === null) {
      add(withoutActivity, group);
      continue;
    }
    let activity = activities.get(group.activityId);
    if (!activity) {
      // Gone from the catalogue: its snapshot names it; its theme, if still there, by name.
      const snapshot = snapshots.get(group.activityId) ?? {
        id: group.activityId,
        name: group.activityId,
        themeName: '',
      };
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
      activities.set(group.activityId, activity);
    }
    add(activity.tally, group);
    add(themeGroupFor(activity.meta).tally, group);
  }

  const byName = <M extends { name: string }>(a: Group<M>, b: Group<M>) =>
    a.meta.name < b.meta.name ? -1 : a.meta.name > b.meta.name ? 1 : 0;
  const themeList = [...themes.values()];
  const activityList = [...activities.values()];
  return {
    total: finish(total, {}),
    themes: [
      ...themeList.filter((g) => g.meta.id !== null),
      ...themeList.filter((g) => g.meta.id === null).sort(byName),
    ].map(({ meta, tally }) =>
      finish(tally, { id: meta.id, number: meta.number, name: meta.name }),
    ),
    activities: [
      ...activityList.filter((g) => g.meta.inCatalogue),
      ...activityList.filter((g) => !g.meta.inCatalogue).sort(byName),
    ].map(({ meta, tally }) =>
      finish(tally, {
        id: meta.id,
        name: meta.name,
        themeId: meta.themeId,
        themeName: meta.themeName,
        ampel: meta.ampel,
        inCatalogue: meta.inCatalogue,
      }),
    ),
    withoutActivity: finish(withoutActivity, {}),
  };
}
