// Reads for staff's reports (issue 10): the CSV export in pages, and the topics and
// institutions for the funders' report (its entries and figures catalogue are the week's reads,
// staff-week.repo.ts). Read only; live entries only (a deleted entry is never
// reported). Ranges are half-open UTC instants `[from, to)` as ISO strings, compared as text
// with the stored `occurred_at`: both are `toISOString` forms ending in `Z`, and an instant with
// milliseconds sorts before the same second without them ('.' < 'Z'), so a bound written with
// `.000Z` takes an entry stored as `…:00Z` on the right side of it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables';

export interface ExportRange {
  quarterId: string;
  kind: string;
  /** Inclusive lower bound, ISO instant. */
  from: string;
  /** Exclusive upper bound, ISO instant. */
  to: string;
}

/** Where the previous page ended: the last row's `(occurred_at, id)`. */
export interface ExportCursor {
  occurredAt: string;
  id: string;
}

export interface ExportRow {
  id: string;
  occurred_at: string;
  concern: number;
  conflict: number;
  /** JSON text of the kind's own fields. */
  fields: string;
  /** The author's name now (people are renamed rarely; the export is a reading of today). */
  author_name: string | null;
}

/**
 * One page of the range, in `(occurred_at, id)` order, after `cursor` (keyset paging: each page
 * starts where the last ended, so a page costs the same at the end of a year as at its start,
 * and no read holds a transaction open while the file streams). Uses the index on
 * `(quarter_id, kind, occurred_at)`; `id` only orders rows of the same instant.
 */
export async function readExportPage(
  db: Kysely<Database>,
  range: ExportRange,
  cursor: ExportCursor | null,
  limit: number,
): Promise<ExportRow[]> {
  let query = db
    .selectFrom('entries')
    .leftJoin('users', 'users.id', 'entries.author_user_id')
    .select([
      'entries.id',
      'entries.occurred_at',
      'entries.concern',
      'entries.conflict',
      'entries.fields',
      'users.name as author_name',
    ])
    .where('entries.quarter_id', '=', range.quarterId)
    .where('entries.kind', '=', range.kind)
    .where('entries.deleted', '=', 0)
    .where('entries.occurred_at', '<', range.to);
  if (cursor === null) {
    query = query.where('entries.occurred_at', '>=', range.from);
  } else {
    // A range on occurred_at plus a tie-break rather than a row-value comparison, so both
    // databases narrow the index scan by occurred_at.
    query = query
      .where('entries.occurred_at', '>=', cursor.occurredAt)
      .where((eb) =>
        eb.or([
          eb('entries.occurred_at', '>', cursor.occurredAt),
          eb('entries.id', '>', cursor.id),
        ]),
      );
  }
  return query.orderBy('entries.occurred_at').orderBy('entries.id').limit(limit).execute();
}

/** How many live entries the range holds now (for the audit line of an export). */
export async function countExportRows(db: Kysely<Database>, range: ExportRange): Promise<number> {
  const { n } = await db
    .selectFrom('entries')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('quarter_id', '=', range.quarterId)
    .where('kind', '=', range.kind)
    .where('deleted', '=', 0)
    .where('occurred_at', '>=', range.from)
    .where('occurred_at', '<', range.to)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export interface AdviceCatalogue {
  topics: { id: string; number: number; name: string }[];
  institutions: { id: string; name: string }[];
}

/**
 * The quarter's live topics and institutions, for what advice sessions were about (the themes
 * and activities of the figures come from staff-week.repo.ts, as for the week).
 */
export async function readAdviceCatalogue(
  db: Kysely<Database>,
  quarterId: string,
): Promise<AdviceCatalogue> {
  const [topics, institutions] = await Promise.all([
    db
      .selectFrom('topics')
      .select(['id', 'number', 'name'])
      .where('quarter_id', '=', quarterId)
      .where('deleted', '=', 0)
      .orderBy('number')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('institutions')
      .select(['id', 'name'])
      .where('quarter_id', '=', quarterId)
      .where('deleted', '=', 0)
      .orderBy('name')
      .orderBy('id')
      .execute(),
  ]);
  return { topics, institutions };
}
