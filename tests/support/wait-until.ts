// Tests wait for conditions, never for fixed times: a fixed sleep is too short on a loaded CI
// machine and too long everywhere else. These poll a condition until it holds or a deadline
// passes, and say what they waited for when it never came.
import { sql, type Kysely } from 'kysely';

export async function waitUntil(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 20_000,
  pollMs = 5,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Until the clock shows a later millisecond than `after`: two stamps are then distinct. */
export function clockPasses(after: number): Promise<void> {
  return waitUntil('the clock to move on', () => Date.now() > after, 5_000, 1);
}

/** Until some PostgreSQL backend of this database waits for a lock (a writer queued behind another). */
export function waitForLockWait<DB>(db: Kysely<DB>): Promise<void> {
  return waitUntil('a writer waiting for a lock', async () => {
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
    return Number(rows[0]?.n) > 0;
  });
}
