// Identity endpoints (docs/api.md): enrol a device with a one-time code, read what the device
// may do, sign a person in on it. Secrets are checked in repos/identity; this file parses,
// calls and replies. The enrolment's answer carries the new device's first pull (issue 12), so a
// new tablet on a slow network waits one round trip less before its start screen can show. The
// secret-checking POSTs are rate-limited per IP; sign-in also per name, in the database
// (identity/sign-in.service.ts).
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import {
  enrolRequestSchema,
  signInRequestSchema,
  type DeviceInfoResponse,
  type EnrolResponse,
} from '../../src/shared/identity';
import { API_PREFIX } from '../../src/shared/protocol';
import type { Database } from '../db/tables';
import { InvalidEnrolmentCodeError, UnknownQuarterError } from '../errors';
import { deviceOf } from '../http/device-auth';
import { newDevice } from '../identity/authenticated-device';
import { perMinute, perMinuteAfterAuth, type RateLimits } from '../http/rate-limits';
import { signIn } from '../identity/sign-in.service';
import { redeemEnrolmentCode } from '../repos/enrolment-code.repo';
import { findQuarter } from '../repos/quarter.repo';
import { listUsers } from '../repos/user.repo';
import type { RetentionDays } from '../retention/retention-rules';
import { pull } from '../sync/pull.service';
import { parseOrThrow } from '../validation';

export function identityRoutes(
  app: FastifyInstance,
  db: Kysely<Database>,
  requireDevice: preHandlerAsyncHookHandler,
  limits: RateLimits,
  retention: RetentionDays,
): void {
  app.post(
    `${API_PREFIX}/enrol`,
    { config: perMinute(limits.enrolPerMinute) },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const body = parseOrThrow(enrolRequestSchema, request.body, 'Ungültige Anfrage');
      const enrolled = await redeemEnrolmentCode(db, body.code, { label: body.label });
      if (!enrolled) throw new InvalidEnrolmentCodeError();
      const response: EnrolResponse = {
        deviceId: enrolled.deviceId,
        credential: enrolled.credential,
        quarter: await quarterOf(db, enrolled.quarterId),
        // What `GET /pull` without a cookie answers this device: nobody is signed in on it yet,
        // so reference data only, never an entry. Only a help: the code is used up by now, so
        // a pull that fails must not cost the device its credential; it pulls itself instead.
        firstPull: await pull(db, newDevice(enrolled), {}, { retention }).catch((err: unknown) => {
          request.log.error({ err }, 'enrol: first pull failed; the device will pull itself');
          return undefined;
        }),
      };
      return reply.code(201).send(response);
    },
  );

  app.get(`${API_PREFIX}/device`, { preHandler: requireDevice }, async (request) => {
    const device = deviceOf(request);
    const users = await listUsers(db, device.quarterId);
    const response: DeviceInfoResponse = {
      deviceId: device.id,
      quarter: await quarterOf(db, device.quarterId),
      users: users
        .filter((user) => user.disabled_at === null && user.has_pin)
        .map(({ id, name, role }) => ({ id, name, role })),
    };
    return response;
  });

  app.post(
    `${API_PREFIX}/device/sign-in`,
    // Limited per address only after requireDevice: a request without a valid device
    // credential gets its 401 and does not use up the budget of others behind that address.
    { preHandler: requireDevice, config: perMinuteAfterAuth(limits.signInPerMinute) },
    async (request) => {
      const body = parseOrThrow(signInRequestSchema, request.body, 'Ungültige Anfrage');
      return signIn(db, deviceOf(request), body.name, body.pin);
    },
  );
}

async function quarterOf(db: Kysely<Database>, id: string): Promise<{ id: string; name: string }> {
  const quarter = await findQuarter(db, id);
  if (!quarter) throw new UnknownQuarterError();
  return { id: quarter.id, name: quarter.name };
}
