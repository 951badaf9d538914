// Wrong PINs per name (migration 0007): the limit per person that makes 4-digit PINs safe.
// Every attempt is counted BEFORE its PIN is checked, by one conditional UPDATE that also opens
// or closes the gate: "count it, if no delay is running and the name is not locked". Two
// processes (or two requests) racing for the same name therefore can never both pass a closed
// gate or lose a count — the database row serialises them — and a burst of parallel guesses
// gets one try, not fifty. A success deletes the row; only staff (`unlock`) or a new PIN clear
// a lock. Names nobody has are counted the same way, so the answers never reveal who exists.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/tables';

/** From this many attempts in a row on, the next one has to wait (30 s, then doubling). */
export const SIGN_IN_DELAY_FROM = 3;
/** This many attempts in a row without a success lock the name until staff unlock it. */
export const SIGN_IN_LOCK_AFTER = 10;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;

/** How long the next attempt waits after `attempts` counted ones: 0, 0, 30 s, 60 s, … ≤ 15 min. */
export function signInDelayMs(attempts: number): number {
  if (attempts < SIGN_IN_DELAY_FROM) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** (attempts - SIGN_IN_DELAY_FROM), MAX_DELAY_MS);
}

export type SignInGate =
  { kind: 'allowed' } | { kind: 'delayed'; retryAfterSeconds: number } | { kind: 'locked' };

/**
 * Counts an attempt for `name` in the quarter if the gate is open; the caller then checks the
 * PIN and calls `clearSignInFailures` on success. Closed gate: nothing is counted, and the
 * answer says why (a running delay, or the lock).
 */
export async function claimSignInAttempt(
  db: Kysely<Database>,
  quarterId: string,
  name: string,
  now: Date = new Date(),
): Promise<SignInGate> {
  const at = now.toISOString();
  // A few rounds at most: a row can vanish (success, unlock) or reopen between the statements.
  for (let round = 0; round < 3; round++) {
    const inserted = await db
      .insertInto('sign_in_guards')
      .values({
        quarter_id: quarterId,
        name,
        failed: 1,
        last_attempt_at: at,
        blocked_until: untilAfter(now, 1),
        locked_at: null,
      })
      .onConflict((oc) => oc.columns(['quarter_id', 'name']).doNothing())
      .returning('failed')
      .executeTakeFirst();
    if (inserted) return { kind: 'allowed' };

    const counted = await db
      .updateTable('sign_in_guards')
      .set({
        failed: sql<number>`failed + 1`,
        last_attempt_at: at,
        blocked_until: blockedUntilSql(now),
        locked_at: sql<
          string | null
        >`case when failed + 1 >= ${sql.lit(SIGN_IN_LOCK_AFTER)} then cast(${at} as text) else null end`,
      })
      .where('quarter_id', '=', quarterId)
      .where('name', '=', name)
      .where('locked_at', 'is', null)
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', at)]))
      .returning('failed')
      .executeTakeFirst();
    if (counted) return { kind: 'allowed' };

    const row = await db
      .selectFrom('sign_in_guards')
      .select(['blocked_until', 'locked_at'])
      .where('quarter_id', '=', quarterId)
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) continue;
    if (row.locked_at !== null) return { kind: 'locked' };
    if (row.blocked_until !== null && row.blocked_until > at) {
      const waitMs = Date.parse(row.blocked_until) - now.getTime();
      return { kind: 'delayed', retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
  }
  return { kind: 'delayed', retryAfterSeconds: 1 };
}

/** After a correct PIN: the count starts again. */
export async function clearSignInFailures(
  db: Kysely<Database>,
  quarterId: string,
  name: string,
): Promise<void> {
  await db
    .deleteFrom('sign_in_guards')
    .where('quarter_id', '=', quarterId)
    .where('name', '=', name)
    .execute();
}

/**
 * Staff lift a lock (admin `unlock`, and `set-pin`): delays and count go too. True when the
 * name was locked.
 */
export async function unlockSignIn(
  db: Kysely<Database>,
  quarterId: string,
  name: string,
): Promise<boolean> {
  const removed = await db
    .deleteFrom('sign_in_guards')
    .where('quarter_id', '=', quarterId)
    .where('name', '=', name)
    .returning('locked_at')
    .executeTakeFirst();
  return Boolean(removed?.locked_at);
}

/** Names of the quarter that are locked now (for the admin's user list). */
export async function lockedSignInNames(
  db: Kysely<Database>,
  quarterId: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('sign_in_guards')
    .select('name')
    .where('quarter_id', '=', quarterId)
    .where('locked_at', 'is not', null)
    .execute();
  return new Set(rows.map((row) => row.name));
}

/** The instant before which no attempt is checked after `attempts` counted ones; null: none. */
function untilAfter(now: Date, attempts: number): string | null {
  const delay = signInDelayMs(attempts);
  return delay === 0 ? null : new Date(now.getTime() + delay).toISOString();
}

/**
 * `blocked_until` for the attempt being counted, as one CASE over the stored count: the
 * instants are computed here and passed as parameters, so no date arithmetic differs between
 * SQLite and PostgreSQL.
 */
function blockedUntilSql(now: Date) {
  const whens = [];
  for (let attempts = SIGN_IN_DELAY_FROM; attempts < SIGN_IN_LOCK_AFTER; attempts++) {
    whens.push(sql`when ${sql.lit(attempts)} then cast(${untilAfter(now, attempts)} as text)`);
  }
  const last = untilAfter(now, SIGN_IN_LOCK_AFTER);
  return sql<string | null>`case
    when failed + 1 < ${sql.lit(SIGN_IN_DELAY_FROM)} then null
    else case failed + 1 ${sql.join(whens, sql` `)} else cast(${last} as text) end
  end`;
}
