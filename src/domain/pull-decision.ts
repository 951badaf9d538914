// Whether a pull response may be applied to the device's replica (DESIGN.md G4: the cookie
// never moves backwards). Responses can arrive late or twice (retries, two tabs); an older
// snapshot must never overwrite a newer one.

export interface ReplicaPosition {
  epoch: string;
  head: number;
}

export type PullDecision = 'apply' | 'stale';

export function decidePull(
  stored: ReplicaPosition | undefined,
  response: ReplicaPosition & { reset: boolean },
): PullDecision {
  if (!stored) return 'apply';
  // A different epoch means the server database was replaced: only a full reset may follow.
  if (response.epoch !== stored.epoch) return response.reset ? 'apply' : 'stale';
  return response.head >= stored.head ? 'apply' : 'stale';
}
