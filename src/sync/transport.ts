// Transport: the only module that calls `fetch`. It turns HTTP into typed results and checks
// every response against the shared schema, so a captive portal's HTML page or a truncated
// body can never reach the database. Every failure is a SyncError: `network` (no answer),
// `http` (an error status, e.g. 401: enrol again), `invalid` (an answer that is not ours).
// Requests that carry people's changes or should bring their entries also send those people's
// session tokens (`X-Person-Sessions`, issue 7); a pull without `Authorization` is public.
import * as v from 'valibot';
import { APP_VERSION, appRequest } from '../shared/request-basics';
import {
  deviceInfoResponseSchema,
  enrolResponseSchema,
  MAX_PERSON_SESSIONS,
  OUTBOX_WAITING_HEADER,
  PERSON_SESSIONS_HEADER,
  signInResponseSchema,
  type DeviceInfoResponse,
  type EnrolRequest,
  type EnrolResponse,
  type SignInRequest,
  type SignInResponse,
} from '../shared/identity';
import { API_PREFIX, pullResponseSchema, type PullResponse } from '../shared/protocol';
import { pushResponseSchema, type PushRequest, type PushResponse } from '../shared/push-protocol';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class SyncError extends Error {
  constructor(
    /** `not-enrolled`: the device has no credential, so nothing was sent. */
    readonly kind: 'network' | 'http' | 'invalid' | 'not-enrolled',
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

  /** The server's machine code, e.g. 'unauthorized', 'sign_in_failed', 'seq_gap'. */
  get code(): string | undefined {
    return typeof this.body?.error === 'string' ? this.body.error : undefined;
  }
}

export { APP_VERSION };

/** One JSON request through the app's only `fetch`: every failure a SyncError (see above). */
export async function requestJson<T>(
  fetchImpl: FetchLike,
  url: string,
  init: RequestInit,
  schema: v.GenericSchema<unknown, T>,
): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, appRequest(init));
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

/** The `X-Person-Sessions` header for these tokens; none for none. */
function sessionHeaders(sessions: readonly string[]): Record<string, string> {
  if (sessions.length > MAX_PERSON_SESSIONS) {
    throw new Error(`At most ${MAX_PERSON_SESSIONS} person sessions per request`);
  }
  return sessions.length > 0 ? { [PERSON_SESSIONS_HEADER]: sessions.join(',') } : {};
}

export interface PullQuery {
  /** Public pull only (no `Authorization`): whose reference data; default the server's first. */
  quarter?: string | undefined;
  /** The stored cookie; empty or missing asks for the full state. */
  cookie?: string | undefined;
  /** This installation's clientId, to learn how far the server is with its outbox. */
  client?: string | undefined;
  /** The lowest seq still in the outbox: the server lists rejections from there. */
  from?: number | undefined;
}

/**
 * `X-Outbox-Waiting`: how many changes wait in the outbox, reported with every authenticated
 * request so staff see a tablet that stopped delivering (issue 10); none when not given.
 */
function waitingHeaders(waiting: number | undefined): Record<string, string> {
  return waiting === undefined ? {} : { [OUTBOX_WAITING_HEADER]: String(waiting) };
}

/**
 * GET /pull. With `authorization` (an enrolled device) it brings the entries of the people whose
 * `sessions` it presents; with `null` it is public: reference data only, no client position.
 */
export function fetchPull(
  query: PullQuery,
  authorization: string | null,
  fetchImpl: FetchLike,
  baseUrl = '',
  sessions: readonly string[] = [],
  waiting?: number,
): Promise<PullResponse> {
  const params = new URLSearchParams();
  if (query.quarter && authorization === null) params.set('quarter', query.quarter);
  if (query.cookie) params.set('cookie', query.cookie);
  if (query.client) params.set('client', query.client);
  if (query.from !== undefined) params.set('from', String(query.from));
  const search = params.toString();
  return requestJson(
    fetchImpl,
    `${baseUrl}${API_PREFIX}/pull${search ? `?${search}` : ''}`,
    {
      headers:
        authorization === null
          ? {}
          : { authorization, ...sessionHeaders(sessions), ...waitingHeaders(waiting) },
    },
    pullResponseSchema,
  );
}

/** POST /push; `sessions` must hold the token of every author in the batch. */
export function postPush(
  request: PushRequest,
  authorization: string,
  fetchImpl: FetchLike,
  baseUrl = '',
  sessions: readonly string[] = [],
  waiting?: number,
): Promise<PushResponse> {
  return requestJson(
    fetchImpl,
    `${baseUrl}${API_PREFIX}/push`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization,
        ...sessionHeaders(sessions),
        ...waitingHeaders(waiting),
      },
      body: JSON.stringify(request),
    },
    pushResponseSchema,
  );
}

/** Trades a one-time code for a device credential (not authenticated; rate-limited). */
export function postEnrol(
  request: EnrolRequest,
  fetchImpl: FetchLike,
  baseUrl = '',
): Promise<EnrolResponse> {
  return requestJson(
    fetchImpl,
    `${baseUrl}${API_PREFIX}/enrol`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    },
    enrolResponseSchema,
  );
}

/** The device as the server knows it, with the people who may sign in on it. */
export function getDeviceInfo(
  authorization: string,
  fetchImpl: FetchLike,
  baseUrl = '',
): Promise<DeviceInfoResponse> {
  return requestJson(
    fetchImpl,
    `${baseUrl}${API_PREFIX}/device`,
    { headers: { authorization } },
    deviceInfoResponseSchema,
  );
}

/** Checks name + PIN; a wrong one is a 401 with code `sign_in_failed` (not `unauthorized`). */
export function postSignIn(
  request: SignInRequest,
  authorization: string,
  fetchImpl: FetchLike,
  baseUrl = '',
): Promise<SignInResponse> {
  return requestJson(
    fetchImpl,
    `${baseUrl}${API_PREFIX}/device/sign-in`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(request),
    },
    signInResponseSchema,
  );
}
