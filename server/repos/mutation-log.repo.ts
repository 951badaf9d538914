// The mutation log: one row per (client_id, seq) the server has done, applied or rejected.
// Written in the push transaction together with the mutation's effect and the client's
// last_seq, so "done" and "its effect" commit together (G2). Rejections are kept so a device
// whose response was lost learns them again when it resends (G7).
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Rejection } from '../../src/shared/push-protocol';
import { compiledOnce } from '../db/database';
import type { Database } from '../db/tables';

export interface LoggedMutation {
  clientId: string;
  seq: number;
  name: string;
  v: number;
  authorId: string;
  /** null: applied. */
  rejection: { code: string; message: string } | null;
  receivedAt: Date;
}

/**
 * Rows per INSERT: 9 columns × 100 rows = 900 parameters, under SQLite's lowest limit (999, in
 * builds before 3.32) and PostgreSQL's (65,535). A push of 200 mutations takes two statements.
 */
const ROWS_PER_INSERT = 100;

/** Logs a push's mutations, a few multi-row INSERTs instead of one per mutation. */
export async function logMutations(
  tx: Transaction<Database>,
  entries: readonly LoggedMutation[],
): Promise<void> {
  for (let start = 0; start < entries.length; start += ROWS_PER_INSERT) {
    const rows = entries.slice(start, start + ROWS_PER_INSERT).map((entry) => ({
      client_id: entry.clientId,
      seq: entry.seq,
      name: entry.name,
      v: entry.v,
      author_user_id: entry.authorId,
      status: entry.rejection ? ('rejected' as const) : ('applied' as const),
      reject_code: entry.rejection?.code ?? null,
      reject_message: entry.rejection?.message ?? null,
      received_at: entry.receivedAt.toISOString(),
    }));
    // Every row has the same keys in the same order: the parameters, row by row.
    const text = compiledOnce(tx, `insert mutation_log ×${rows.length}`, () =>
      tx.insertInto('mutation_log').values(rows).compile(),
    );
    await tx.executeQuery(CompiledQuery.raw(text, rows.flatMap(Object.values)));
  }
}

/** The recorded rejections of `clientId` with `from` ≤ seq ≤ `to`, by seq (pull, G4). */
export async function rejectionsBetween(
  db: Kysely<Database>,
  clientId: string,
  from: number,
  to: number,
): Promise<Rejection[]> {
  if (from > to) return [];
  const rows = await db
    .selectFrom('mutation_log')
    .select(['seq', 'reject_code', 'reject_message'])
    .where('client_id', '=', clientId)
    .where('status', '=', 'rejected')
    .where('seq', '>=', from)
    .where('seq', '<=', to)
    .orderBy('seq')
    .execute();
  return rows.map(toRejection);
}

function toRejection(row: {
  seq: number;
  reject_code: string | null;
  reject_message: string | null;
}): Rejection {
  return { seq: row.seq, code: row.reject_code ?? 'rejected', message: row.reject_message ?? '' };
}
