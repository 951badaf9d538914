// Limits of the HTTP layer, as Fastify server options (issue 7): a request must arrive complete
// within `requestTimeoutMs` (a stalled or trickled body is answered 408 and closed instead of
// holding a connection open for ever), and the errors Fastify and Node answer themselves get the
// documented format with the security headers (http/error-handler.ts). Idle keep-alive
// connections close after Fastify's `keepAliveTimeout` (72 s, longer than common proxies').
import type { FastifyHttpOptions, FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import { clientErrorHandler, frameworkErrors } from './error-handler';

export interface HttpLimits {
  /**
   * Time for a request, headers and body, to arrive complete (default 120 s: a full 512 KiB push
   * still arrives over a link of about 40 kbit/s); then 408, and the device halves its batch.
   */
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

/** Body limit of every endpoint but push (which has its own, smaller one): 1 MiB. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

type ServerOptions = Pick<
  FastifyHttpOptions<Server>,
  'requestTimeout' | 'http' | 'bodyLimit' | 'frameworkErrors' | 'clientErrorHandler'
>;

export function httpServerOptions(limits: HttpLimits = {}): ServerOptions {
  const requestTimeout = limits.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return {
    requestTimeout,
    http: {
      // Headers within the same time: Node swaps the two limits when the headers' one is the
      // longer (its default is 60 s), and a stalled body would then get 60 s.
      headersTimeout: requestTimeout,
      // Node checks the timeouts this often (its default, 30 s, would let a stalled body stay
      // up to twice the limit).
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(requestTimeout / 4))),
    },
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors,
    clientErrorHandler,
  };
}

/** The API takes JSON only: a body of another type (text/plain too) is a 415. */
export function acceptJsonBodiesOnly(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
}
