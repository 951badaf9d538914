// Person sessions (migration 0006): who is signed in on which device, proven by a credential
// only that device holds. Identity data, not synced: writes bump no quarter version; a change
// of whom a device may show is noticed by the pull cookie's view fingerprint instead.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Role } from '../../src/shared/identity';
import type { Database } from '../db/tables';
import {
  credentialMatches,
  hashDeviceCredential,
  newDeviceCredential,
} from '../secrets/device-credential';
import type { PersonSessionToken } from '../secrets/person-session';
import { isTouchDue } from './device.repo';

/** A person a request may act for: their valid session on this device, role as of now. */
export interface SignedInPerson {
  id: string;
  role: Role;
  sessionId: string;
  /**
   * Disabled since signing in: the session still proves who made a change (which push then
   * refuses for good as `unknown_author`, shown to the person), but brings none of their data.
   */
  active: boolean;
}

export interface ResolvedSessions {
  /** By user id: the people whose presented sessions are valid. */
  people: Map<string, SignedInPerson>;
  /** Presented session ids that prove nothing: unknown, revoked, another device's or quarter's. */
  invalid: string[];
  /** Users staff erased, of presented tokens that are this device's with the right secret. */
  erased: string[];
}

/**
 * Starts a session of `userId` on `deviceId` and returns its token (`<id>.<secret>`), shown
 * once. The person's earlier sessions on that device end in the same transaction, so a device
 * holds one per person and a leaked old token stops working at the next sign-in.
 */
export async function createPersonSession(
  db: Kysely<Database>,
  session: { deviceId: string; userId: string; quarterId: string },
  now: Date,
): Promise<string> {
  const id = randomUUID();
  const secret = newDeviceCredential();
  const at = now.toISOString();
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('person_sessions')
      .set({ revoked_at: at })
      .where('device_id', '=', session.deviceId)
      .where('user_id', '=', session.userId)
      .where('revoked_at', 'is', null)
      .execute();
    await tx
      .insertInto('person_sessions')
      .values({
        id,
        device_id: session.deviceId,
        user_id: session.userId,
        quarter_id: session.quarterId,
        credential_hash: hashDeviceCredential(secret),
        created_at: at,
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
  });
  return `${id}.${secret}`;
}

/**
 * Checks presented tokens against this device: a session counts only if it is this device's,
 * of this quarter, not revoked and its secret matches. One query for all of them; every token
 * costs the same hash comparison, found or not.
 */
export async function resolvePersonSessions(
  db: Kysely<Database>,
  deviceId: string,
  quarterId: string,
  tokens: readonly PersonSessionToken[],
  now: Date = new Date(),
): Promise<ResolvedSessions> {
  const people = new Map<string, SignedInPerson>();
  if (tokens.length === 0) return { people, invalid: [], erased: [] };
  const rows = await db
    .selectFrom('person_sessions')
    .innerJoin('users', 'users.id', 'person_sessions.user_id')
    .select([
      'person_sessions.id',
      'person_sessions.device_id',
      'person_sessions.quarter_id',
      'person_sessions.credential_hash',
      'person_sessions.revoked_at',
      'person_sessions.last_used_at',
      'users.id as user_id',
      'users.role',
      'users.disabled_at',
      'users.erased_at',
    ])
    .where(
      'person_sessions.id',
      'in',
      tokens.map((token) => token.sessionId),
    )
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const invalid: string[] = [];
  const erased: string[] = [];
  const due: string[] = [];
  for (const token of tokens) {
    const row = byId.get(token.sessionId);
    const matches = credentialMatches(token.secret, row?.credential_hash ?? NO_SESSION_HASH);
    // Only a token that proves itself learns that its person was erased.
    if (row && matches && row.device_id === deviceId && row.erased_at !== null) {
      erased.push(row.user_id);
    }
    const valid =
      row !== undefined &&
      matches &&
      row.device_id === deviceId &&
      row.quarter_id === quarterId &&
      row.revoked_at === null;
    if (!valid) {
      invalid.push(token.sessionId);
      continue;
    }
    people.set(row.user_id, {
      id: row.user_id,
      role: row.role,
      sessionId: row.id,
      active: row.disabled_at === null,
    });
    if (isTouchDue(row.last_used_at, now, LAST_USED_INTERVAL_MS)) due.push(row.id);
  }
  // "Last used" is for the admin's list, not worth a write per request (cf. touchDevice).
  if (due.length > 0) {
    await db
      .updateTable('person_sessions')
      .set({ last_used_at: now.toISOString() })
      .where('id', 'in', due)
      .execute();
  }
  return { people, invalid, erased };
}

const LAST_USED_INTERVAL_MS = 60_000;

/** A hash that matches no secret, compared against when the session id is unknown. */
const NO_SESSION_HASH = '0'.repeat(64);

export interface PersonSessionListing {
  id: string;
  deviceId: string;
  deviceLabel: string;
  userName: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The quarter's sessions, newest first (the admin's `list-sessions`). */
export async function listPersonSessions(
  db: Kysely<Database>,
  quarterId: string,
): Promise<PersonSessionListing[]> {
  return db
    .selectFrom('person_sessions')
    .innerJoin('users', 'users.id', 'person_sessions.user_id')
    .innerJoin('devices', 'devices.id', 'person_sessions.device_id')
    .select([
      'person_sessions.id as id',
      'person_sessions.device_id as deviceId',
      'devices.label as deviceLabel',
      'users.name as userName',
      'person_sessions.created_at as createdAt',
      'person_sessions.last_used_at as lastUsedAt',
      'person_sessions.revoked_at as revokedAt',
    ])
    .where('person_sessions.quarter_id', '=', quarterId)
    .orderBy('person_sessions.created_at', 'desc')
    .orderBy('person_sessions.id')
    .execute();
}

export type RevokeSessionResult = 'revoked' | 'already-revoked' | 'unknown';

/**
 * Ends a session: the device can no longer send this person's changes or receive their
 * entries; its next pull drops them. Changes still waiting on the device wait until the person
 * signs in there again (a new session), so nothing they made is lost.
 */
export async function revokePersonSession(
  db: Kysely<Database>,
  sessionId: string,
  now: Date = new Date(),
): Promise<RevokeSessionResult> {
  const result = await db
    .updateTable('person_sessions')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) return 'revoked';
  const exists = await db
    .selectFrom('person_sessions')
    .select('id')
    .where('id', '=', sessionId)
    .executeTakeFirst();
  return exists ? 'already-revoked' : 'unknown';
}

/**
 * Ends every session of a person on every device (staff locked them, issue 10); returns how
 * many. Their devices can no longer send their changes or receive their entries; the changes
 * wait on the device until the person is unlocked and signs in there again.
 */
export async function revokePersonSessionsOfUser(
  db: Kysely<Database> | Transaction<Database>,
  userId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('person_sessions')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
