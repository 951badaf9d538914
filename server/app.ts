// Builds the Fastify app without listening, so tests drive it in-process (`app.inject`) and
// main.ts only adds the port. Everything the app needs is passed in; nothing is read from the
// environment here.
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { readAppVersion } from './app-version';
import type { Config, TrustProxy } from './config';
import type { Database } from './db/tables';
import { installDeviceAuth } from './http/device-auth';
import { installErrorHandler } from './http/error-handler';
import { acceptJsonBodiesOnly, httpServerOptions, type HttpLimits } from './http/http-limits';
import { loggerOptions, type LogStream } from './http/logging';
import { DEFAULT_RATE_LIMITS, installRateLimits, type RateLimits } from './http/rate-limits';
import { installSecurityHeaders } from './http/security';
import { installStaticSite } from './http/static-site';
import { loadRetention, type RetentionDays } from './retention/retention-rules';
import { healthRoutes } from './routes/health.routes';
import { identityRoutes } from './routes/identity.routes';
import { pullRoutes } from './routes/pull.routes';
import { pushRoutes } from './routes/push.routes';
import { installStaffAuth } from './http/staff-auth';
import { staffSessionRoutes } from './routes/staff-session.routes';
import { staffPeopleRoutes } from './routes/staff-people.routes';
import { staffReportRoutes } from './routes/staff-report.routes';
import { staffPrivacyRoutes } from './routes/staff-privacy.routes';
import { staffWeekRoutes } from './routes/staff-week.routes';
import { staffUpkeepRoutes } from './routes/staff-upkeep.routes';
import { DEFAULT_PUSH_HOOKS, type PushHooks } from './sync/push.service';

export interface BuildAppOptions {
  db: Kysely<Database>;
  config: Pick<Config, 'staticDir' | 'logLevel'> & Partial<Pick<Config, 'trustProxy'>>;
  /** Where logs go (default stdout); `false` switches logging off. */
  logger?: { stream: LogStream } | false;
  /** Requests per IP (secret checks) or device (push) and minute; tests lower or raise them. */
  rateLimits?: Partial<RateLimits>;
  /** Replaceable parts of push (tests inject faults); default: the real ones. */
  push?: Partial<PushHooks>;
  /** HTTP limits, e.g. `requestTimeoutMs` (default 30 s; tests shorten it). */
  http?: HttpLimits;
  /** The staff sessions' clock (idle and absolute expiry); tests move it. Default: real time. */
  clock?: () => Date;
  /** The retention periods in force (`loadRetention`), told to devices with every pull. */
  retention?: RetentionDays;
}

export async function buildApp({
  db,
  config,
  logger,
  rateLimits,
  push,
  http,
  clock = () => new Date(),
  retention = loadRetention({}),
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...httpServerOptions(http),
    logger: logger === false ? false : loggerOptions(config.logLevel, logger?.stream),
    // Which proxies' X-Forwarded-For to believe (TRUST_PROXY): the per-address limits then see
    // the real client address instead of the proxy's.
    trustProxy: fastifyTrustProxy(config.trustProxy ?? false),
  });
  const limits = { ...DEFAULT_RATE_LIMITS, ...rateLimits };
  installErrorHandler(app);
  acceptJsonBodiesOnly(app);
  await installSecurityHeaders(app);
  await app.register(compress);
  // Before the routes: the plugin attaches its hook to routes registered after it.
  await installRateLimits(app);
  const { requireDevice, optionalDevice } = installDeviceAuth(app, db);
  healthRoutes(app, db, readAppVersion());
  pullRoutes(app, db, optionalDevice, retention);
  identityRoutes(app, db, requireDevice, limits, retention);
  pushRoutes(app, db, requireDevice, { ...DEFAULT_PUSH_HOOKS, ...push }, limits.pushPerMinute);
  // Staff screens (issue 10): cookie sessions, every route in src/shared/staff/staff-endpoints.ts.
  const { requireStaff } = await installStaffAuth(app, db, clock);
  staffSessionRoutes(app, db, requireStaff, {
    clock,
    signInPerMinute: limits.staffSignInPerMinute,
  });
  staffPeopleRoutes(app, db, requireStaff, clock);
  staffReportRoutes(app, db, requireStaff, clock);
  staffPrivacyRoutes(app, db, requireStaff, clock);
  staffWeekRoutes(app, db, requireStaff, clock);
  staffUpkeepRoutes(app, db, requireStaff, clock);
  await installStaticSite(app, config.staticDir);
  return app;
}

/**
 * Fastify 5 ignores a plain hop count (it cannot check the nearest peer), so a count becomes
 * "trust the nearest `hops` addresses", as proxy-addr counts them. Only safe when nothing but
 * the proxy can reach the server — docs recommend the proxy's address instead.
 */
function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}
