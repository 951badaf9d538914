// A fault-injecting HTTP proxy for reliability tests (tests/README.md): it sits in front of a real
// server on a local port and, per request, passes it on or does what a bad network does —
// loses the answer after the server handled it, resets the connection, cuts the body short,
// answers 5xx itself, delivers the request twice, or is slow. Faults come from an explicit
// queue or from a seeded plan, and `heal()` switches them off.
//
// Determinism: a seeded plan draws one decision per request in the order requests arrive, so
// the same seed gives the same faults for the same sequence of requests. Requests of several
// simulated clients through ONE proxy arrive in scheduler order; give each client its own
// proxy (seed + i) when the test must replay exactly. Only node:http and node:net, and whole
// bodies are buffered (test traffic is small).
import http, {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  /** Forwarded after `ms` milliseconds. */
  | { kind: 'delay'; ms: number }
  /** Forwarded and answered upstream, then the client's connection closes without an answer. */
  | { kind: 'drop' }
  /** The client's connection is reset (TCP RST) before anything is forwarded. */
  | { kind: 'reset' }
  /** Forwarded; the client gets the headers and `keepBytes` (default: half) of the body. */
  | { kind: 'truncate'; keepBytes?: number }
  /** Answered by the proxy itself, not forwarded. */
  | { kind: 'error'; status: number; retryAfter?: number }
  /** Forwarded twice at once; the client gets the first copy's answer once both are done. */
  | { kind: 'duplicate' };

export type FaultKind = Fault['kind'];
type InjectedKind = Exclude<FaultKind, 'pass'>;

interface PlanScope {
  /** Only requests whose path starts with one of these meet faults (the rest pass, draw nothing). */
  paths?: string[];
}

export type FaultPlan =
  | 'pass'
  | (PlanScope & { queue: Fault[]; then?: Fault })
  | (PlanScope & {
      seed: number;
      /** Chance per request of each fault, summing to at most 1; the rest pass. */
      rates: Partial<Record<InjectedKind, number>>;
      /** An error starts a burst of 1..maxBurst errors (default 3). */
      maxBurst?: number;
      /** Delays are 1..maxDelayMs (default 50). */
      maxDelayMs?: number;
      /** Default 503. */
      errorStatus?: number;
    });

export interface FaultEvent {
  index: number;
  method: string;
  path: string;
  fault: FaultKind;
}

export interface FaultProxy {
  url: string;
  setPlan(plan: FaultPlan): void;
  /** No more faults: every request passes. */
  heal(): void;
  /** Points the proxy at another upstream (e.g. a restarted server on a new port). */
  setTarget(url: string): void;
  /** Faults applied, per kind (every request counts once, 'pass' included). */
  readonly counts: Record<FaultKind, number>;
  /** Every request in arrival order with the fault it met. */
  readonly events: readonly FaultEvent[];
  /** Requests the upstream received from the proxy (a duplicate counts twice). */
  readonly forwarded: number;
  close(): Promise<void>;
}

const KINDS: InjectedKind[] = ['delay', 'drop', 'reset', 'truncate', 'error', 'duplicate'];
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te'];

/** mulberry32: a small, fast, seedable PRNG; values in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 5xx burst for a queue: `n` answers of `status` in a row. */
export function burst(n: number, status = 503): Fault[] {
  return Array.from({ length: n }, () => ({ kind: 'error', status }) as const);
}

/** Turns a plan into a function that picks the fault for each request, in arrival order. */
export function faultChooser(plan: FaultPlan): (path: string) => Fault {
  if (plan === 'pass') return () => ({ kind: 'pass' });
  const inScope = (path: string) => !plan.paths || plan.paths.some((p) => path.startsWith(p));
  const next = 'queue' in plan ? queueChooser(plan.queue, plan.then) : seededChooser(plan);
  return (path) => (inScope(path) ? next() : { kind: 'pass' });
}

function queueChooser(queue: Fault[], then: Fault = { kind: 'pass' }): () => Fault {
  const left = [...queue];
  return () => left.shift() ?? then;
}

function seededChooser(plan: Extract<FaultPlan, { seed: number }>): () => Fault {
  const total = KINDS.reduce((sum, kind) => sum + (plan.rates[kind] ?? 0), 0);
  if (total > 1) throw new Error(`fault rates add up to ${total}, more than 1`);
  const random = seededRandom(plan.seed);
  const status = plan.errorStatus ?? 503;
  let burstLeft = 0;
  return () => {
    if (burstLeft > 0) return (burstLeft--, { kind: 'error', status });
    const kind = pickKind(random(), plan.rates);
    if (kind === 'delay') return { kind, ms: 1 + Math.floor(random() * (plan.maxDelayMs ?? 50)) };
    if (kind === 'error') {
      burstLeft = Math.floor(random() * (plan.maxBurst ?? 3));
      return { kind, status };
    }
    // The kinds left need no parameters.
    return { kind } as Fault;
  };
}

function pickKind(draw: number, rates: Partial<Record<InjectedKind, number>>): FaultKind {
  let edge = 0;
  for (const kind of KINDS) {
    edge += rates[kind] ?? 0;
    if (draw < edge) return kind;
  }
  return 'pass';
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
}

/** One request to the upstream on a fresh connection; the whole answer, buffered. */
function forward(target: URL, request: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...withoutHopByHop(request.headers), host: target.host },
        agent: false,
      },
      (response) =>
        readBody(response).then(
          (answer) =>
            resolve({
              status: response.statusCode ?? 502,
              headers: response.headers,
              body: answer,
            }),
          reject,
        ),
    );
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

function answerHeaders(upstream: Upstream): IncomingHttpHeaders {
  return { ...withoutHopByHop(upstream.headers), 'content-length': String(upstream.body.length) };
}

function send(response: ServerResponse, upstream: Upstream): void {
  response.writeHead(upstream.status, answerHeaders(upstream));
  response.end(upstream.body);
}

/** Announces the full length, sends part of it, then closes: the client sees a cut-off body. */
function sendTruncated(response: ServerResponse, upstream: Upstream, keepBytes?: number): void {
  const keep = Math.min(
    keepBytes ?? Math.floor(upstream.body.length / 2),
    upstream.body.length - 1,
  );
  if (keep < 0) return void response.socket?.destroy();
  response.writeHead(upstream.status, answerHeaders(upstream));
  response.write(upstream.body.subarray(0, keep), () => response.socket?.destroy());
}

function sendInjectedError(response: ServerResponse, status: number, retryAfter?: number): void {
  const body = JSON.stringify({ error: 'injected_fault', message: `Test-Proxy: ${status}` });
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }),
  });
  response.end(body);
}

export async function startFaultProxy(
  target: string,
  plan: FaultPlan = 'pass',
): Promise<FaultProxy> {
  let upstream = new URL(target);
  let choose = faultChooser(plan);
  let forwarded = 0;
  const counts = Object.fromEntries(['pass', ...KINDS].map((k) => [k, 0])) as Record<
    FaultKind,
    number
  >;
  const events: FaultEvent[] = [];
  const sockets = new Set<Socket>();

  const toUpstream = (request: IncomingMessage, body: Buffer) => {
    forwarded += 1;
    return forward(upstream, request, body);
  };

  async function apply(fault: Fault, request: IncomingMessage, response: ServerResponse) {
    const body = await readBody(request);
    if (fault.kind === 'reset') return void request.socket.resetAndDestroy();
    if (fault.kind === 'error') return sendInjectedError(response, fault.status, fault.retryAfter);
    if (fault.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault.kind === 'duplicate') {
      const [first] = await Promise.allSettled([
        toUpstream(request, body),
        toUpstream(request, body),
      ]);
      if (first.status === 'rejected') throw first.reason;
      return send(response, first.value);
    }
    const answer = await toUpstream(request, body);
    if (fault.kind === 'drop') return void request.socket.destroy();
    if (fault.kind === 'truncate') return sendTruncated(response, answer, fault.keepBytes);
    send(response, answer);
  }

  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const fault = choose(path);
    counts[fault.kind] += 1;
    events.push({ index: events.length, method: request.method ?? 'GET', path, fault: fault.kind });
    // An unreachable or dying upstream looks to the client like a broken connection.
    apply(fault, request, response).catch(() => request.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    setPlan: (next) => void (choose = faultChooser(next)),
    heal: () => void (choose = faultChooser('pass')),
    setTarget: (url) => void (upstream = new URL(url)),
    counts,
    events,
    get forwarded() {
      return forwarded;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
