// Requests of the staff screens (issue 10), all through the one `requestJson` of transport.ts.
// The staff session is an HttpOnly cookie (`qb_staff`) the browser sends by itself
// (`credentials: 'same-origin'`); scripts never see it, so nothing here stores a secret.
// Nothing is queued: staff act online, and a failure is shown where it happened. A 401
// `staff_unauthorized` (session expired, ended elsewhere, person locked) is thrown as
// StaffSignedOut and told to every listener of `onStaffSignedOut`, so the staff shell goes
// back to sign-in from whichever screen noticed it.
// C2's requests (staff-upkeep-requests.ts) build on `staffGet` and `staffSend`; views hand in
// the deps of their StaffContext (src/views/staff/staff-context.ts), tests their own fetch.
import * as v from 'valibot';
import { API_PREFIX, pullResponseSchema } from '../shared/protocol';
import {
  staffMeSchema,
  type StaffMe,
  type StaffSignInRequest,
} from '../shared/staff/staff-session';
import { STAFF_PREFIX } from '../shared/staff/staff-endpoints';
import {
  entryHistoryResponseSchema,
  staffWeekResponseSchema,
  type EntryHistoryResponse,
  type FollowUpSubject,
  type FollowUpUpdate,
  type ResolveRequest,
  type StaffWeekResponse,
} from '../shared/staff/staff-week';
import { requestJson, SyncError, type FetchLike } from './transport';

export interface StaffDeps {
  fetch: FetchLike;
  /** Device time, epoch ms ("Stand: …" of the kept week). */
  now: () => number;
  /** Origin of the server; '' (the page's own) in the app. */
  baseUrl?: string;
}

export const appStaffDeps = (): StaffDeps => ({
  fetch: (input, init) => fetch(input, init),
  now: Date.now,
});

/** The staff session is gone (401 `staff_unauthorized`): sign in again. */
export class StaffSignedOut extends SyncError {
  constructor(body?: Record<string, unknown>) {
    super('http', 'HTTP 401', 401, body);
    this.name = 'StaffSignedOut';
  }
}

/** True for a failure that means "no connection", not a refusal: offline or a gateway's 5xx. */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof SyncError)) return false;
  return error.kind === 'network' || [502, 503, 504].includes(error.status ?? 0);
}

type Listener = () => void;
const signedOutListeners = new Set<Listener>();

/** Calls `listener` on every 401 `staff_unauthorized`; returns the way to stop. */
export function onStaffSignedOut(listener: Listener): () => void {
  signedOutListeners.add(listener);
  return () => void signedOutListeners.delete(listener);
}

async function staffRequest<T>(
  path: string,
  init: RequestInit,
  schema: v.GenericSchema<unknown, T>,
  deps: StaffDeps,
): Promise<T> {
  try {
    return await requestJson(
      deps.fetch,
      `${deps.baseUrl ?? ''}${STAFF_PREFIX}${path}`,
      init,
      schema,
    );
  } catch (error) {
    if (error instanceof SyncError && error.status === 401 && error.code === 'staff_unauthorized') {
      for (const listener of [...signedOutListeners]) listener();
      throw new StaffSignedOut(error.body);
    }
    throw error;
  }
}

/** GET `/api/v1/staff<path>`; `path` starts with `/` and may carry a query string. */
export function staffGet<T>(
  path: string,
  schema: v.GenericSchema<unknown, T>,
  deps: StaffDeps = appStaffDeps(),
): Promise<T> {
  return staffRequest(path, {}, schema, deps);
}

/** A state-changing request with a JSON body (none for `undefined`). */
export function staffSend<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  body: unknown,
  schema: v.GenericSchema<unknown, T>,
  deps: StaffDeps = appStaffDeps(),
): Promise<T> {
  const init: RequestInit =
    body === undefined
      ? { method }
      : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  return staffRequest(path, init, schema, deps);
}

/**
 * Name + password for the quarter. A wrong one is a 401 (not "signed out"), too many tries a
 * 429 with Retry-After; both are thrown as SyncError for the screen to word.
 */
export function staffSignIn(
  request: StaffSignInRequest,
  deps: StaffDeps = appStaffDeps(),
): Promise<StaffMe> {
  return requestJson(
    deps.fetch,
    `${deps.baseUrl ?? ''}${STAFF_PREFIX}/sign-in`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    },
    staffMeSchema,
  );
}

/** Ends the session on the server (the cookie is cleared by its answer). */
export async function staffSignOut(deps: StaffDeps = appStaffDeps()): Promise<void> {
  try {
    await staffSend('POST', '/sign-out', undefined, v.unknown(), deps);
  } catch (error) {
    // An answer without a body (204) is a fine sign-out too.
    if (!(error instanceof SyncError && error.kind === 'invalid')) throw error;
  }
}

/** Who is signed in; StaffSignedOut when nobody (or the session ended). */
export function staffMe(deps: StaffDeps = appStaffDeps()): Promise<StaffMe> {
  return staffGet('/me', staffMeSchema, deps);
}

/**
 * The quarter a device without any pull state signs in to: the server's default, as a public
 * pull names it (the same request a fresh device makes on its first start).
 */
export async function publicQuarter(
  deps: StaffDeps = appStaffDeps(),
): Promise<{ id: string; name: string }> {
  const pulled = await requestJson(
    deps.fetch,
    `${deps.baseUrl ?? ''}${API_PREFIX}/pull`,
    {},
    pullResponseSchema,
  );
  return pulled.quarter;
}

/** The Wochenübersicht of `weekId` (`2026-W48`), or of the current week without one. */
export function getStaffWeek(
  weekId: string | undefined,
  deps: StaffDeps = appStaffDeps(),
): Promise<StaffWeekResponse> {
  const query = weekId ? `?week=${encodeURIComponent(weekId)}` : '';
  return staffGet(`/week${query}`, staffWeekResponseSchema, deps);
}

/**
 * Owner, due date, status and note of one item that needs a person. A 409 (someone changed it
 * since it was loaded) and a 400 ("erledigt" without a note) are thrown as SyncError. The
 * answer is not used: the week is loaded again, since the item may have moved.
 */
export async function updateFollowUp(
  subjectType: FollowUpSubject,
  subjectId: string,
  update: FollowUpUpdate,
  deps: StaffDeps = appStaffDeps(),
): Promise<void> {
  const path = `/follow-ups/${encodeURIComponent(subjectType)}/${encodeURIComponent(subjectId)}`;
  await staffSend('PUT', path, update, v.unknown(), deps);
}

/** Who changed which field of an entry when, on which device, and what a conflict lost. */
export function getEntryHistory(
  entryId: string,
  deps: StaffDeps = appStaffDeps(),
): Promise<EntryHistoryResponse> {
  return staffGet(
    `/entries/${encodeURIComponent(entryId)}/history`,
    entryHistoryResponseSchema,
    deps,
  );
}

/**
 * Marks the entry's conflict as resolved, bringing back the lost values of `restore`. A 409
 * means the entry changed since its history was loaded: load it again and decide anew.
 */
export async function resolveEntryConflict(
  entryId: string,
  request: ResolveRequest,
  deps: StaffDeps = appStaffDeps(),
): Promise<void> {
  await staffSend(
    'POST',
    `/entries/${encodeURIComponent(entryId)}/resolve`,
    request,
    v.unknown(),
    deps,
  );
}
