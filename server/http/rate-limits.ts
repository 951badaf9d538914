// Rate limits, with a German 429 and Retry-After. Only routes that opt in (`config.rateLimit`)
// are limited; reading data is not.
// - Secret checks per client address: enrolment codes (POST /enrol) and PINs (POST
//   /device/sign-in). The sign-in limit runs after the device credential is checked
//   (`hook: 'preHandler'`, after requireDevice), so requests without a valid credential get
//   their 401 without using up the budget of everyone behind the same address. The address is
//   the proxy's unless TRUST_PROXY says which proxies to believe (config.ts).
// - Push per device (`keyGenerator`: the authenticated device's id, checked right after
//   requireDevice in onRequest, before the body is read): one broken tablet cannot flood the
//   server, and tablets behind one address do not share a budget.
// Counters live in the process's memory: several server instances each count on their own,
// which multiplies these allowances. The limit that makes PINs safe is the per-person one in
// the database (repos/sign-in-guard.repo.ts), which all instances share.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PushQuotaError, TooManyRequestsError } from '../errors';

export interface RateLimits {
  /** POST /enrol per IP and minute. */
  enrolPerMinute: number;
  /** POST /device/sign-in per IP and minute, counted only with a valid device credential. */
  signInPerMinute: number;
  /** POST /push per device and minute. */
  pushPerMinute: number;
  /** POST /staff/sign-in per IP and minute (issue 10); the per-name guard is in the database. */
  staffSignInPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  enrolPerMinute: 10,
  signInPerMinute: 10,
  pushPerMinute: 60,
  staffSignInPerMinute: 10,
};

const MINUTE_MS = 60_000;

export async function installRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new TooManyRequestsError(),
  });
}

/** Route config for at most `max` requests per IP and minute, checked on arrival. */
export function perMinute(max: number) {
  return { rateLimit: { max, timeWindow: MINUTE_MS } };
}

/**
 * Route config for at most `max` requests per IP and minute, checked after the route's
 * preHandlers (requireDevice): requests that those refuse are not counted.
 */
export function perMinuteAfterAuth(max: number) {
  return { rateLimit: { max, timeWindow: MINUTE_MS, hook: 'preHandler' as const } };
}

/**
 * Route config for at most `max` requests per device and minute. The route must authenticate
 * in onRequest (requireDevice) — the limiter's hook is appended after it.
 */
export function perDevicePerMinute(max: number) {
  return {
    rateLimit: {
      max,
      timeWindow: MINUTE_MS,
      keyGenerator: (request: FastifyRequest) => `device:${request.device?.id ?? request.ip}`,
      errorResponseBuilder: () => new PushQuotaError(),
    },
  };
}
