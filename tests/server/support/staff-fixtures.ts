// Staff test data (issue 10): a staff member with a password, signed in through the real
// POST /api/v1/staff/sign-in, so tests hold the session cookie exactly as a browser would.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { buildApp } from '../../../server/app';
import type { Database } from '../../../server/db/tables';
import type { RateLimits } from '../../../server/http/rate-limits';
import { createQuarter } from '../../../server/repos/quarter.repo';
import { createUser, findUser, setUserPassword, type User } from '../../../server/repos/user.repo';
import { STAFF_PREFIX } from '../../../src/shared/staff/staff-endpoints';
import { STAFF_COOKIE } from '../../../src/shared/staff/staff-session';
import { QUARTER } from './fixtures';
import { OTHER_QUARTER } from './identity-fixtures';

export interface NewStaffUser {
  quarterId: string;
  name: string;
  password: string;
  /** Default 'staff'. */
  role?: 'staff' | 'admin';
}

const KNOWN_QUARTERS = new Map([QUARTER, OTHER_QUARTER].map((q) => [q.id, q.name]));

/**
 * Creates a staff member (or admin) with this password; the quarter is created if missing
 * (named as in the fixtures, else after its id). The password goes through `setUserPassword`,
 * so it must pass the password rules.
 */
export async function createStaffUser(db: Kysely<Database>, staff: NewStaffUser): Promise<User> {
  await createQuarter(db, {
    id: staff.quarterId,
    name: KNOWN_QUARTERS.get(staff.quarterId) ?? staff.quarterId,
  });
  const user = await createUser(db, {
    quarterId: staff.quarterId,
    name: staff.name,
    role: staff.role ?? 'staff',
  });
  if (!user) throw new Error(`createStaffUser: ${staff.name} exists already`);
  expect(await setUserPassword(db, staff.quarterId, user.id, staff.password)).toBe(true);
  const stored = await findUser(db, staff.quarterId, user.id);
  if (!stored) throw new Error('createStaffUser: user vanished');
  return stored;
}

/**
 * Signs in through the real endpoint and returns the `cookie` request header value
 * (`qb_staff=<id>.<secret>`) for `app.inject({ headers: { cookie } })`.
 */
export async function signInStaff(
  app: FastifyInstance,
  credentials: { quarterId: string; name: string; password: string },
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `${STAFF_PREFIX}/sign-in`,
    payload: credentials,
  });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = response.cookies.find((c) => c.name === STAFF_COOKIE);
  if (!cookie) throw new Error('signInStaff: no session cookie in the answer');
  return `${STAFF_COOKIE}=${cookie.value}`;
}

/**
 * The real app with a clock the test moves (staff sessions' idle and absolute expiry) and
 * optional rate limits; logs are collected, not printed.
 */
export async function buildStaffTestApp(
  db: Kysely<Database>,
  options: { clock?: () => Date; rateLimits?: Partial<RateLimits>; trustProxy?: boolean } = {},
): Promise<{ app: FastifyInstance; logs: string[] }> {
  const logs: string[] = [];
  const app = await buildApp({
    db,
    config: {
      staticDir: '/nonexistent/quartiersbuch-static',
      logLevel: 'info',
      trustProxy: options.trustProxy ?? false,
    },
    logger: { stream: { write: (line) => void logs.push(line) } },
    rateLimits: { staffSignInPerMinute: 1000, ...options.rateLimits },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return { app, logs };
}

/** A settable clock for `buildStaffTestApp`. */
export function testClock(start: Date): {
  now: () => Date;
  set(at: Date): void;
  advance(ms: number): void;
} {
  let current = start;
  return {
    now: () => current,
    set: (at) => void (current = at),
    advance: (ms) => void (current = new Date(current.getTime() + ms)),
  };
}
