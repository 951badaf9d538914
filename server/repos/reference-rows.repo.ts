// Reads a quarter's reference rows for a pull. Must be called inside the pull's snapshot
// transaction (pull.service.ts); on its own it would mix rows from different moments.
import type { Kysely } from 'kysely';
import type { PullResponse, ReferenceTable } from '../../src/shared/protocol';
import type { Database, SyncedTableName } from '../db/tables';
import {
  toActivity,
  toInstitution,
  toOpeningException,
  toStorefront,
  toTheme,
  toTopic,
} from '../db/row-mappers';

type Changes = Pick<PullResponse['changes'], ReferenceTable>;
type Deleted = Pick<PullResponse['deleted'], ReferenceTable>;

/**
 * `since` null: every live row (a reset). A number: every row with a higher version, live ones
 * as changes and tombstones as deleted ids.
 */
export async function readReferenceRows(
  db: Kysely<Database>,
  quarterId: string,
  since: number | null,
): Promise<{ changes: Changes; deleted: Deleted }> {
  const rows = <T extends SyncedTableName>(table: T) => {
    const query = db
      .selectFrom(table as 'themes')
      .selectAll()
      .where('quarter_id', '=', quarterId);
    const filtered =
      since === null ? query.where('deleted', '=', 0) : query.where('version', '>', since);
    // Version order, so a device could apply a pull row by row and stay consistent.
    return filtered.orderBy('version').orderBy('id').execute() as unknown as Promise<Database[T][]>;
  };
  const [themes, institutions, activities, storefronts, exceptions, topics] = await Promise.all([
    rows('themes'),
    rows('institutions'),
    rows('activities'),
    rows('storefronts'),
    rows('opening_exceptions'),
    rows('topics'),
  ]);
  const live = <R extends { deleted: number }>(list: R[]) => list.filter((r) => r.deleted === 0);
  const gone = (list: { deleted: number; id: string }[]) =>
    list.filter((r) => r.deleted === 1).map((r) => r.id);
  return {
    changes: {
      themes: live(themes).map(toTheme),
      institutions: live(institutions).map(toInstitution),
      activities: live(activities).map(toActivity),
      storefronts: live(storefronts).map(toStorefront),
      openingExceptions: live(exceptions).map(toOpeningException),
      topics: live(topics).map(toTopic),
    },
    deleted: {
      themes: gone(themes),
      institutions: gone(institutions),
      activities: gone(activities),
      storefronts: gone(storefronts),
      openingExceptions: gone(exceptions),
      topics: gone(topics),
    },
  };
}
