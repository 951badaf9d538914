// Builds the Fastify app without listening, so tests drive it in-process (`app.inject`) and
// main.ts only adds the port. Everything the app needs is passed in; nothing is read from the
// environment here.
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { readAppVersion } from './app-version';
import type { Config } from './config';
import type { Database } from './db/tables';
import { installDeviceAuth } from './http/device-auth';
import { installErrorHandler } from './http/error-handler';
import { loggerOptions, type LogStream } from './http/logging';
import { DEFAULT_RATE_LIMITS, installRateLimits, type RateLimits } from './http/rate-limits';
import { installSecurityHeaders } from './http/security';
import { installStaticSite } from './http/static-site';
import { healthRoutes } from './routes/health.routes';
import { identityRoutes } from './routes/identity.routes';
import { pullRoutes } from './routes/pull.routes';
import { pushRoutes } from './routes/push.routes';
import { DEFAULT_PUSH_HOOKS, type PushHooks } from './sync/push.service';

export interface BuildAppOptions {
  db: Kysely<Database>;
  config: Pick<Config, 'staticDir' | 'logLevel'>;
  /** Where logs go (default stdout); `false` switches logging off. */
  logger?: { stream: LogStream } | false;
  /** Requests per IP and minute for the secret-checking endpoints (tests lower or raise them). */
  rateLimits?: Partial<RateLimits>;
  /** Replaceable parts of push (tests inject faults); default: the real ones. */
  push?: Partial<PushHooks>;
}

export async function buildApp({
  db,
  config,
  logger,
  rateLimits,
  push,
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger === false ? false : loggerOptions(config.logLevel, logger?.stream),
  });
  installErrorHandler(app);
  await installSecurityHeaders(app);
  await app.register(compress);
  // Before the routes: the plugin attaches its hook to routes registered after it.
  await installRateLimits(app);
  const requireDevice = installDeviceAuth(app, db);
  healthRoutes(app, db, readAppVersion());
  pullRoutes(app, db, requireDevice);
  identityRoutes(app, db, requireDevice, { ...DEFAULT_RATE_LIMITS, ...rateLimits });
  pushRoutes(app, db, requireDevice, { ...DEFAULT_PUSH_HOOKS, ...push });
  await installStaticSite(app, config.staticDir);
  return app;
}
