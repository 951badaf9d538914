// Versions (G4): every writing transaction first bumps its quarter's counter and stamps each
// row it writes with the new value. The bump is the transaction's first statement:
// - on PostgreSQL the UPDATE takes the quarter row's lock until commit, so writers of one
//   quarter run one after another and commit order equals version order — a pull that sees
//   version N therefore also sees every row with a version ≤ N;
// - on SQLite the UPDATE takes the database write lock right away (no deferred upgrade that
//   could fail with SQLITE_BUSY halfway through).
// A sequence or clock read outside the transaction could not give either guarantee.
import { sql, type ControlledTransaction, type Kysely, type Transaction } from 'kysely';
import { UnknownQuarterError } from '../errors';
import type { Database } from '../db/tables';

export interface WriteContext {
  tx: Transaction<Database>;
  quarterId: string;
  /** The version every row written in this transaction gets. */
  version: number;
  /** Server time of the write, ISO 8601 (data only; ordering uses `version`, G9). */
  updatedAt: string;
}

export interface WriteOptions {
  now?: Date;
}

/** Runs `write` in one transaction that owns the next version of the quarter. */
export async function writeInQuarter<T>(
  db: Kysely<Database>,
  quarterId: string,
  write: (context: WriteContext) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  return db.transaction().execute(async (tx) => {
    const context = await beginWrite(tx, quarterId, options.now ?? new Date());
    return write(context);
  });
}

/** A write context whose transaction can also set savepoints (push: one per mutation, G7). */
export interface SavepointWriteContext extends WriteContext {
  tx: ControlledTransaction<Database>;
}

/**
 * `writeInQuarter` for writers that need savepoints, which Kysely offers only on a controlled
 * transaction: commit on success, roll back on any error (the connection is released either way).
 */
export async function writeInQuarterWithSavepoints<T>(
  db: Kysely<Database>,
  quarterId: string,
  write: (context: SavepointWriteContext) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  const tx = await db.startTransaction().execute();
  try {
    const context = await beginWrite(tx, quarterId, options.now ?? new Date());
    const result = await write({ ...context, tx });
    await tx.commit().execute();
    return result;
  } catch (error) {
    // The original error is what matters; a failing rollback (dead connection) only releases.
    if (!tx.isCommitted)
      await tx
        .rollback()
        .execute()
        .catch(() => undefined);
    throw error;
  }
}

/** Bumps the quarter's version inside an open transaction; must run before any other write. */
export async function beginWrite(
  tx: Transaction<Database>,
  quarterId: string,
  now: Date,
): Promise<WriteContext> {
  const updatedAt = now.toISOString();
  const row = await tx
    .updateTable('quarters')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: updatedAt }))
    .where('id', '=', quarterId)
    .returning('version')
    .executeTakeFirst();
  if (!row) throw new UnknownQuarterError();
  return { tx, quarterId, version: row.version, updatedAt };
}

/**
 * For transactions that must read before they know which quarter to bump (demo seed, example
 * removal): a harmless write as the very first statement. SQLite starts transactions deferred;
 * one that reads first and writes later fails with SQLITE_BUSY_SNAPSHOT if another process (the
 * running server) committed in between. Writing first takes the write lock up front, and other
 * writers wait (busy_timeout). On PostgreSQL it only touches the meta row.
 */
export async function takeWriteLock(tx: Transaction<Database>): Promise<void> {
  await sql`update meta set value = value where key = 'epoch'`.execute(tx);
}
