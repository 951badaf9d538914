// Grouping and searching the activity catalogue. Pure; the views get the rows from src/db.
import type { Activity, Institution, Theme } from '../shared/catalogue';

export interface ThemeGroup {
  theme: Theme;
  activities: Activity[];
}

/** Normalises for forgiving search: case, accents and ß don't matter ("Strasse" finds "Straße"). */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss');
}

/** All words of the query must occur somewhere in the activity, its theme or its actors. */
export function matchesQuery(
  activity: Activity,
  theme: Theme | undefined,
  actors: Institution[],
  query: string,
): boolean {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalise(
    [
      activity.name,
      activity.description,
      activity.schedule,
      activity.place,
      activity.contact,
      theme?.name ?? '',
      ...actors.map((actor) => actor.name),
    ].join(' '),
  );
  return words.every((word) => haystack.includes(word));
}

/** Themes in their numbered order, each with its matching activities sorted by name. */
export function groupByTheme(
  themes: Theme[],
  activities: Activity[],
  institutions: Institution[],
  query: string,
): ThemeGroup[] {
  const byId = new Map(institutions.map((institution) => [institution.id, institution]));
  const actorsOf = (activity: Activity) =>
    activity.actorIds.flatMap((id) => (byId.has(id) ? [byId.get(id) as Institution] : []));
  return [...themes]
    .sort((a, b) => a.number - b.number)
    .map((theme) => ({
      theme,
      activities: activities
        .filter((a) => a.themeId === theme.id && matchesQuery(a, theme, actorsOf(a), query))
        .sort((a, b) => a.name.localeCompare(b.name, 'de')),
    }));
}
