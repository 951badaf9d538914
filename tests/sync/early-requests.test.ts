// The QR link's early requests (issue 12, src/sync/early-requests.ts): main.tsx enrols at once
// while the app's data code downloads, and the enrolment's answer carries the new device's first
// pull; when the app then asks the same, it gets those answers, once, and checks and stores them
// as its own. Against the real server on a local port and a real device database
// (fake-indexeddb): a first visit costs one request, the enrolment, from the QR link and from
// the enrol screen alike; an early answer is never handed to a different request, nor twice,
// nor after a minute; one that failed is asked again; a round while the enrolment is under way
// pulls nothing; and an enrolment answered without a first pull (a server before issue 12)
// leaves the pull to the app.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readDevice } from '../../src/db/device-identity';
import { readPullState } from '../../src/db/pull-state';
import { appRequest } from '../../src/shared/request-basics';
import { enrolEarly, enrolmentUnderway, fetchWithEarly } from '../../src/sync/early-requests';
import { enrolDevice } from '../../src/sync/identity-requests';
import { syncOnce } from '../../src/sync/sync-once';
import { seedDemoData } from '../../server/demo/seed';
import { DEMO_QUARTER } from '../../server/demo/demo-facts';
import { useSyncWorld } from './sync-world';
import { waitUntil } from '../support/wait-until';

type Sent = { method: string; url: string; authorization: string | null };

/** The network as the browser has it, on the test server's address, with every request noted. */
function network(baseUrl: string) {
  const sent: Sent[] = [];
  const fetchImpl = (url: string, init: RequestInit = {}) => {
    const authorization = new Headers(init.headers).get('authorization');
    sent.push({ method: init.method ?? 'GET', url, authorization });
    return fetch(`${baseUrl}${url}`, init);
  };
  return { sent, fetchImpl };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the QR link against the server', () => {
  const world = useSyncWorld('sqlite', {
    quarter: DEMO_QUARTER,
    seed: (server) => seedDemoData(server, new Date('2026-11-25T10:00:00Z')),
  });

  it('a first visit sends one request, the enrolment, before the app asked', async () => {
    const w = world();
    const device = w.openDevice();
    const code = await w.newCode();
    const { sent, fetchImpl } = network(w.baseUrl);
    const pulled: unknown[] = [];
    enrolEarly(code, fetchImpl, (body) => pulled.push(body));
    expect(enrolmentUnderway()).toBe(true);
    await waitUntil('the first pull, with the enrolment', () => pulled.length === 1);
    expect(sent).toEqual([{ method: 'POST', url: '/api/v1/enrol', authorization: null }]);
    expect(pulled[0]).toMatchObject({ quarter: { id: DEMO_QUARTER.id } });
    expect(enrolmentUnderway()).toBe(true);

    // The app's code has loaded: the enrol screen and the sync round ask as they always do.
    const deps = { ...w.deps(device, fetchWithEarly(fetchImpl)), baseUrl: '' };
    await enrolDevice(code, undefined, deps);
    expect(await syncOnce({ ...deps, enrolling: enrolmentUnderway })).toMatchObject({
      status: 'synced',
    });
    expect(sent).toHaveLength(1); // no second enrolment, no public pull, no pull
    expect(await device.activities.count()).toBe(18);
    expect((await readPullState(device))?.quarterId).toBe(DEMO_QUARTER.id);
    expect(enrolmentUnderway()).toBe(false);

    // The next round is the app's own again.
    await syncOnce({ ...deps, enrolling: enrolmentUnderway });
    expect(sent.slice(1).map((request) => request.url)).toEqual([
      expect.stringMatching(/^\/api\/v1\/pull\?cookie=/),
    ]);
  });

  it("the enrol screen's enrolment brings the first pull too", async () => {
    const w = world();
    const device = w.openDevice();
    const { sent, fetchImpl } = network(w.baseUrl);
    const deps = { ...w.deps(device, fetchWithEarly(fetchImpl)), baseUrl: '' };
    await enrolDevice(await w.newCode(), 'Tablet Laden', deps);
    expect(await syncOnce(deps)).toMatchObject({ status: 'synced' });
    expect(sent.map((request) => request.url)).toEqual(['/api/v1/enrol']);
    expect(await device.activities.count()).toBe(18);
    expect((await readPullState(device))?.quarterId).toBe(DEMO_QUARTER.id);
    // The offer is used once: the next round asks the server.
    await syncOnce(deps);
    expect(sent.map((request) => request.url)).toEqual([
      '/api/v1/enrol',
      expect.stringMatching(/^\/api\/v1\/pull\?cookie=/),
    ]);
    expect(enrolmentUnderway()).toBe(false);
  });

  it('a round while the enrolment is under way pulls nothing; a wrong code ends that', async () => {
    const w = world();
    const device = w.openDevice();
    const { sent, fetchImpl } = network(w.baseUrl);
    enrolEarly('ZZZZ-ZZZZ-ZZZZ', fetchImpl);
    const deps = { ...w.deps(device, fetchWithEarly(fetchImpl)), baseUrl: '' };
    expect(await syncOnce({ ...deps, enrolling: enrolmentUnderway })).toEqual({
      status: 'needs-enrolment',
    });
    expect(sent.map((request) => request.url)).toEqual(['/api/v1/enrol']);

    // The enrol screen gets the refusal (the server's, once) and says so; nothing is stored.
    await expect(enrolDevice('ZZZZ-ZZZZ-ZZZZ', undefined, deps)).rejects.toMatchObject({
      status: 400,
      code: 'invalid_code',
    });
    expect(sent).toHaveLength(1);
    expect(await readDevice(device)).toBeNull();
    expect(enrolmentUnderway()).toBe(false);
    // Without an enrolment under way, a round pulls the public reference data as before.
    await syncOnce({ ...deps, enrolling: enrolmentUnderway });
    expect(sent.map((request) => request.url)).toEqual(['/api/v1/enrol', '/api/v1/pull']);
    expect(sent[1]?.authorization).toBeNull();
  });
});

describe('early answers', () => {
  /** A network that answers from a list and notes what was asked. */
  function scripted(...answers: (() => Promise<Response>)[]) {
    const asked: string[] = [];
    const fetchImpl = (url: string, init: RequestInit = {}) => {
      asked.push(`${init.method ?? 'GET'} ${url} ${String(init.body ?? '')}`);
      const next = answers.shift();
      return next ? next() : Promise.resolve(new Response('{}', { status: 200 }));
    };
    return { asked, fetchImpl };
  }
  const refused = () => Promise.resolve(new Response('{"error":"not_found"}', { status: 404 }));
  const enrol = (code: string) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });

  it('go to the same request only, and only once', async () => {
    const net = scripted(refused);
    enrolEarly('A', net.fetchImpl);
    const app = fetchWithEarly(net.fetchImpl);
    await waitUntil('the early enrolment', () => net.asked.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 10)); // a refused enrolment sends no pull
    expect(net.asked).toEqual(['POST /api/v1/enrol {"code":"A"}']);

    await app('/api/v1/enrol', enrol('B')); // another code: the network
    expect((await app('/api/v1/enrol', enrol('A'))).status).toBe(404); // the early answer
    expect(net.asked).toHaveLength(2);
    await app('/api/v1/enrol', enrol('A')); // asked again: the network
    expect(net.asked).toHaveLength(3);
    expect(enrolmentUnderway()).toBe(false);
  });

  it('an enrolment answered without a first pull leaves the pull to the app', async () => {
    const enrolled = { deviceId: 'd1', credential: 'c1', quarter: { id: 'q', name: 'Q' } };
    const net = scripted(() => Promise.resolve(Response.json(enrolled, { status: 201 })));
    const pulled: unknown[] = [];
    enrolEarly('E', net.fetchImpl, (body) => pulled.push(body));
    const app = fetchWithEarly(net.fetchImpl);
    expect((await app('/api/v1/enrol', enrol('E'))).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(enrolmentUnderway()).toBe(false);
    await app('/api/v1/pull', appRequest({ headers: { authorization: 'Bearer d1.c1' } }));
    expect(net.asked).toEqual(['POST /api/v1/enrol {"code":"E"}', 'GET /api/v1/pull ']);
    expect(pulled).toEqual([]);
  });

  it('one that failed to arrive is asked again; none is kept past a minute', async () => {
    const offline = () => Promise.reject(new TypeError('Failed to fetch'));
    const net = scripted(offline);
    enrolEarly('C', net.fetchImpl);
    const app = fetchWithEarly(net.fetchImpl);
    expect((await app('/api/v1/enrol', enrol('C'))).status).toBe(200);
    expect(net.asked).toHaveLength(2);

    vi.useFakeTimers({ toFake: ['Date'] });
    enrolEarly('D', scripted(refused).fetchImpl);
    expect(enrolmentUnderway()).toBe(true);
    vi.setSystemTime(Date.now() + 61_000);
    expect(enrolmentUnderway()).toBe(false);
    await app('/api/v1/enrol', enrol('D'));
    expect(net.asked).toHaveLength(3); // the old answer was not used
  });
});
