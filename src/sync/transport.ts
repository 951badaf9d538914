// Transport: the only module that calls `fetch`. It turns HTTP into typed results and checks
// every response against the shared schema, so a captive portal's HTML page or a truncated
// body can never reach the database.
import * as v from 'valibot';
import { version } from '../../package.json';
import { API_PREFIX, pullResponseSchema, type PullResponse } from '../shared/protocol';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class SyncError extends Error {
  constructor(
    readonly kind: 'network' | 'http' | 'invalid',
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export const APP_VERSION = version;

export async function fetchPull(
  cookie: string | undefined,
  fetchImpl: FetchLike,
  baseUrl = '',
): Promise<PullResponse> {
  const query = cookie ? `?cookie=${encodeURIComponent(cookie)}` : '';
  let response: Response;
  try {
    response = await fetchImpl(`${baseUrl}${API_PREFIX}/pull${query}`, {
      headers: { accept: 'application/json', 'x-app-version': APP_VERSION },
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new SyncError('network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw new SyncError('http', `HTTP ${response.status}`, response.status);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new SyncError('invalid', 'Antwort ist kein JSON');
  }
  const parsed = v.safeParse(pullResponseSchema, body);
  if (!parsed.success) throw new SyncError('invalid', v.summarize(parsed.issues));
  return parsed.output;
}
