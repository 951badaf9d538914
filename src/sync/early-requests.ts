// The QR link's first requests, sent before the code that needs them has loaded (issue 12). A
// new tablet opening `#/geraet/<code>` must download the app, enrol and pull before it can show
// anything useful; on a slow network each of those waits its round trip. So main.tsx sends the
// enrolment at once, and the pull as the new device as soon as the enrolment answers, while the
// app's data code (Dexie, the schemas, the sync engine) is still downloading. When that code
// then makes the same request, `fetchWithEarly` hands it the answer already on its way, once;
// the app checks and stores it exactly as if it had asked itself (src/sync/transport.ts).
// Nothing here reads an answer beyond the new device's id and credential, and nothing is kept
// after a minute. On the start path: no valibot, no Dexie.
import { API_PREFIX, appRequest, deviceAuthorization } from '../shared/request-basics';

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
const networkFetch: FetchLike = (input, init) => fetch(input, init);

interface EarlyRequest {
  key: string;
  sentAt: number;
  answer: Promise<Response>;
}

/** An early answer not asked for within this time is dropped (the code failed to load). */
const KEEP_MS = 60_000;
let early: EarlyRequest[] = [];

/** The early requests not asked for yet (and not too old). */
function waiting(): EarlyRequest[] {
  const now = Date.now();
  early = early.filter((request) => now - request.sentAt < KEEP_MS);
  return early;
}

/**
 * An enrolment sent early is not through yet: its answer, or the new device's pull, has not
 * been asked for. The sync engine then skips its public pull (no device yet): the device's own
 * pull comes once the enrolment is stored, and it is the early one.
 */
export function enrolmentUnderway(): boolean {
  return waiting().length > 0;
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
  early.push({ key: keyOf(url, full), sentAt: Date.now(), answer });
  return answer;
}

/**
 * Enrols with the QR link's code now and, once enrolled, pulls as the new device (a fresh
 * device's first pull: no cookie, no outbox position, nobody signed in). A device that already
 * holds data asks differently and simply does not use the early pull. `pulled` gets the pull's
 * body as it arrived (not checked yet: main.tsx shows the start screen from it while the app
 * checks and stores it).
 */
export function enrolEarly(
  code: string,
  fetchImpl: FetchLike = networkFetch,
  pulled: (body: unknown) => void = () => {},
): void {
  const enrol = send(
    `${API_PREFIX}/enrol`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    },
    fetchImpl,
  );
  enrol
    .then((response) => (response.ok ? response.clone().json() : undefined))
    .then((enrolled: { deviceId?: unknown; credential?: unknown } | undefined) => {
      if (typeof enrolled?.deviceId !== 'string' || typeof enrolled.credential !== 'string') return;
      const authorization = deviceAuthorization(enrolled.deviceId, enrolled.credential);
      return send(`${API_PREFIX}/pull`, { headers: { authorization } }, fetchImpl);
    })
    .then((pull) => (pull?.ok ? pull.clone().json() : undefined))
    .then((body: unknown) => body !== undefined && pulled(body))
    .catch(() => {}); // not JSON, or offline: the app asks itself and says what failed
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
