// When the retention job runs in the server process: shortly after the start, then every hour.
// One run at a time per process; several processes may run it at once (retention.job.ts is
// safe for that). `stop` ends the schedule and waits for a running round, so a shutdown never
// closes the database under it.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables';
import { runRetention } from './retention.job';
import type { RetentionDays } from './retention-rules';

export const RETENTION_EVERY_MS = 3_600_000;
const FIRST_RUN_AFTER_MS = 10_000;

export function scheduleRetention(
  db: Kysely<Database>,
  days: RetentionDays,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
): { stop: () => Promise<void> } {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= runRetention(db, days)
      .then((report) => {
        const total = Object.values(report).reduce((sum, n) => sum + n, 0);
        if (total > 0) log.info({ retention: report }, 'retention: expired data deleted');
      })
      .catch((err: unknown) => log.error({ err }, 'retention run failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(run, FIRST_RUN_AFTER_MS);
  const every = setInterval(run, RETENTION_EVERY_MS);
  first.unref();
  every.unref();
  return {
    stop: async () => {
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
