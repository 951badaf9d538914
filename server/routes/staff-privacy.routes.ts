// Staff's export of everything held about one call partner or one person (issue 11,
// "Auskunft"; docs/api.md). Only for a staff session of the quarter (http/staff-auth.ts); the
// id is looked up in the session's quarter, so another quarter's id is "not found". Parses,
// calls privacy/person-export.ts, replies.
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import { staffIdParamsSchema } from '../../src/shared/staff/staff-people';
import type { Database } from '../db/tables';
import { staffOf, type Clock } from '../http/staff-auth';
import { exportPersonData, type ExportSubjectType } from '../privacy/person-export';
import { parseOrThrow } from '../validation';

export function staffPrivacyRoutes(
  app: FastifyInstance,
  db: Kysely<Database>,
  requireStaff: preHandlerAsyncHookHandler,
  clock: Clock = () => new Date(),
): void {
  // Reads that leave an audit line: no HEAD twin, so a link checker cannot write one.
  const route = { preHandler: requireStaff, exposeHeadRoute: false };
  const exportOf = (type: ExportSubjectType, collection: string) =>
    app.get(`${STAFF_PREFIX}/${collection}/:id/export`, route, async (request, reply) => {
      const { id } = parseOrThrow(staffIdParamsSchema, request.params, 'Ungültige Kennung');
      const file = await exportPersonData(db, staffOf(request), { type, id }, clock());
      reply.header('content-type', 'application/json; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      reply.header('cache-control', 'no-store');
      return reply.send(JSON.stringify(file.body));
    });
  exportOf('partner', 'partners');
  exportOf('person', 'people');
}
