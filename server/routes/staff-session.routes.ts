// The staff session (issue 10, docs/api.md "Staff", "Session"): sign in with name + password
// (rate-limited per address, and per name in the database), sign out, and who is signed in.
// The session itself is the HttpOnly cookie set here (http/staff-auth.ts).
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import { staffSignInRequestSchema, type StaffMe } from '../../src/shared/staff/staff-session';
import type { Database } from '../db/tables';
import { perMinute } from '../http/rate-limits';
import {
  clearStaffCookie,
  setStaffCookie,
  staffOf,
  type Clock,
  type StaffActor,
} from '../http/staff-auth';
import { staffSignIn, staffSignOut } from '../identity/staff-sign-in.service';
import { parseOrThrow } from '../validation';

export function staffSessionRoutes(
  app: FastifyInstance,
  db: Kysely<Database>,
  requireStaff: preHandlerAsyncHookHandler,
  options: { clock: Clock; signInPerMinute: number },
): void {
  const { clock } = options;

  app.post(
    `${STAFF_PREFIX}/sign-in`,
    { config: perMinute(options.signInPerMinute) },
    async (request, reply) => {
      const body = parseOrThrow(staffSignInRequestSchema, request.body, 'Ungültige Anmeldung');
      const signedIn = await staffSignIn(db, body, clock());
      setStaffCookie(request, reply, signedIn.token);
      return meOf(signedIn.session);
    },
  );

  app.post(`${STAFF_PREFIX}/sign-out`, { preHandler: requireStaff }, async (request, reply) => {
    const staff = staffOf(request);
    await staffSignOut(db, staff, clock());
    clearStaffCookie(request, reply);
    return reply.code(204).send();
  });

  app.get(`${STAFF_PREFIX}/me`, { preHandler: requireStaff }, async (request) =>
    meOf(staffOf(request)),
  );
}

function meOf(staff: Omit<StaffActor, 'sessionId'>): StaffMe {
  return {
    userId: staff.userId,
    name: staff.name,
    role: staff.role,
    quarter: { id: staff.quarterId, name: staff.quarterName },
    idleExpiresAt: staff.idleExpiresAt.toISOString(),
  };
}
