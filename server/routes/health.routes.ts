// GET /api/v1/health — for load balancers and people: is the process up and can it reach its
// database? 503 when the database does not answer, so a balancer stops sending traffic.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { API_PREFIX } from '../../src/shared/protocol';
import { dialectOf } from '../db/database';
import type { Database } from '../db/tables';
import { pingDatabase } from '../repos/meta.repo';

export function healthRoutes(app: FastifyInstance, db: Kysely<Database>, version: string): void {
  const dialect = dialectOf(db);
  app.get(`${API_PREFIX}/health`, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await pingDatabase(db);
      return { status: 'ok', db: dialect, version };
    } catch (err) {
      request.log.error({ err }, 'health check: database unreachable');
      return reply.code(503).send({ status: 'error', db: dialect, version });
    }
  });
}
