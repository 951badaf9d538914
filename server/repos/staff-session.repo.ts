// Staff sessions (issue 10, migration 0009): a staff member signed in to the staff screens in a
// browser. The cookie holds `<id>.<secret>`; only the secret's SHA-256 is stored (32 random
// bytes, so the fast hash of device credentials is right, secrets/device-credential.ts). A
// session is over after STAFF_IDLE_MINUTES without use, after STAFF_SESSION_HOURS in any case,
// when revoked (sign-out, lock, new password), and as soon as its person is disabled or no
// longer staff — checked on every request against the users row, not cached.
// Identity data, not synced: writes bump no quarter version.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  STAFF_IDLE_MINUTES,
  STAFF_ROLES,
  STAFF_SESSION_HOURS,
} from '../../src/shared/staff/staff-session';
import type { Database } from '../db/tables';
import {
  credentialMatches,
  hashDeviceCredential,
  newDeviceCredential,
} from '../secrets/device-credential';

const MINUTE_MS = 60_000;
const IDLE_MS = STAFF_IDLE_MINUTES * MINUTE_MS;
const LIFETIME_MS = STAFF_SESSION_HOURS * 60 * MINUTE_MS;
/**
 * `last_used_at` is written at most once a minute (a write per request would serialise a busy
 * screen's requests on SQLite); the idle limit is therefore up to a minute shorter than said.
 */
const TOUCH_INTERVAL_MS = MINUTE_MS;

export interface StaffSessionToken {
  sessionId: string;
  secret: string;
}

export interface NewStaffSession {
  /** `<id>.<secret>`, for the cookie; shown once. */
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** The person behind a valid session, as of this request. */
export interface ResolvedStaffSession {
  sessionId: string;
  userId: string;
  name: string;
  role: 'staff' | 'admin';
  quarterId: string;
  quarterName: string;
  /** When the session ends if unused from now on (never after its absolute end). */
  idleExpiresAt: Date;
}

type Db = Kysely<Database> | Transaction<Database>;

export async function createStaffSession(
  db: Db,
  session: { userId: string; quarterId: string },
  now: Date,
): Promise<NewStaffSession> {
  const id = randomUUID();
  const secret = newDeviceCredential();
  const expiresAt = new Date(now.getTime() + LIFETIME_MS);
  await db
    .insertInto('staff_sessions')
    .values({
      id,
      user_id: session.userId,
      quarter_id: session.quarterId,
      token_hash: hashDeviceCredential(secret),
      created_at: now.toISOString(),
      last_used_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      revoked_at: null,
    })
    .execute();
  return { token: `${id}.${secret}`, sessionId: id, expiresAt };
}

/** A hash that matches no secret, compared against when the session id is unknown. */
const NO_SESSION_HASH = '0'.repeat(64);

/**
 * The staff member of a presented token, or undefined when the session is unknown, the secret
 * wrong, revoked, idle too long, past its absolute end, or its person disabled, moved to
 * another quarter or no longer staff. A valid session's `last_used_at` moves on (idle limit).
 */
export async function resolveStaffSession(
  db: Kysely<Database>,
  token: StaffSessionToken,
  now: Date,
): Promise<ResolvedStaffSession | undefined> {
  const row = await db
    .selectFrom('staff_sessions')
    .innerJoin('users', 'users.id', 'staff_sessions.user_id')
    .innerJoin('quarters', 'quarters.id', 'staff_sessions.quarter_id')
    .select([
      'staff_sessions.id',
      'staff_sessions.token_hash',
      'staff_sessions.quarter_id',
      'staff_sessions.last_used_at',
      'staff_sessions.expires_at',
      'staff_sessions.revoked_at',
      'users.id as user_id',
      'users.name',
      'users.role',
      'users.quarter_id as user_quarter_id',
      'users.disabled_at',
      'quarters.name as quarter_name',
    ])
    .where('staff_sessions.id', '=', token.sessionId)
    .executeTakeFirst();
  // Every token costs the same comparison, known id or not.
  const matches = credentialMatches(token.secret, row?.token_hash ?? NO_SESSION_HASH);
  if (!row || !matches || row.revoked_at !== null || row.disabled_at !== null) return undefined;
  if (row.user_quarter_id !== row.quarter_id || !isStaffRole(row.role)) return undefined;
  const at = now.getTime();
  const end = Date.parse(row.expires_at);
  if (at >= end || at >= Date.parse(row.last_used_at) + IDLE_MS) return undefined;
  let lastUsed = Date.parse(row.last_used_at);
  if (lastUsed <= at - TOUCH_INTERVAL_MS) {
    await touchStaffSession(db, row.id, now);
    lastUsed = at;
  }
  return {
    sessionId: row.id,
    userId: row.user_id,
    name: row.name,
    role: row.role,
    quarterId: row.quarter_id,
    quarterName: row.quarter_name,
    idleExpiresAt: new Date(Math.min(lastUsed + IDLE_MS, end)),
  };
}

function isStaffRole(role: string): role is 'staff' | 'admin' {
  return (STAFF_ROLES as readonly string[]).includes(role);
}

/** Conditional, so concurrent requests (and several server processes) write about once. */
async function touchStaffSession(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  const before = new Date(now.getTime() - TOUCH_INTERVAL_MS).toISOString();
  await db
    .updateTable('staff_sessions')
    .set({ last_used_at: now.toISOString() })
    .where('id', '=', id)
    .where('last_used_at', '<=', before)
    .execute();
}

/** Ends one session (sign-out); true when it was still open. */
export async function revokeStaffSession(db: Db, sessionId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('staff_sessions')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Ends every open session of a person (locked, new password, role taken away); returns how
 * many. Takes a transaction, so the change that makes the sessions wrong and their end commit
 * together.
 */
export async function revokeStaffSessionsOfUser(
  db: Db,
  userId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('staff_sessions')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
