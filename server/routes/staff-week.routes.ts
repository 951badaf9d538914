// Staff's week, follow-ups and entry history (issue 10, docs/api.md "The week, follow-ups,
// history"). Thin: parse with the shared schemas, call the service with the staff member's
// quarter, reply. Every route needs a staff session (`requireStaff`); every read and write is
// scoped by `staffOf(request).quarterId`, so another quarter's ids answer 404 like unknown ones.
// The week (when it shows names, notes or routes) and an entry's history leave a read line.
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
import { auditHistoryRead, auditWeekRead } from '../sync/read-audit';
import { staffWeek } from '../sync/staff-week.service';
import { describeIssues, parseOrThrow } from '../validation';

export function staffWeekRoutes(
  app: FastifyInstance,
  db: Kysely<Database>,
  requireStaff: preHandlerAsyncHookHandler,
  clock: Clock = () => new Date(),
): void {
  // Reads that leave an audit line (issue 11, sync/read-audit.ts): no HEAD twin (Fastify adds
  // one to every GET unless told not to), so a link checker or proxy writes no "read" lines.
  const audited = { preHandler: requireStaff, exposeHeadRoute: false };

  app.get(`${STAFF_PREFIX}/week`, audited, async (request) => {
    const query = parseOrThrow(staffWeekQuerySchema, request.query, 'Ungültige Woche');
    const staff = staffOf(request);
    const now = clock();
    const week = await staffWeek(db, staff.quarterId, query.week, now);
    await auditWeekRead(db, staff, week, now);
    return week;
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

  app.get(`${STAFF_PREFIX}/entries/:id/history`, audited, async (request) => {
    const { id } = parseOrThrow(entryParamsSchema, request.params, 'Ungültige Kennung');
    const staff = staffOf(request);
    const history = await entryHistory(db, staff.quarterId, id);
    await auditHistoryRead(db, staff, history, clock());
    return history;
  });

  app.post(`${STAFF_PREFIX}/entries/:id/resolve`, { preHandler: requireStaff }, async (request) => {
    const { id } = parseOrThrow(entryParamsSchema, request.params, 'Ungültige Kennung');
    const body = parseOrThrow(resolveRequestSchema, request.body, 'Konflikt klären');
    const staff = staffOf(request);
    await resolveConflict(db, staff, id, body, clock());
    return entryHistory(db, staff.quarterId, id);
  });
}
