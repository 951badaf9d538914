// POST /api/v1/push — a device delivers its outbox (push.service.ts, docs/sync-protocol.md).
// Authenticated before the body is read (onRequest), so strangers cannot make the server parse
// half a megabyte. Too large, by count or bytes, is a 413 with the limits, and the device
// halves its batch. Limited per device and minute (429 with Retry-After, http/rate-limits.ts).
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
} from 'fastify';
import type { Kysely } from 'kysely';
import { API_PREFIX } from '../../src/shared/protocol';
import {
  PUSH_MAX_BYTES,
  PUSH_MAX_MUTATIONS,
  pushRequestSchema,
} from '../../src/shared/push-protocol';
import type { Database } from '../db/tables';
import { PushTooLargeError } from '../errors';
import { deviceOf } from '../http/device-auth';
import { sendError } from '../http/error-handler';
import { perDevicePerMinute } from '../http/rate-limits';
import { push, type PushHooks } from '../sync/push.service';
import { parseOrThrow } from '../validation';

export function pushRoutes(
  app: FastifyInstance,
  db: Kysely<Database>,
  requireDevice: onRequestAsyncHookHandler,
  hooks: PushHooks,
  pushPerMinute: number,
): void {
  app.post(
    `${API_PREFIX}/push`,
    {
      onRequest: requireDevice,
      // The quota per device: its onRequest hook is appended after requireDevice, so it counts
      // only authenticated requests, by device id, before the body is read.
      config: perDevicePerMinute(pushPerMinute),
      bodyLimit: PUSH_MAX_BYTES,
      errorHandler: tooLargeWithLimits,
    },
    async (request) => {
      // Counted before the schema, whose own cap would answer 400 instead of 413.
      if (mutationCount(request.body) > PUSH_MAX_MUTATIONS) throw tooLarge();
      const body = parseOrThrow(pushRequestSchema, request.body, 'Ungültige Anfrage');
      return push(db, deviceOf(request), body, { hooks });
    },
  );
}

const tooLarge = () => new PushTooLargeError(PUSH_MAX_MUTATIONS, PUSH_MAX_BYTES);

/** Fastify's own "body too large" (over bodyLimit) gets the push answer with the limits. */
function tooLargeWithLimits(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return sendError(error.statusCode === 413 ? tooLarge() : error, request, reply);
}

function mutationCount(body: unknown): number {
  if (typeof body !== 'object' || body === null || !('mutations' in body)) return 0;
  return Array.isArray(body.mutations) ? body.mutations.length : 0;
}
