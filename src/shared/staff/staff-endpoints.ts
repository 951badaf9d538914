// Every endpoint of the staff screens (issue 10), in one table: routes register these paths,
// and the authorization test (tests/server/staff-authorization.test.ts) walks all of them for
// every role and quarter, so a new endpoint without its check fails the test. All but sign-in
// need a staff session of the quarter (http/staff-auth.ts): without one 401, with a device
// credential or a volunteer 403; another quarter's ids are "not found".
import { API_PREFIX } from '../protocol';

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
}

const e = (method: StaffMethod, path: string, extra: Partial<StaffEndpoint> = {}) => ({
  method,
  path: `${STAFF_PREFIX}${path}`,
  ...extra,
});

export const STAFF_ENDPOINTS: readonly StaffEndpoint[] = [
  // Session (staff-session.ts)
  e('POST', '/sign-in', { public: true }),
  e('POST', '/sign-out'),
  e('GET', '/me'),
  // The week, follow-ups, history (staff-week.ts)
  e('GET', '/week'),
  e('PUT', '/follow-ups/:subjectType/:subjectId'),
  e('GET', '/entries/:id/history'),
  e('POST', '/entries/:id/resolve'),
  // Reports (staff-reports.ts)
  e('GET', '/export.csv'),
  e('GET', '/report'),
  // Upkeep of the catalogue, opening hours and call partners (staff-upkeep.ts)
  e('GET', '/catalogue'),
  e('POST', '/themes'),
  e('PUT', '/themes/:id'),
  e('POST', '/institutions'),
  e('PUT', '/institutions/:id'),
  e('POST', '/activities'),
  e('PUT', '/activities/:id'),
  e('PUT', '/storefront'),
  e('PUT', '/opening-exceptions/:id'),
  e('DELETE', '/opening-exceptions/:id'),
  e('GET', '/partners'),
  e('POST', '/partners'),
  e('PUT', '/partners/:id'),
  // People, devices, audit log (staff-people.ts)
  e('GET', '/people'),
  e('POST', '/people'),
  e('POST', '/people/:id/pin'),
  e('POST', '/people/:id/password'),
  e('POST', '/people/:id/lock'),
  e('POST', '/people/:id/unlock'),
  e('GET', '/devices'),
  e('POST', '/enrolment-codes'),
  e('POST', '/devices/:id/revoke'),
  e('GET', '/audit'),
];
