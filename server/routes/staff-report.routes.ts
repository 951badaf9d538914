// Staff's reports (docs/api.md, Reports): the CSV export of one kind over a range of days, and
// the monthly figures for funders. Both only for a staff session of the quarter
// (http/staff-auth.ts); every read is scoped by the session's quarter, so staff of another
// quarter get their own (empty) figures, never these. Parses, calls, replies; the work is in
// sync/csv-export.ts and sync/monthly-report.ts.
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import {
  exportQuerySchema,
  reportQuerySchema,
  type MonthlyReport,
} from '../../src/shared/staff/staff-reports';
import type { Database } from '../db/tables';
import { staffOf } from '../http/staff-auth';
import { startCsvExport } from '../sync/csv-export';
import { monthlyReport } from '../sync/monthly-report';
import { parseOrThrow } from '../validation';

export function staffReportRoutes(
  app: FastifyInstance,
  db: Kysely<Database>,
  requireStaff: preHandlerAsyncHookHandler,
  /** Time of the audit lines and of the report (tests move it with the sessions' clock). */
  clock: () => Date = () => new Date(),
): void {
  // Both are reads that leave an audit line: no HEAD twin (Fastify adds one to every GET
  // unless told not to), so a link checker or proxy cannot write "exported" lines.
  const route = { preHandler: requireStaff, exposeHeadRoute: false };
  app.get(`${STAFF_PREFIX}/export.csv`, route, async (request, reply) => {
    const staff = staffOf(request);
    const query = parseOrThrow(exportQuerySchema, request.query, 'Ungültiger Zeitraum');
    const file = await startCsvExport(
      db,
      staff.quarterId,
      { userId: staff.userId, name: staff.name },
      query,
      { now: clock() },
    );
    reply.header('content-type', 'text/csv; charset=utf-8');
    // The name is ASCII (exportFileName), so it needs no RFC 5987 form.
    reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
    reply.header('cache-control', 'no-store');
    // Fastify pipes the stream to the socket with backpressure: pages are read as it drains.
    return reply.send(file.stream);
  });

  app.get(`${STAFF_PREFIX}/report`, route, async (request, reply) => {
    const staff = staffOf(request);
    const { month } = parseOrThrow(reportQuerySchema, request.query, 'Ungültiger Monat');
    const report: MonthlyReport = await monthlyReport(
      db,
      { id: staff.quarterId, name: staff.quarterName },
      { userId: staff.userId, name: staff.name },
      month,
      clock(),
    );
    reply.header('cache-control', 'no-store');
    return report;
  });
}
