// The statements of erasure (privacy/person-erasure.ts, issue 11, Art. 17 DSGVO), each inside
// the erasure's one transaction and scoped by the quarter where the table has one. What they
// touch follows the registry of personal data (privacy/person-data.ts): rows only about the
// person go, rows that other people's work hangs on lose the person's name or link. Each
// returns how many rows it touched (the audit line and the answer report the counts).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables';
import type { ExpiringEntry } from './retention.repo';

type Tx = Transaction<Database>;

const count = (result: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) =>
  Number(result.numDeletedRows ?? result.numUpdatedRows ?? 0n);

/** The quarter's call partner `id`, deleted or not (its fields: '{}' once deleted). */
export async function findPartnerRow(
  db: Kysely<Database>,
  quarterId: string,
  id: string,
): Promise<{ id: string; fields: string; deleted: 0 | 1 } | undefined> {
  return db
    .selectFrom('entries')
    .select(['id', 'fields', 'deleted'])
    .where('quarter_id', '=', quarterId)
    .where('kind', '=', 'partner')
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Live entries the user wrote, of every kind but call partners (those are about the partner). */
export async function liveEntriesWrittenBy(
  tx: Tx,
  quarterId: string,
  userId: string,
): Promise<ExpiringEntry[]> {
  return tx
    .selectFrom('entries')
    .select(['id', 'fields'])
    .where('quarter_id', '=', quarterId)
    .where('author_user_id', '=', userId)
    .where('kind', '!=', 'partner')
    .where('deleted', '=', 0)
    .orderBy('id')
    .execute();
}

/** Live call partners whose callers list the user (prefiltered with LIKE, then read exactly). */
export async function partnersCalledBy(
  tx: Tx,
  quarterId: string,
  userId: string,
): Promise<ExpiringEntry[]> {
  const rows = await tx
    .selectFrom('entries')
    .select(['id', 'fields'])
    .where('quarter_id', '=', quarterId)
    .where('kind', '=', 'partner')
    .where('deleted', '=', 0)
    .where('fields', 'like', `%"${userId}"%`)
    .orderBy('id')
    .execute();
  return rows.filter((row) => {
    const { callers } = JSON.parse(row.fields) as { callers?: unknown };
    return Array.isArray(callers) && callers.includes(userId);
  });
}

/** Old values the user's changes left in other entries' history. */
export async function deleteHistoryWrittenBy(
  tx: Tx,
  quarterId: string,
  userId: string,
): Promise<number> {
  return count(
    await tx
      .deleteFrom('entry_history')
      .where('quarter_id', '=', quarterId)
      .where('author_user_id', '=', userId)
      .executeTakeFirst(),
  );
}

/** Route chunks the user recorded (their walks' routes are gone with the walks already). */
export async function deleteRoutesWrittenBy(
  tx: Tx,
  quarterId: string,
  userId: string,
): Promise<number> {
  return count(
    await tx
      .deleteFrom('walk_track_chunks')
      .where('quarter_id', '=', quarterId)
      .where('author_user_id', '=', userId)
      .executeTakeFirst(),
  );
}

/** The push log's lines of changes sent in the user's name (a user id is one quarter's). */
export async function deletePushLogOf(tx: Tx, userId: string): Promise<number> {
  return count(
    await tx.deleteFrom('mutation_log').where('author_user_id', '=', userId).executeTakeFirst(),
  );
}

/** Which tablets the user signed in on. */
export async function deleteDeviceUsersOf(tx: Tx, userId: string): Promise<number> {
  return count(
    await tx.deleteFrom('device_users').where('user_id', '=', userId).executeTakeFirst(),
  );
}

/**
 * The user's tablet sessions end, and when each was last used is forgotten. The rows stay
 * (ids and the day it began): a tablet presenting one learns the person was erased.
 */
export async function endPersonSessionsOf(tx: Tx, userId: string, now: Date): Promise<number> {
  const ended = count(
    await tx
      .updateTable('person_sessions')
      .set({ revoked_at: now.toISOString() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst(),
  );
  await tx
    .updateTable('person_sessions')
    .set({ last_used_at: null })
    .where('user_id', '=', userId)
    .execute();
  return ended;
}

/** The user's sessions on the staff screens (they end, and their record goes). */
export async function deleteStaffSessionsOf(tx: Tx, userId: string): Promise<number> {
  return count(
    await tx.deleteFrom('staff_sessions').where('user_id', '=', userId).executeTakeFirst(),
  );
}

/** Wrong PINs and passwords typed under these names (the guard keeps the name as typed). */
export async function deleteSignInGuards(
  tx: Tx,
  quarterId: string,
  names: readonly string[],
): Promise<number> {
  return count(
    await tx
      .deleteFrom('sign_in_guards')
      .where('quarter_id', '=', quarterId)
      .where('name', 'in', [...names])
      .executeTakeFirst(),
  );
}

/** Enrolment codes the user issued stay (the tablets they enrolled), without the issuer. */
export async function forgetCodeIssuer(tx: Tx, quarterId: string, userId: string): Promise<number> {
  return count(
    await tx
      .updateTable('enrolment_codes')
      .set({ created_by_user_id: null })
      .where('quarter_id', '=', quarterId)
      .where('created_by_user_id', '=', userId)
      .executeTakeFirst(),
  );
}

/** Follow-ups the user owned are open to anyone again. */
export async function forgetFollowUpOwner(
  tx: Tx,
  quarterId: string,
  userId: string,
): Promise<number> {
  return count(
    await tx
      .updateTable('follow_ups')
      .set({ owner_user_id: null })
      .where('quarter_id', '=', quarterId)
      .where('owner_user_id', '=', userId)
      .executeTakeFirst(),
  );
}

/** Audit lines keep what was done and the actor's id, not the actor's name. */
export async function renameAuditActor(
  tx: Tx,
  quarterId: string,
  userId: string,
  standIn: string,
): Promise<number> {
  return count(
    await tx
      .updateTable('audit_log')
      .set({ actor_name: standIn })
      .where('quarter_id', '=', quarterId)
      .where('actor_user_id', '=', userId)
      .executeTakeFirst(),
  );
}

/** The user row becomes a remainder: a stand-in name, no PIN or password, locked, erased. */
export async function eraseUserRow(
  tx: Tx,
  quarterId: string,
  userId: string,
  standIn: string,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await tx
    .updateTable('users')
    .set({ name: standIn, pin_hash: null, password_hash: null, erased_at: at })
    .where('quarter_id', '=', quarterId)
    .where('id', '=', userId)
    .execute();
  await tx
    .updateTable('users')
    .set({ disabled_at: at })
    .where('quarter_id', '=', quarterId)
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .execute();
}

/** Of these users of the quarter, the ones staff erased. */
export async function erasedAmong(
  db: Tx | Kysely<Database>,
  quarterId: string,
  userIds: readonly string[],
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('quarter_id', '=', quarterId)
    .where('id', 'in', [...userIds])
    .where('erased_at', 'is not', null)
    .execute();
  return rows.map((row) => row.id);
}
