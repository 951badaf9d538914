// Turns every error into an `ErrorResponse` ({ error, message }, message in German). Our own
// ApiErrors keep their status; Fastify's client errors (bad JSON, body too large, wrong content
// type) become 4xx with a fixed German message — never the parser's text, which can quote the
// body; anything else is a bug: 500 with a generic message, the stack only in the log.
import type { FastifyError, FastifyInstance } from 'fastify';
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
  app.setErrorHandler((error: FastifyError | ApiError | Error, request, reply) => {
    reply.header('cache-control', 'no-store');
    if (error instanceof ApiError) {
      request.log.info({ code: error.code }, 'request refused');
      return reply.code(error.statusCode).send({ error: error.code, message: error.message });
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
  });
}
