// Calls (the minimal entry type of issue 3). Created only by pushed mutations, inside the push
// transaction (a `WriteContext`), so every row carries the version of the push that wrote it.
import type { WriteContext } from './quarter-version.repo';
import { stamp, toFlag } from './synced-row.repo';

export interface NewCall {
  /** Client-generated. */
  id: string;
  authorId: string;
  deviceId: string;
  occurredAt: string;
  partner: string;
  durationMinutes: number;
  concern: boolean;
  note: string;
  activity: { id: string; name: string; themeName: string } | null;
}

/**
 * Inserts a call; a call with the same id in the quarter stays as it is, so a create sent
 * again under a new seq (e.g. re-queued after a reset) has no second effect (G2). The activity
 * is not checked against the catalogue: an entry made offline may name an activity deleted
 * since, and keeps its snapshot of the names (G11). Returns false for an existing id.
 */
export async function insertCall(w: WriteContext, call: NewCall): Promise<boolean> {
  const result = await w.tx
    .insertInto('calls')
    .values({
      quarter_id: w.quarterId,
      id: call.id,
      author_user_id: call.authorId,
      device_id: call.deviceId,
      occurred_at: call.occurredAt,
      partner: call.partner,
      duration_minutes: call.durationMinutes,
      concern: toFlag(call.concern),
      note: call.note,
      activity_id: call.activity?.id ?? null,
      activity_name: call.activity?.name ?? null,
      theme_name: call.activity?.themeName ?? null,
      created_at: w.updatedAt,
      ...stamp(w),
    })
    .onConflict((oc) => oc.columns(['quarter_id', 'id']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}
