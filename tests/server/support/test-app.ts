// The real app, in-process, on a test database. Logs are collected, not printed, so tests can
// read them (and check what must not be in them).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../../../server/app';
import type { Config } from '../../../server/config';
import type { Database } from '../../../server/db/tables';
import type { RateLimits } from '../../../server/http/rate-limits';
import type { RetentionDays } from '../../../server/retention/retention-rules';
import type { PushHooks } from '../../../server/sync/push.service';

export interface TestApp {
  app: FastifyInstance;
  logs: string[];
}

export async function buildTestApp(
  db: Kysely<Database>,
  config: Partial<Pick<Config, 'staticDir' | 'logLevel' | 'trustProxy'>> = {},
  rateLimits: Partial<RateLimits> = {},
  push: Partial<PushHooks> = {},
  retention?: RetentionDays,
): Promise<TestApp> {
  const logs: string[] = [];
  const app = await buildApp({
    db,
    config: {
      staticDir: '/nonexistent/quartiersbuch-static',
      logLevel: 'info',
      ...config,
    },
    logger: { stream: { write: (line) => void logs.push(line) } },
    rateLimits,
    push,
    ...(retention && { retention }),
  });
  return { app, logs };
}
