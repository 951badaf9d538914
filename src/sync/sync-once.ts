// One sync round. For now: pull → apply (push arrives with the logging issue and will run
// after the pull in this same function, see docs/sync-protocol.md).
import type { QuartiersbuchDb } from '../db/db';
import { applyPull, readPullState } from '../db/pull';
import type { PullDecision } from '../domain/pull-decision';
import { fetchPull, type FetchLike } from './transport';

export interface SyncDeps {
  db: QuartiersbuchDb;
  fetch: FetchLike;
  now: () => number;
  baseUrl?: string;
}

export async function syncOnce(deps: SyncDeps): Promise<PullDecision> {
  const state = await readPullState(deps.db);
  const response = await fetchPull(state?.cookie, deps.fetch, deps.baseUrl);
  return applyPull(deps.db, response, deps.now());
}
