// Staff's export of everything held about one call partner or one person (issue 11,
// "Auskunft"; docs/api.md), and its erasure ("Löschen auf Verlangen"). Only for a staff session of the quarter (http/staff-auth.ts); the
// id is looked up in the session's quarter, so another quarter's id is "not found". Parses,
// calls privacy/person-export.ts, replies.
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import { eraseRequestSchema } from '../../src/shared/staff/staff-erasure';
import { staffIdParamsSchema } from '../../src/shared/staff/staff-people';
import type { Database } from '../db/tables';
import { staffOf, type Clock } from '../http/staff-auth';
import { erasePartner, erasePerson } from '../privacy/person-erasure';
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

  // Erasure (privacy/person-erasure.ts): irreversible, confirmed with the name.
  const eraseOf = (collection: string, erase: typeof erasePartner) =>
    app.post(`${STAFF_PREFIX}/${collection}/:id/erase`, { preHandler: requireStaff }, (request) => {
      const { id } = parseOrThrow(staffIdParamsSchema, request.params, 'Ungültige Kennung');
      const { name } = parseOrThrow(eraseRequestSchema, request.body, 'Löschen');
      return erase(db, staffOf(request), id, name, clock());
    });
  eraseOf('partners', erasePartner);
  eraseOf('people', erasePerson);
}
