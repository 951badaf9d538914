// What the staff screens' upkeep shows (GET /staff/catalogue): every live reference row of the
// quarter with its version, read in one transaction so the rows fit together (an activity's
// theme is in the same answer). Sorted for people: themes and topics by number, the rest by
// name, exceptions by date.
import type { Kysely } from 'kysely';
import type { StaffCatalogue } from '../../src/shared/staff/staff-upkeep';
import type { Database } from '../db/tables';
import { readReferenceRows } from '../repos/reference-rows.repo';
import { findStorefront } from '../repos/upkeep-rows.repo';

const byName = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

export async function readStaffCatalogue(
  db: Kysely<Database>,
  quarterId: string,
): Promise<StaffCatalogue> {
  const { changes, storefront } = await db.transaction().execute(async (tx) => ({
    ...(await readReferenceRows(tx, quarterId, null)),
    // The storefront the upkeep edits (one per quarter).
    storefront: (await findStorefront(tx, quarterId)) ?? null,
  }));
  return {
    themes: [...changes.themes].sort((a, b) => a.number - b.number),
    institutions: [...changes.institutions].sort((a, b) => byName.compare(a.name, b.name)),
    activities: [...changes.activities].sort((a, b) => byName.compare(a.name, b.name)),
    topics: [...changes.topics].sort((a, b) => a.number - b.number),
    storefront,
    openingExceptions: changes.openingExceptions
      .filter((exception) => exception.storefrontId === storefront?.id)
      .sort((a, b) => a.date.localeCompare(b.date)),
  };
}
