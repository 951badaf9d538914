// Reading the catalogue, the topics of advice sessions and opening hours from the device.
// Read-only: this data is edited by staff on the server and arrives by pull (src/db/pull.ts),
// so it works the same offline.
import type { QuartiersbuchDb } from './db';

export async function readCatalogue(db: QuartiersbuchDb) {
  const [themes, activities, institutions, topics] = await Promise.all([
    db.themes.toArray(),
    db.activities.toArray(),
    db.institutions.toArray(),
    db.topics.orderBy('number').toArray(),
  ]);
  return { themes, activities, institutions, topics };
}

/** For the start screen: a count needs no rows read (cheap on a slow tablet). */
export function countActivities(db: QuartiersbuchDb) {
  return db.activities.count();
}

export async function readActivity(db: QuartiersbuchDb, id: string) {
  const activity = await db.activities.get(id);
  if (!activity) return null;
  const [theme, actors] = await Promise.all([
    db.themes.get(activity.themeId),
    db.institutions.bulkGet(activity.actorIds),
  ]);
  return { activity, theme, actors: actors.filter((actor) => actor !== undefined) };
}

/** The storefront (the quarter's Anlaufstelle) with its dated exceptions; null before a pull. */
export async function readStorefront(db: QuartiersbuchDb) {
  const storefront = await db.storefronts.toCollection().first();
  if (!storefront) return null;
  const exceptions = await db.openingExceptions
    .where('storefrontId')
    .equals(storefront.id)
    .toArray();
  return { storefront, exceptions };
}
