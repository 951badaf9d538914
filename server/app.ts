// Builds the Fastify app without listening, so tests drive it in-process (`app.inject`) and
// main.ts only adds the port. Everything the app needs is passed in; nothing is read from the
// environment here.
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { readAppVersion } from './app-version';
import type { Config } from './config';
import type { Database } from './db/tables';
import { installErrorHandler } from './http/error-handler';
import { loggerOptions, type LogStream } from './http/logging';
import { installSecurityHeaders } from './http/security';
import { installStaticSite } from './http/static-site';
import { healthRoutes } from './routes/health.routes';
import { pullRoutes } from './routes/pull.routes';

export interface BuildAppOptions {
  db: Kysely<Database>;
  config: Pick<Config, 'staticDir' | 'logLevel' | 'defaultQuarter'>;
  /** Where logs go (default stdout); `false` switches logging off. */
  logger?: { stream: LogStream } | false;
}

export async function buildApp({ db, config, logger }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger === false ? false : loggerOptions(config.logLevel, logger?.stream),
  });
  installErrorHandler(app);
  await installSecurityHeaders(app);
  await app.register(compress);
  healthRoutes(app, db, readAppVersion());
  pullRoutes(app, db, config.defaultQuarter);
  await installStaticSite(app, config.staticDir);
  return app;
}
