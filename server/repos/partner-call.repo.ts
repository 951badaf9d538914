// The reads behind staff's flag after three unanswered calls (server/sync/partner-flags.ts):
// the quarter's live call partners, and its calls that name one, by windows of time, newest
// windows first. A call's partner is inside the JSON `fields`, read by each database's own JSON
// function, so only calls that name a partner leave the database. Read only.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../db/database';
import type { Database } from '../db/tables';

/** A call that names a registered partner, for staff's flag after unanswered calls. */
export interface PartnerCallRow {
  partnerId: string;
  occurredAt: string;
  reached: boolean;
}

/**
 * The quarter's live calls that name a partner with `from <= occurred_at < to` (either bound
 * may be left open), in no particular order. One index range of
 * `entries_quarter_kind_occurred_idx`, so a caller that only needs the latest calls of each
 * partner reads a few weeks of calls instead of every call ever made.
 */
export async function readPartnerCallsBetween(
  db: Kysely<Database>,
  quarterId: string,
  range: { from?: string; to?: string },
): Promise<PartnerCallRow[]> {
  const partnerId =
    dialectOf(db) === 'postgres'
      ? sql<string | null>`(fields::jsonb ->> 'partnerId')`
      : sql<string | null>`json_extract(fields, '$.partnerId')`;
  const rows = await db
    .selectFrom('entries')
    .select(['occurred_at', 'fields', partnerId.as('partner_id')])
    .where('quarter_id', '=', quarterId)
    .where('kind', '=', 'call')
    .$if(range.from !== undefined, (qb) => qb.where('occurred_at', '>=', range.from ?? ''))
    .$if(range.to !== undefined, (qb) => qb.where('occurred_at', '<', range.to ?? ''))
    .where('deleted', '=', 0)
    .where(partnerId, 'is not', null)
    .execute();
  return rows.flatMap((row) => {
    if (row.partner_id === null) return [];
    const fields = JSON.parse(row.fields) as { reached?: unknown };
    return [
      { partnerId: row.partner_id, occurredAt: row.occurred_at, reached: fields.reached === true },
    ];
  });
}

/** `occurred_at` of the quarter's oldest call (deleted ones too: a bound, read from the index). */
export async function oldestCallAt(
  db: Kysely<Database>,
  quarterId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('entries')
    .select((eb) => eb.fn.min('occurred_at').as('oldest'))
    .where('quarter_id', '=', quarterId)
    .where('kind', '=', 'call')
    .executeTakeFirst();
  return row?.oldest ?? undefined;
}

/**
 * The quarter's live call partners: id and first name only. No ORDER BY, so the database takes
 * the (quarter_id, kind, …) index instead of walking the version index past every entry.
 */
export async function readLivePartnerNames(
  db: Kysely<Database>,
  quarterId: string,
): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .selectFrom('entries')
    .select(['id', 'fields'])
    .where('quarter_id', '=', quarterId)
    .where('kind', '=', 'partner')
    .where('deleted', '=', 0)
    .execute();
  return rows
    .map((row) => {
      const fields = JSON.parse(row.fields) as { name?: unknown };
      return { id: row.id, name: typeof fields.name === 'string' ? fields.name : '' };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
