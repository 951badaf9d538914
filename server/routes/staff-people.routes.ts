// People, devices and the audit log on the staff screens (issue 10; docs/api.md "Staff",
// "People, devices, audit log"). Thin: parse with the shared schemas
// (src/shared/staff/staff-people.ts), call identity/staff-people.service.ts or
// identity/staff-devices.service.ts as the signed-in staff member, reply. Every route needs a
// staff session (requireStaff); everything is scoped to that staff member's quarter.
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { STAFF_PREFIX } from '../../src/shared/staff/staff-endpoints';
import {
  auditQuerySchema,
  createPersonRequestSchema,
  setPasswordRequestSchema,
  setPinRequestSchema,
  staffIdParamsSchema,
  type StaffDevicesResponse,
  type StaffPeopleResponse,
} from '../../src/shared/staff/staff-people';
import type { Database } from '../db/tables';
import { staffOf, type Clock } from '../http/staff-auth';
import {
  auditPage,
  issueEnrolmentCode,
  listStaffDevices,
  revokeStaffDevice,
} from '../identity/staff-devices.service';
import {
  createPerson,
  listStaffPeople,
  lockPerson,
  resetPin,
  setPassword,
  unlockPerson,
} from '../identity/staff-people.service';
import { auditPeopleRead } from '../sync/read-audit';
import { parseOrThrow } from '../validation';

export function staffPeopleRoutes(
  app: FastifyInstance,
  db: Kysely<Database>,
  requireStaff: preHandlerAsyncHookHandler,
  clock: Clock = () => new Date(),
): void {
  const guarded = { preHandler: requireStaff };
  const idOf = (params: unknown) =>
    parseOrThrow(staffIdParamsSchema, params, 'Ungültige Kennung').id;

  // The quarter's people by name: the read leaves an audit line (issue 11), no HEAD twin.
  app.get(`${STAFF_PREFIX}/people`, { ...guarded, exposeHeadRoute: false }, async (request) => {
    const staff = staffOf(request);
    const response: StaffPeopleResponse = {
      people: await listStaffPeople(db, staff.quarterId),
    };
    await auditPeopleRead(db, staff, response, clock());
    return response;
  });

  app.post(`${STAFF_PREFIX}/people`, guarded, async (request, reply) => {
    const body = parseOrThrow(createPersonRequestSchema, request.body, 'Neue Person');
    const person = await createPerson(db, staffOf(request), body, clock());
    return reply.code(201).send(person);
  });

  app.post(`${STAFF_PREFIX}/people/:id/pin`, guarded, async (request) => {
    const { pin } = parseOrThrow(setPinRequestSchema, request.body, 'Neue PIN');
    return resetPin(db, staffOf(request), idOf(request.params), pin, clock());
  });

  app.post(`${STAFF_PREFIX}/people/:id/password`, guarded, async (request) => {
    const { password } = parseOrThrow(setPasswordRequestSchema, request.body, 'Neues Passwort');
    return setPassword(db, staffOf(request), idOf(request.params), password, clock());
  });

  app.post(`${STAFF_PREFIX}/people/:id/lock`, guarded, async (request) =>
    lockPerson(db, staffOf(request), idOf(request.params), clock()),
  );

  app.post(`${STAFF_PREFIX}/people/:id/unlock`, guarded, async (request) =>
    unlockPerson(db, staffOf(request), idOf(request.params), clock()),
  );

  app.get(`${STAFF_PREFIX}/devices`, guarded, async (request) => {
    const response: StaffDevicesResponse = {
      devices: await listStaffDevices(db, staffOf(request).quarterId, clock()),
    };
    return response;
  });

  app.post(`${STAFF_PREFIX}/enrolment-codes`, guarded, async (request, reply) =>
    reply.code(201).send(await issueEnrolmentCode(db, staffOf(request), clock())),
  );

  app.post(`${STAFF_PREFIX}/devices/:id/revoke`, guarded, async (request) =>
    revokeStaffDevice(db, staffOf(request), idOf(request.params), clock()),
  );

  app.get(`${STAFF_PREFIX}/audit`, guarded, async (request) => {
    const query = parseOrThrow(auditQuerySchema, request.query, 'Protokoll');
    return auditPage(db, staffOf(request).quarterId, query);
  });
}
