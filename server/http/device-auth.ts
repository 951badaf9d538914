// `requireDevice`: the preHandler for endpoints only enrolled devices may use. It reads
// `Authorization: Bearer <deviceId>.<credential>`, sets `request.device`, and answers 401
// (`unauthorized`, German message) for a missing, malformed, unknown or revoked credential —
// never a 500, whatever the header holds. The client reacts to that 401 by asking to enrol
// again; it keeps its outbox, so nothing is lost.
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables';
import { DeviceUnauthorizedError } from '../errors';
import { parseBearer } from '../identity/device-credential';
import { authenticateDevice, touchDevice } from '../repos/device.repo';

export interface AuthenticatedDevice {
  id: string;
  quarterId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireDevice`; null on routes without it. */
    device: AuthenticatedDevice | null;
  }
}

/** "Last seen" is for staff ("has this tablet synced this week?"), not worth a write per request. */
const LAST_SEEN_INTERVAL_MS = 60_000;

export function installDeviceAuth(
  app: FastifyInstance,
  db: Kysely<Database>,
): preHandlerAsyncHookHandler {
  app.decorateRequest('device', null);
  return async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const token = parseBearer(request.headers.authorization);
    const device = token && (await authenticateDevice(db, token.deviceId, token.credential));
    if (!device) {
      reply.header('www-authenticate', 'Bearer');
      throw new DeviceUnauthorizedError();
    }
    const now = new Date();
    // Checked here first, not only in the UPDATE: on SQLite even an UPDATE that changes no row
    // takes the write lock, and a pull would then wait for a running push of another process.
    if (isDue(device.last_seen_at, now)) {
      await touchDevice(db, device.id, now, LAST_SEEN_INTERVAL_MS);
    }
    request.device = { id: device.id, quarterId: device.quarter_id };
  };
}

function isDue(lastSeenAt: string | null, now: Date): boolean {
  return lastSeenAt === null || Date.parse(lastSeenAt) <= now.getTime() - LAST_SEEN_INTERVAL_MS;
}

/** The device of a request behind `requireDevice`; a missing one is a wiring bug (500). */
export function deviceOf(request: FastifyRequest): AuthenticatedDevice {
  if (!request.device) throw new Error('route is missing the requireDevice preHandler');
  return request.device;
}
