// The fault proxy itself (tests/support/fault-proxy.ts), against a tiny upstream that records
// what reached it: each fault does what it says, seeded plans replay exactly, and heal() ends
// the faults.
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  burst,
  faultChooser,
  startFaultProxy,
  type FaultPlan,
  type FaultProxy,
} from '../support/fault-proxy';
import { waitUntil } from '../support/wait-until';

interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

interface Upstream {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** Answers every request with JSON naming how many requests it has seen; /big is 10 kB. */
async function startUpstream(): Promise<Upstream> {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        body,
      });
      const padding = request.url === '/big' ? 'x'.repeat(10_000) : '';
      response.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes' });
      // write + end without a length: the upstream answers chunked, the proxy must cope.
      response.write(JSON.stringify({ n: received.length, echo: body, padding }));
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Outcome =
  | { status: number; headers: http.IncomingHttpHeaders; body: string }
  | { error: string; status?: number; bodyBytes?: number };

/** One request with node:http, classified: an answer, or how the connection failed. */
function request(url: string, path: string, body = '', method = 'POST'): Promise<Outcome> {
  return new Promise((resolve) => {
    const outgoing = http.request(`${url}${path}`, {
      method,
      agent: false,
      headers: { authorization: 'Bearer test', 'content-type': 'application/json' },
    });
    outgoing.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message }),
    );
    outgoing.once('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('aborted', () => undefined);
      response.once('error', (error: NodeJS.ErrnoException) =>
        resolve({
          error: error.code ?? error.message,
          status: response.statusCode,
          bodyBytes: Buffer.concat(chunks).length,
        }),
      );
      response.once('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    outgoing.end(body);
  });
}

const statusOf = (outcome: Outcome) => ('error' in outcome ? outcome.error : outcome.status);

describe('fault proxy', () => {
  let upstream: Upstream;
  let proxy: FaultProxy;

  beforeEach(async () => {
    upstream = await startUpstream();
    proxy = await startFaultProxy(upstream.url);
  });
  afterEach(async () => {
    await proxy.close();
    await upstream.close();
  });

  it('passes method, path, query, headers and body, and the whole answer', async () => {
    const outcome = await request(proxy.url, '/api/v1/push?x=1', '{"a":1}');
    expect(outcome).toMatchObject({ status: 201, headers: { 'x-upstream': 'yes' } });
    expect(JSON.parse((outcome as { body: string }).body)).toMatchObject({ n: 1, echo: '{"a":1}' });
    expect(upstream.received).toEqual([
      { method: 'POST', url: '/api/v1/push?x=1', authorization: 'Bearer test', body: '{"a":1}' },
    ]);
    expect(proxy.counts.pass).toBe(1);
    expect(proxy.forwarded).toBe(1);
  });

  it('works with fetch too (keep-alive client, chunked upstream)', async () => {
    for (let i = 1; i <= 3; i += 1) {
      const response = await fetch(`${proxy.url}/big`, { method: 'POST', body: String(i) });
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ n: i, echo: String(i) });
    }
  });

  it('drop: the upstream handles the request, the client gets no answer', async () => {
    proxy.setPlan({ queue: [{ kind: 'drop' }] });
    expect(await request(proxy.url, '/api/v1/push', 'once')).toEqual({ error: 'ECONNRESET' });
    expect(upstream.received.map((r) => r.body)).toEqual(['once']);
    await expect(fetch(`${proxy.url}/next`)).resolves.toMatchObject({ status: 201 });
    expect(proxy.counts).toMatchObject({ drop: 1, pass: 1 });
  });

  it('reset: the connection is reset before anything reaches the upstream', async () => {
    proxy.setPlan({ queue: [{ kind: 'reset' }] });
    expect(await request(proxy.url, '/api/v1/push', 'never')).toEqual({ error: 'ECONNRESET' });
    await expect(fetch(`${proxy.url}/x`, { method: 'POST', body: 'later' })).resolves.toBeTruthy();
    expect(upstream.received.map((r) => r.body)).toEqual(['later']);
    expect(proxy.forwarded).toBe(1);
    expect(proxy.counts.reset).toBe(1);
  });

  it('truncate: status and headers arrive, the body stops short', async () => {
    proxy.setPlan({ queue: [{ kind: 'truncate', keepBytes: 100 }, { kind: 'truncate' }] });
    expect(await request(proxy.url, '/big')).toEqual({
      error: 'ECONNRESET',
      status: 201,
      bodyBytes: 100,
    });
    const response = await fetch(`${proxy.url}/big`, { method: 'POST' });
    expect(response.status).toBe(201);
    await expect(response.json()).rejects.toThrow();
    expect(upstream.received).toHaveLength(2);
  });

  it('error: a 5xx burst answered by the proxy, the upstream sees none of it', async () => {
    proxy.setPlan({ queue: [...burst(3, 503), { kind: 'error', status: 502, retryAfter: 1 }] });
    const outcomes = [];
    for (let i = 0; i < 5; i += 1) outcomes.push(await request(proxy.url, '/api/v1/push', 'b'));
    expect(outcomes.map(statusOf)).toEqual([503, 503, 503, 502, 201]);
    expect(outcomes[0]).toMatchObject({ body: expect.stringContaining('injected_fault') });
    expect(outcomes[3]).toMatchObject({ headers: { 'retry-after': '1' } });
    expect(upstream.received).toHaveLength(1);
    expect(proxy.counts).toMatchObject({ error: 4, pass: 1 });
  });

  it('duplicate: the upstream gets the same request twice, the client one answer', async () => {
    proxy.setPlan({ queue: [{ kind: 'duplicate' }] });
    const outcome = await request(proxy.url, '/api/v1/push', '{"seq":1}');
    expect(statusOf(outcome)).toBe(201);
    expect(upstream.received).toEqual([upstream.received[0], upstream.received[0]]);
    expect(upstream.received[0]).toMatchObject({ body: '{"seq":1}', authorization: 'Bearer test' });
    expect(proxy.forwarded).toBe(2);
  });

  it('delay: forwards only after the delay', async () => {
    proxy.setPlan({ queue: [{ kind: 'delay', ms: 1000 }] });
    const started = performance.now();
    const outcome = request(proxy.url, '/slow', 'late');
    await waitUntil('the proxy to hold the request', () => proxy.events.length === 1);
    expect(upstream.received).toEqual([]);
    expect(statusOf(await outcome)).toBe(201);
    // A lower bound only (timers never fire early by more than rounding): no performance claim.
    expect(performance.now() - started).toBeGreaterThanOrEqual(999);
  });

  it('faults only the paths in scope; other requests pass and draw nothing', async () => {
    proxy.setPlan({ paths: ['/api/v1/push'], queue: [{ kind: 'error', status: 500 }] });
    expect(statusOf(await request(proxy.url, '/api/v1/pull', '', 'GET'))).toBe(201);
    expect(statusOf(await request(proxy.url, '/api/v1/push'))).toBe(500);
    expect(statusOf(await request(proxy.url, '/api/v1/push'))).toBe(201);
  });

  it('breaks the client connection when the upstream is gone, and follows a new target', async () => {
    await upstream.close();
    expect(await request(proxy.url, '/x')).toEqual({ error: 'ECONNRESET' });
    upstream = await startUpstream();
    proxy.setTarget(upstream.url);
    expect(statusOf(await request(proxy.url, '/x'))).toBe(201);
  });

  it('replays a seeded plan exactly over HTTP, and heal() ends the faults', async () => {
    const plan: FaultPlan = {
      seed: 42,
      rates: { drop: 0.15, reset: 0.15, truncate: 0.15, error: 0.15, duplicate: 0.1, delay: 0.1 },
      maxDelayMs: 5,
    };
    const run = async () => {
      proxy.setPlan(plan);
      const outcomes = [];
      for (let i = 0; i < 25; i += 1) outcomes.push(statusOf(await request(proxy.url, '/big')));
      return outcomes;
    };
    const first = await run();
    const kinds = proxy.events.map((event) => event.fault);
    expect(await run()).toEqual(first);
    expect(proxy.events.slice(25).map((event) => event.fault)).toEqual(kinds);
    expect(new Set(kinds).size).toBeGreaterThanOrEqual(5);

    proxy.heal();
    for (let i = 0; i < 10; i += 1) expect(statusOf(await request(proxy.url, '/big'))).toBe(201);
  });
});

describe('faultChooser (the plan alone)', () => {
  const draw = (plan: FaultPlan, n: number) => {
    const choose = faultChooser(plan);
    return Array.from({ length: n }, () => choose('/api/v1/push'));
  };
  const rates = { drop: 0.1, reset: 0.1, truncate: 0.1, error: 0.1, duplicate: 0.1, delay: 0.1 };

  it('gives the same faults for the same seed, other faults for another seed', () => {
    expect(draw({ seed: 7, rates }, 300)).toEqual(draw({ seed: 7, rates }, 300));
    expect(draw({ seed: 8, rates }, 300)).not.toEqual(draw({ seed: 7, rates }, 300));
  });

  it('draws every kind at roughly its rate, and delays within bounds', () => {
    const faults = draw({ seed: 1, rates, maxDelayMs: 20 }, 2000);
    const share = (kind: string) => faults.filter((f) => f.kind === kind).length / faults.length;
    // Errors come in bursts of 1..3, so their share is higher than their rate.
    for (const kind of ['drop', 'reset', 'truncate', 'duplicate', 'delay']) {
      expect(share(kind)).toBeGreaterThan(0.05);
      expect(share(kind)).toBeLessThan(0.15);
    }
    expect(share('error')).toBeGreaterThan(0.1);
    for (const fault of faults) {
      if (fault.kind === 'delay') expect(fault.ms).toBeGreaterThanOrEqual(1);
      if (fault.kind === 'delay') expect(fault.ms).toBeLessThanOrEqual(20);
    }
  });

  it('starts a burst of 1..maxBurst 5xx answers with one error draw', () => {
    const faults = draw({ seed: 3, rates: { error: 1 }, errorStatus: 502 }, 50);
    expect(faults.every((f) => f.kind === 'error' && f.status === 502)).toBe(true);
    const errorRuns = (maxBurst: number) =>
      draw({ seed: 3, rates: { error: 0.2 }, maxBurst }, 3000)
        .map((f) => (f.kind === 'error' ? 'E' : '.'))
        .join('')
        .split('.')
        .filter((run) => run.length > 0)
        .map((run) => run.length);
    // maxBurst 1: every error is its own draw, so errors come at their rate.
    const single = errorRuns(1).reduce((sum, run) => sum + run, 0) / 3000;
    expect(single).toBeGreaterThan(0.17);
    expect(single).toBeLessThan(0.23);
    // maxBurst 4: mostly runs of several (two bursts may also follow each other).
    expect(errorRuns(4).filter((run) => run >= 2).length).toBeGreaterThan(errorRuns(4).length / 2);
  });

  it('refuses rates that add up to more than 1', () => {
    expect(() => faultChooser({ seed: 1, rates: { drop: 0.6, reset: 0.6 } })).toThrow(
      /more than 1/,
    );
  });

  it('plays a queue, then its `then`', () => {
    const plan: FaultPlan = { queue: [{ kind: 'drop' }], then: { kind: 'reset' } };
    expect(draw(plan, 3).map((f) => f.kind)).toEqual(['drop', 'reset', 'reset']);
  });
});
