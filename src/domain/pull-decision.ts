// Whether a pull response may be applied to the device's replica (G4, docs/sync-protocol.md: the
// cookie never moves backwards). Responses can arrive late or twice (retries, two tabs); an older
// snapshot must never overwrite a newer one. Versions count per quarter, so heads of two quarters
// cannot be compared: a device that pulled one quarter's public data on its first visit and then
// enrolled in another takes that quarter's reset whatever its head.

export interface ReplicaPosition {
  epoch: string;
  head: number;
  /** The quarter the position is in; when both sides name one and they differ, see above. */
  quarterId?: string | undefined;
}

export type PullDecision = 'apply' | 'stale';

export function decidePull(
  stored: ReplicaPosition | undefined,
  response: ReplicaPosition & { reset: boolean },
): PullDecision {
  if (!stored) return 'apply';
  // A different epoch means the server database was replaced, a different quarter another
  // version counter: only a full reset may follow.
  const otherQuarter =
    stored.quarterId !== undefined &&
    response.quarterId !== undefined &&
    stored.quarterId !== response.quarterId;
  if (response.epoch !== stored.epoch || otherQuarter) return response.reset ? 'apply' : 'stale';
  return response.head >= stored.head ? 'apply' : 'stale';
}
