// Transport: the only module that calls `fetch`. It turns HTTP into typed results and checks
// every response against the shared schema, so a captive portal's HTML page or a truncated
// body can never reach the database.
import * as v from 'valibot';
import { version } from '../../package.json';
import { API_PREFIX, pullResponseSchema, type PullResponse } from '../shared/protocol';
import { pushResponseSchema, type PushRequest, type PushResponse } from '../shared/push';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class SyncError extends Error {
  constructor(
    readonly kind: 'network' | 'http' | 'invalid',
    message: string,
    readonly status?: number,
    /** The JSON error body of an HTTP error, when there was one (e.g. `expectedSeq`). */
    readonly body?: Record<string, unknown>,
    /** Seconds from a `Retry-After` header. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export const APP_VERSION = version;

async function requestJson<T>(
  fetchImpl: FetchLike,
  url: string,
  init: RequestInit,
  schema: v.GenericSchema<unknown, T>,
): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      ...init,
      headers: { accept: 'application/json', 'x-app-version': APP_VERSION, ...init.headers },
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new SyncError('network', error instanceof Error ? error.message : String(error));
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('retry-after')) || undefined;
    const errorBody =
      typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
    throw new SyncError('http', `HTTP ${response.status}`, response.status, errorBody, retryAfter);
  }
  if (body === undefined) throw new SyncError('invalid', 'Antwort ist kein JSON');
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) throw new SyncError('invalid', v.summarize(parsed.issues));
  return parsed.output;
}

export function fetchPull(
  cookie: string | undefined,
  fetchImpl: FetchLike,
  baseUrl = '',
): Promise<PullResponse> {
  const query = cookie ? `?cookie=${encodeURIComponent(cookie)}` : '';
  return requestJson(fetchImpl, `${baseUrl}${API_PREFIX}/pull${query}`, {}, pullResponseSchema);
}

export function postPush(
  request: PushRequest,
  authorization: string,
  fetchImpl: FetchLike,
  baseUrl = '',
): Promise<PushResponse> {
  return requestJson(
    fetchImpl,
    `${baseUrl}${API_PREFIX}/push`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(request),
    },
    pushResponseSchema,
  );
}
