// Turns every error into an `ErrorResponse` ({ error, message }, message in German). Our own
// ApiErrors keep their status, extra body fields and headers (e.g. Retry-After); Fastify's
// client errors (bad JSON, body too large, wrong content type) become 4xx with a fixed German
// message — never the parser's text, which can quote the body; anything else is a bug: 500
// with a generic message, the stack only in the log.
// Errors Fastify or Node answer before any hook runs get the same format and the security
// headers too: a URL that cannot be decoded (`frameworkErrors`), and what Node's HTTP parser
// refuses — headers too large (431), a request not complete in time (408), malformed HTTP
// (400) — written straight to the socket (`clientErrorHandler`). None of them echo the URL.
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorResponse } from '../../src/shared/protocol';
import { ApiError } from '../errors';
import { securityHeaders } from './security';

const JSON_BODY_ERROR: ErrorResponse = {
  error: 'bad_request',
  message: 'Die Anfrage ist ungültig (z. B. fehlerhaftes JSON).',
};

export const BAD_URL: ErrorResponse = {
  error: 'bad_url',
  message: 'Die Adresse der Anfrage ist ungültig.',
};

const CLIENT_ERRORS: Record<number, ErrorResponse> = {
  400: { error: 'bad_request', message: 'Die Anfrage ist ungültig.' },
  403: { error: 'forbidden', message: 'Darauf gibt es keinen Zugriff.' },
  404: { error: 'not_found', message: 'Nicht gefunden.' },
  405: { error: 'method_not_allowed', message: 'Diese Methode ist hier nicht erlaubt.' },
  406: { error: 'not_acceptable', message: 'Dieses Antwortformat wird nicht angeboten.' },
  413: { error: 'payload_too_large', message: 'Die Anfrage ist zu groß.' },
  415: { error: 'unsupported_media_type', message: 'Dieses Datenformat wird nicht unterstützt.' },
  416: { error: 'range_not_satisfiable', message: 'Diesen Teil der Datei gibt es nicht.' },
};

const INTERNAL: ErrorResponse = {
  error: 'internal',
  message: 'Interner Fehler auf dem Server. Bitte später erneut versuchen.',
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(sendError);
}

/** The app's error handler; routes with their own (`errorHandler`) translate, then call this. */
export function sendError(
  error: FastifyError | ApiError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  reply.header('cache-control', 'no-store');
  if (error instanceof ApiError) {
    if (error.statusCode >= 500) {
      // Only the cause's kind: a database error's text can quote the values that failed.
      request.log.warn({ code: error.code, cause: causeKind(error.cause) }, 'request failed');
    } else {
      request.log.info({ code: error.code }, 'request refused');
    }
    return reply
      .code(error.statusCode)
      .headers(error.headers)
      .send({ error: error.code, message: error.message, ...error.details });
  }
  const status = 'statusCode' in error ? (error.statusCode ?? 500) : 500;
  if (status >= 400 && status < 500) {
    const code = 'code' in error ? error.code : undefined;
    request.log.info({ code }, 'client error');
    return reply.code(status).send(clientErrorBody(status, code, error, request));
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send(INTERNAL);
}

function clientErrorBody(
  status: number,
  code: unknown,
  error: Error,
  request: FastifyRequest,
): ErrorResponse {
  if (status === 400) {
    if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return JSON_BODY_ERROR;
    }
    // A path the static file server refuses (e.g. `/%00`): the URL, not the body, is wrong.
    const staticFile = request.routeOptions.url?.includes('*') === true;
    if (code === 'FST_ERR_BAD_URL' || staticFile) return BAD_URL;
  }
  return (
    CLIENT_ERRORS[status] ?? {
      error: 'request_error',
      message: 'Die Anfrage konnte nicht verarbeitet werden.',
    }
  );
}

/**
 * Fastify's `frameworkErrors`: a URL it cannot decode (`/%ZZ`), a parameter over
 * `maxParamLength`. Called before any hook, so the security headers are set here.
 */
export function frameworkErrors(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  reply.headers(securityHeaders);
  if (error.code !== 'FST_ERR_BAD_URL' && error.code !== 'FST_ERR_MAX_PARAM_LENGTH') {
    return sendError(error, request, reply); // e.g. an async route constraint that failed
  }
  request.log.info({ code: error.code }, 'client error');
  return reply.code(400).header('cache-control', 'no-store').send(BAD_URL);
}

const RAW_CLIENT_ERRORS: Record<string, { status: number; reason: string; body: ErrorResponse }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    body: {
      error: 'header_too_large',
      message: 'Die Kopfzeilen der Anfrage sind zu groß.',
    },
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    body: {
      error: 'request_timeout',
      message: 'Die Anfrage kam nicht rechtzeitig vollständig an. Bitte erneut senden.',
    },
  },
};

const MALFORMED_HTTP = {
  status: 400,
  reason: 'Bad Request',
  body: { error: 'bad_request', message: 'Die Anfrage ist ungültig.' },
};

/** How long an answered connection may still send (the rest of its headers) before it is cut. */
const DRAIN_MS = 5_000;
const answered = new WeakSet<Socket>();

/**
 * Fastify's `clientErrorHandler` (Node's `clientError` event): the HTTP parser refused the
 * request or it did not arrive in time. Written straight to the socket and the connection ended;
 * what the client still sends is read and dropped for a few seconds (closing at once would reset
 * the connection, and the client could lose the answer). Nothing is written when the connection
 * is gone or an answer has already begun.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // The parser reports every further chunk of an answered request again: dropped.
  if (answered.has(socket)) return;
  const known = (error.code && RAW_CLIENT_ERRORS[error.code]) || MALFORMED_HTTP;
  this.log.info({ code: error.code, status: known.status }, 'client error');
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    answered.add(socket);
    const body = JSON.stringify(known.body);
    const headers = {
      ...securityHeaders,
      'cache-control': 'no-store',
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    };
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.end(`HTTP/1.1 ${known.status} ${known.reason}\r\n${lines.join('')}\r\n${body}`);
    setTimeout(() => socket.destroy(), DRAIN_MS).unref();
    return;
  }
  socket.destroy(error);
}

function causeKind(cause: unknown): { name?: string; code?: string } | undefined {
  if (!(cause instanceof Error)) return undefined;
  const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return { name: cause.name, ...(code === undefined ? {} : { code }) };
}
