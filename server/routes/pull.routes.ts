// GET /api/v1/pull?cookie=…&quarter=… — the reference data a device is missing (pull.service.ts).
// Never cached: the answer depends on the database's state at this moment.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PREFIX, pullQuerySchema } from '../../src/shared/protocol';
import type { Database } from '../db/tables';
import { pull } from '../sync/pull.service';
import { parseOrThrow } from '../validation';

export function pullRoutes(
  app: FastifyInstance,
  db: Kysely<Database>,
  defaultQuarter: string | undefined,
): void {
  app.get(`${API_PREFIX}/pull`, async (request, reply) => {
    const query = parseOrThrow(pullQuerySchema, request.query, 'Ungültige Anfrage');
    const response = await pull(db, query, { defaultQuarter });
    reply.header('cache-control', 'no-store');
    return response;
  });
}
