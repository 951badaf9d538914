// GET /api/v1/pull?cookie=…&client=…&from=… — what an enrolled device is missing: reference data
// of its quarter and the entries of its view, per kind (pull.service.ts). With `Authorization` the quarter
// and the view are the device's, so an unknown or revoked credential gets 401; without, the
// answer is public (catalogue, topics and opening hours only, `?quarter=` or the server's first).
// Never cached: the answer depends on the database's state at this moment. Every answer names
// the retention periods the server deletes by (issue 11), for the device and its privacy notice.
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PREFIX, pullQuerySchema } from '../../src/shared/protocol';
import type { Database } from '../db/tables';
import type { RetentionDays } from '../retention/retention-rules';
import { pull } from '../sync/pull.service';
import { parseOrThrow } from '../validation';

export function pullRoutes(
  app: FastifyInstance,
  db: Kysely<Database>,
  optionalDevice: preHandlerAsyncHookHandler,
  retention: RetentionDays,
): void {
  app.get(`${API_PREFIX}/pull`, { preHandler: optionalDevice }, async (request, reply) => {
    const query = parseOrThrow(pullQuerySchema, request.query, 'Ungültige Anfrage');
    const response = await pull(db, request.device, query, { retention });
    reply.header('cache-control', 'no-store');
    return response;
  });
}
