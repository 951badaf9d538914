// Every endpoint of the staff screens (issue 10), in one table: routes register these paths,
// and the authorization test (tests/server/staff-authorization.test.ts) walks all of them for
// every role and quarter, so a new endpoint without its check fails the test. All but sign-in
// need a staff session of the quarter (http/staff-auth.ts): without one 401, with a device
// credential or a volunteer 403; another quarter's ids are "not found".
import { API_PREFIX } from '../protocol';
import { READ_ACTIONS, type OLDER_READ_ACTIONS } from './audit-actions';

export const STAFF_PREFIX = `${API_PREFIX}/staff`;

export type StaffMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface StaffEndpoint {
  method: StaffMethod;
  /** Fastify path, `:id` style parameters. */
  path: string;
  /** Only sign-in is open without a session. */
  public?: boolean;
  /** Staff and admins may call every endpoint unless `adminOnly`. */
  adminOnly?: boolean;
  /**
   * Every GET says what its read leaves in the audit log (issue 11, docs/api.md "What the audit
   * log records"): the action of its line, or why it leaves none. A GET that shows personal
   * data (names, phone numbers, notes, routes) leaves a line and has no HEAD twin.
   * tests/server/read-audit.test.ts checks that every GET decides, and every action is tested.
   */
  reads?: { action: string } | { none: string };
}

const e = (method: StaffMethod, path: string, extra: Partial<StaffEndpoint> = {}) => ({
  method,
  path: `${STAFF_PREFIX}${path}`,
  ...extra,
});

type OlderRead = (typeof OLDER_READ_ACTIONS)[number];

export const STAFF_ENDPOINTS: readonly StaffEndpoint[] = [
  // Session (staff-session.ts)
  e('POST', '/sign-in', { public: true }),
  e('POST', '/sign-out'),
  e('GET', '/me', { reads: { none: 'the staff member’s own session' } }),
  // The week, follow-ups, history (staff-week.ts)
  e('GET', '/week', { reads: { action: READ_ACTIONS.week } }),
  e('PUT', '/follow-ups/:subjectType/:subjectId'),
  e('GET', '/entries/:id/history', { reads: { action: READ_ACTIONS.entryHistory } }),
  e('POST', '/entries/:id/resolve'),
  // Reports (staff-reports.ts)
  e('GET', '/export.csv', { reads: { action: 'export.csv' satisfies OlderRead } }),
  e('GET', '/report', { reads: { action: 'report.view' satisfies OlderRead } }),
  // Upkeep of the catalogue, opening hours and call partners (staff-upkeep.ts)
  e('GET', '/catalogue', { reads: { none: 'the catalogue every tablet gets without signing in' } }),
  e('POST', '/themes'),
  e('PUT', '/themes/:id'),
  e('POST', '/institutions'),
  e('PUT', '/institutions/:id'),
  e('POST', '/activities'),
  e('PUT', '/activities/:id'),
  e('PUT', '/storefront'),
  e('PUT', '/opening-exceptions/:id'),
  e('DELETE', '/opening-exceptions/:id'),
  e('GET', '/partners', { reads: { action: READ_ACTIONS.partners } }),
  e('POST', '/partners'),
  e('PUT', '/partners/:id'),
  // Everything held about one person, as JSON (issue 11; privacy/person-export.ts)
  e('GET', '/partners/:id/export', { reads: { action: READ_ACTIONS.exportPartner } }),
  e('GET', '/people/:id/export', { reads: { action: READ_ACTIONS.exportPerson } }),
  // Erasure of one partner or person everywhere (issue 11; privacy/person-erasure.ts)
  e('POST', '/partners/:id/erase'),
  e('POST', '/people/:id/erase'),
  // People, devices, audit log (staff-people.ts)
  e('GET', '/people', { reads: { action: READ_ACTIONS.people } }),
  e('POST', '/people'),
  e('POST', '/people/:id/pin'),
  e('POST', '/people/:id/password'),
  e('POST', '/people/:id/lock'),
  e('POST', '/people/:id/unlock'),
  e('GET', '/devices', { reads: { none: 'tablets: labels, versions, when last seen' } }),
  e('POST', '/enrolment-codes'),
  e('POST', '/devices/:id/revoke'),
  e('GET', '/audit', { reads: { none: 'the log itself: ids and counts, never content' } }),
];
