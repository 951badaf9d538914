// Staff's week, follow-ups and entry history (issue 10, docs/api.md "The week, follow-ups,
// history"). Thin: parse with the shared schemas, call the service with the staff member's
// quarter, reply. Every route needs a staff session (`requireStaff`); every read and write is
// scoped by `staffOf(request).quarterId`, so another quarter's ids answer 404 like unknown ones.
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import {
  DONE_NEEDS_NOTE,
  entryParamsSchema,
  followUpParamsSchema,
  followUpUpdateSchema,
  resolveRequestSchema,
  staffWeekQuerySchema,
} from '../../src/shared/staff/staff-week';
import type { Database } from '../db/tables';
import { InvalidInputError } from '../errors';
import { staffOf, type Clock } from '../http/staff-auth';
import { entryHistory, resolveConflict } from '../sync/entry-resolve.service';
import { updateFollowUp } from '../sync/follow-up.service';
import { staffWeek } from '../sync/staff-week.service';
import { describeIssues, parseOrThrow } from '../validation';

export function staffWeekRoutes(
  app: FastifyInstance,
  db: Kysely<Database>,
  requireStaff: preHandlerAsyncHookHandler,
  clock: Clock = () => new Date(),
): void {
  app.get(`${STAFF_PREFIX}/week`, { preHandler: requireStaff }, async (request) => {
    const query = parseOrThrow(staffWeekQuerySchema, request.query, 'Ungültige Woche');
    return staffWeek(db, staffOf(request).quarterId, query.week, clock());
  });

  app.put(
    `${STAFF_PREFIX}/follow-ups/:subjectType/:subjectId`,
    { preHandler: requireStaff },
    async (request) => {
      const params = parseOrThrow(followUpParamsSchema, request.params, 'Unbekannte Aufgabe');
      const result = v.safeParse(followUpUpdateSchema, request.body);
      if (!result.success) {
        // The one rule people meet in normal use gets its own words.
        const noNote = result.issues.some((issue) => issue.message === DONE_NEEDS_NOTE);
        throw new InvalidInputError(
          noNote ? DONE_NEEDS_NOTE : describeIssues(result.issues, 'Wiedervorlage'),
        );
      }
      return updateFollowUp(db, staffOf(request), params, result.output, clock());
    },
  );

  app.get(`${STAFF_PREFIX}/entries/:id/history`, { preHandler: requireStaff }, async (request) => {
    const { id } = parseOrThrow(entryParamsSchema, request.params, 'Ungültige Kennung');
    return entryHistory(db, staffOf(request).quarterId, id);
  });

  app.post(`${STAFF_PREFIX}/entries/:id/resolve`, { preHandler: requireStaff }, async (request) => {
    const { id } = parseOrThrow(entryParamsSchema, request.params, 'Ungültige Kennung');
    const body = parseOrThrow(resolveRequestSchema, request.body, 'Konflikt klären');
    const staff = staffOf(request);
    await resolveConflict(db, staff, id, body, clock());
    return entryHistory(db, staff.quarterId, id);
  });
}
