// Rate limits for endpoints that check secrets (enrolment codes, PINs), per client IP, with a
// German 429. Only routes that opt in (`config.rateLimit`) are limited; reading data is not.
// Counters live in the process's memory: several server instances each count on their own,
// which multiplies the allowance but still stops brute force. Behind a reverse proxy every
// request shares the proxy's IP until Fastify's `trustProxy` is configured.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { TooManyRequestsError } from '../errors';

export interface RateLimits {
  /** POST /enrol per IP and minute. */
  enrolPerMinute: number;
  /** POST /device/sign-in per IP and minute. */
  signInPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { enrolPerMinute: 10, signInPerMinute: 10 };

export async function installRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new TooManyRequestsError(),
  });
}

/** Route config for at most `max` requests per IP and minute. */
export function perMinute(max: number) {
  return { rateLimit: { max, timeWindow: 60_000 } };
}
