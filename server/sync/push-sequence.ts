// Which mutations of a push are still to do (G2, G3), as a pure function of the request and
// the client's last_seq: seqs up to last_seq are duplicates (acknowledged, no effect); the
// rest must continue last_seq without a hole, or nothing of the request is applied.

export type PushPlan<M> = { pending: M[] } | { expectedSeq: number };

export function planPush<M extends { seq: number }>(
  mutations: readonly M[],
  lastSeq: number,
): PushPlan<M> {
  const pending: M[] = [];
  let next = lastSeq + 1;
  for (const mutation of [...mutations].sort((a, b) => a.seq - b.seq)) {
    // A seq sent twice in one request counts once (the first copy); a stale one is a duplicate.
    if (mutation.seq < next) continue;
    if (mutation.seq > next) return { expectedSeq: lastSeq + 1 };
    pending.push(mutation);
    next += 1;
  }
  return { pending };
}
