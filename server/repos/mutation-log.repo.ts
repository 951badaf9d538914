// The mutation log: one row per (client_id, seq) the server has done, applied or rejected.
// Written in the push transaction together with the mutation's effect and the client's
// last_seq, so "done" and "its effect" commit together (G2). Rejections are kept so a device
// whose response was lost learns them again when it resends (G7).
import type { Transaction } from 'kysely';
import type { Rejection } from '../../src/shared/push';
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

export async function logMutation(tx: Transaction<Database>, entry: LoggedMutation): Promise<void> {
  await tx
    .insertInto('mutation_log')
    .values({
      client_id: entry.clientId,
      seq: entry.seq,
      name: entry.name,
      v: entry.v,
      author_user_id: entry.authorId,
      status: entry.rejection ? 'rejected' : 'applied',
      reject_code: entry.rejection?.code ?? null,
      reject_message: entry.rejection?.message ?? null,
      received_at: entry.receivedAt.toISOString(),
    })
    .execute();
}

/** The recorded rejections of `clientId` among `seqs`, by seq. */
export async function rejectionsAmong(
  tx: Transaction<Database>,
  clientId: string,
  seqs: readonly number[],
): Promise<Rejection[]> {
  if (seqs.length === 0) return [];
  const rows = await tx
    .selectFrom('mutation_log')
    .select(['seq', 'reject_code', 'reject_message'])
    .where('client_id', '=', clientId)
    .where('status', '=', 'rejected')
    .where('seq', 'in', [...seqs])
    .orderBy('seq')
    .execute();
  return rows.map((row) => ({
    seq: row.seq,
    code: row.reject_code ?? 'rejected',
    message: row.reject_message ?? '',
  }));
}
