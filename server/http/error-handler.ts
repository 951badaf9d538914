// Turns every error into an `ErrorResponse` ({ error, message }, message in German). Our own
// ApiErrors keep their status, extra body fields and headers (e.g. Retry-After); Fastify's
// client errors (bad JSON, body too large, wrong content type) become 4xx with a fixed German
// message — never the parser's text, which can quote the body; anything else is a bug: 500
// with a generic message, the stack only in the log.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorResponse } from '../../src/shared/protocol';
import { ApiError } from '../errors';

const CLIENT_ERRORS: Record<number, ErrorResponse> = {
  400: { error: 'bad_request', message: 'Die Anfrage ist ungültig (z. B. fehlerhaftes JSON).' },
  404: { error: 'not_found', message: 'Nicht gefunden.' },
  405: { error: 'method_not_allowed', message: 'Diese Methode ist hier nicht erlaubt.' },
  406: { error: 'not_acceptable', message: 'Dieses Antwortformat wird nicht angeboten.' },
  413: { error: 'payload_too_large', message: 'Die Anfrage ist zu groß.' },
  415: { error: 'unsupported_media_type', message: 'Dieses Datenformat wird nicht unterstützt.' },
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
    request.log.info({ code: 'code' in error ? error.code : undefined }, 'client error');
    const body = CLIENT_ERRORS[status] ?? {
      error: 'request_error',
      message: 'Die Anfrage konnte nicht verarbeitet werden.',
    };
    return reply.code(status).send(body);
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send(INTERNAL);
}

function causeKind(cause: unknown): { name?: string; code?: string } | undefined {
  if (!(cause instanceof Error)) return undefined;
  const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : undefined;
  return { name: cause.name, ...(code === undefined ? {} : { code }) };
}
