// The figures of a span of time (staff's week and the week before, the monthly report): the
// database's groups (repos/figure-groups.repo.ts) folded with the catalogue
// (src/domain/entry-figures.ts `figuresFromGroups`). An activity no longer in the catalogue is
// named by the entries' own snapshot, read only for those ids.
import type { Kysely } from 'kysely';
import {
  figuresFromGroups,
  type EntryFigures,
  type FigureCatalogue,
} from '../../src/domain/entry-figures';
import type { Database } from '../db/tables';
import { readActivitySnapshots, readFigureGroups } from '../repos/figure-groups.repo';

export async function rangeFigures(
  db: Kysely<Database>,
  quarterId: string,
  span: { start: string; end: string },
  catalogue: FigureCatalogue,
): Promise<EntryFigures> {
  const groups = await readFigureGroups(db, quarterId, span);
  const known = new Set(catalogue.activities.map((a) => a.id));
  const missing = new Set<string>();
  for (const group of groups) {
    if (group.activityId !== null && !known.has(group.activityId)) missing.add(group.activityId);
  }
  const snapshots = await readActivitySnapshots(db, quarterId, span, [...missing]);
  return figuresFromGroups(groups, snapshots, catalogue);
}
