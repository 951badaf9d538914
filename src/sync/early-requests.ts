// The QR link's first requests, sent before the code that needs them has loaded (issue 12). A
// new tablet opening `#/geraet/<code>` must download the app, enrol and pull before it can show
// anything useful; on a slow network each of those waits its round trip. So main.tsx sends the
// enrolment at once, while the app's data code (Dexie, the schemas, the sync engine) is still
// downloading, and the enrolment's answer carries the new device's first pull (`firstPull`), so
// there is no second round trip. When that code then makes the same requests, `fetchWithEarly`
// hands it the answers already on their way, once; the app checks and stores them exactly as if
// it had asked itself (src/sync/transport.ts). Nothing here reads an answer beyond the new
// device's id and credential and the first pull it passes on unchecked, and nothing is kept
// after a minute. On the start path: no valibot, no Dexie.
import { API_PREFIX, appRequest, deviceAuthorization } from '../shared/request-basics';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
const networkFetch: FetchLike = (input, init) => fetch(input, init);

interface EarlyRequest {
  key: string;
  sentAt: number;
  answer: Promise<Response>;
  /** Part of the QR link's enrolment (see enrolmentUnderway). */
  qrLink: boolean;
}

/** An early answer not asked for within this time is dropped (the code failed to load). */
const KEEP_MS = 60_000;
let early: EarlyRequest[] = [];
/** The early enrolments not answered yet, with when each was sent. */
let unanswered: { sentAt: number }[] = [];

/** The early requests not asked for yet (and not too old). */
function waiting(): EarlyRequest[] {
  const now = Date.now();
  early = early.filter((request) => now - request.sentAt < KEEP_MS);
  return early;
}

/**
 * An enrolment sent early is not through yet: it has not answered, or its answer or the new
 * device's first pull has not been asked for. The sync engine then skips its public pull (no
 * device yet): the device's own pull comes once the enrolment is stored, and it is the early one.
 */
export function enrolmentUnderway(): boolean {
  const now = Date.now();
  unanswered = unanswered.filter((enrolment) => now - enrolment.sentAt < KEEP_MS);
  return unanswered.length > 0 || waiting().some((request) => request.qrLink);
}

/** What makes two requests the same: method, address, device and body. */
function keyOf(url: string, init: RequestInit = {}): string {
  const authorization = new Headers(init.headers).get('authorization') ?? '';
  const body = typeof init.body === 'string' ? init.body : '';
  return JSON.stringify([init.method ?? 'GET', url, authorization, body]);
}

function send(url: string, init: RequestInit, fetchImpl: FetchLike): Promise<Response> {
  const full = appRequest(init);
  const answer = fetchImpl(url, full);
  answer.catch(() => {}); // a failed early request is made again by whoever asks for it
  early.push({ key: keyOf(url, full), sentAt: Date.now(), answer, qrLink: true });
  return answer;
}

/**
 * The answer the device's first pull gets (`GET /pull` as this device, no cookie, no query): the
 * `firstPull` its enrolment's answer carried. Offered again, it replaces the one not taken yet.
 */
export function offerFirstPull(
  authorization: string,
  body: unknown,
  baseUrl = '',
  qrLink = false,
): void {
  const url = `${baseUrl}${API_PREFIX}/pull`;
  const key = keyOf(url, appRequest({ headers: { authorization } }));
  const headers = { 'content-type': 'application/json' };
  const answer = Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers }));
  const replaced = waiting().find((request) => request.key === key);
  early = early.filter((request) => request !== replaced);
  early.push({ key, sentAt: Date.now(), answer, qrLink: replaced?.qrLink ?? qrLink });
}

/**
 * Enrols with the QR link's code now, and offers the first pull its answer carries to the new
 * device's first pull. `pulled` gets that pull as it arrived (not checked yet: main.tsx shows the
 * start screen from it while the app checks and stores it).
 */
export function enrolEarly(
  code: string,
  fetchImpl: FetchLike = networkFetch,
  pulled: (body: unknown) => void = () => {},
): void {
  const enrolment = { sentAt: Date.now() };
  unanswered.push(enrolment);
  send(
    `${API_PREFIX}/enrol`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    },
    fetchImpl,
  )
    .then((response) => (response.ok ? response.clone().json() : undefined))
    .then(
      (enrolled: { deviceId?: unknown; credential?: unknown; firstPull?: unknown } | undefined) => {
        const { deviceId, credential, firstPull } = enrolled ?? {};
        if (typeof deviceId !== 'string' || typeof credential !== 'string') return;
        if (firstPull === undefined) return; // a server before issue 12: the app pulls itself
        offerFirstPull(deviceAuthorization(deviceId, credential), firstPull, '', true);
        pulled(firstPull);
      },
    )
    .catch(() => {}) // not JSON, or offline: the app asks itself and says what failed
    .then(() => {
      unanswered = unanswered.filter((other) => other !== enrolment);
    });
}

/**
 * The app's `fetch`: the answer to the same request sent early, once; otherwise (or when the
 * early one failed to arrive) the network.
 */
export function fetchWithEarly(fetchImpl: FetchLike = networkFetch): FetchLike {
  return (url, init) => {
    const index = waiting().findIndex((request) => request.key === keyOf(url, init));
    const [hit] = index < 0 ? [] : early.splice(index, 1);
    if (!hit) return fetchImpl(url, init);
    return hit.answer.catch(() => fetchImpl(url, init));
  };
}
