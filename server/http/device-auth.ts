// `requireDevice`: the preHandler for endpoints only enrolled devices may use. It reads
// `Authorization: Bearer <deviceId>.<credential>`, sets `request.device`, and answers 401
// (`unauthorized`, German message) for a missing, malformed, unknown or revoked credential —
// never a 500, whatever the header holds. The client reacts to that 401 by asking to enrol
// again; it keeps its outbox, so nothing is lost.
// It also checks the person sessions the device presents (`X-Person-Sessions`, issue 7):
// `request.people` are the people this request may act for — whose changes push accepts and
// whose entries pull returns. A device where nobody signed in acts for nobody. `optionalDevice`
// is the same check for endpoints that also answer without a device (public data).
import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables';
import {
  APP_VERSION_HEADER,
  OUTBOX_WAITING_HEADER,
  PERSON_SESSIONS_HEADER,
} from '../../src/shared/identity';
import { DeviceUnauthorizedError, InvalidInputError } from '../errors';
import { parseBearer } from '../secrets/device-credential';
import { parsePersonSessions } from '../secrets/person-session';
import {
  authenticateDevice,
  isTouchDue,
  reportDiffers,
  storeDeviceReport,
  touchDevice,
  type DeviceReport,
} from '../repos/device.repo';
import type { AuthenticatedDevice } from '../identity/authenticated-device';
import { resolvePersonSessions } from '../repos/person-session.repo';

export interface DeviceAuth {
  /** 401 without a valid device credential. */
  requireDevice: preHandlerAsyncHookHandler;
  /** No `Authorization` header: `request.device` stays null (public data); else as requireDevice. */
  optionalDevice: preHandlerAsyncHookHandler;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `requireDevice`; null on routes without it. */
    device: AuthenticatedDevice | null;
  }
}

/** "Last seen" is for staff ("has this tablet synced this week?"), not worth a write per request. */
const LAST_SEEN_INTERVAL_MS = 60_000;

export function installDeviceAuth(app: FastifyInstance, db: Kysely<Database>): DeviceAuth {
  app.decorateRequest('device', null);
  const requireDevice: preHandlerAsyncHookHandler = async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const token = parseBearer(request.headers.authorization);
    const sessions = parsePersonSessions(request.headers[PERSON_SESSIONS_HEADER]);
    const device = token && (await authenticateDevice(db, token.deviceId, token.credential));
    if (!device) {
      reply.header('www-authenticate', 'Bearer');
      throw new DeviceUnauthorizedError();
    }
    if (!sessions) throw new InvalidInputError('Ungültige Anfrage: Anmeldungen falsch angegeben.');
    const now = new Date();
    // Checked here first, not only in the UPDATE: on SQLite even an UPDATE that changes no row
    // takes the write lock, and a pull would then wait for a running push of another process.
    // What the device reports about itself (issue 10) is stored at once when it changed, so
    // staff see the waiting count and version of its last request, not of a minute before.
    const report = deviceReportOf(request.headers);
    if (reportDiffers(device, report)) {
      await storeDeviceReport(db, device.id, report, now);
    } else if (isTouchDue(device.last_seen_at, now, LAST_SEEN_INTERVAL_MS)) {
      await touchDevice(db, device.id, now, LAST_SEEN_INTERVAL_MS);
    }
    const resolved = await resolvePersonSessions(db, device.id, device.quarter_id, sessions, now);
    request.device = {
      id: device.id,
      quarterId: device.quarter_id,
      people: resolved.people,
      invalidSessions: resolved.invalid,
      erasedPeople: resolved.erased,
    };
  };
  const optionalDevice: preHandlerAsyncHookHandler = async (request, reply) => {
    if (request.headers.authorization === undefined) {
      reply.header('cache-control', 'no-store');
      return;
    }
    await requireDevice.call(app, request, reply);
  };
  return { requireDevice, optionalDevice };
}

/** The device of a request behind `requireDevice`; a missing one is a wiring bug (500). */
export function deviceOf(request: FastifyRequest): AuthenticatedDevice {
  if (!request.device) throw new Error('route is missing the requireDevice preHandler');
  return request.device;
}

/** The app's version as `transport.ts` sends it (package.json's, e.g. `0.10.0`). */
const APP_VERSION = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$/;
/** Above this a count is garbage, not an outbox (a device holds a few thousand at most). */
const MAX_WAITING = 1_000_000;

/**
 * `X-App-Version` and `X-Outbox-Waiting` as the device sent them; a missing or malformed value
 * is left out (ignored, never an error: these are reports, not requests).
 */
export function deviceReportOf(headers: FastifyRequest['headers']): DeviceReport {
  const report: DeviceReport = {};
  const version = headers[APP_VERSION_HEADER];
  if (typeof version === 'string' && APP_VERSION.test(version)) report.appVersion = version;
  const waiting = headers[OUTBOX_WAITING_HEADER];
  if (typeof waiting === 'string' && /^[0-9]{1,7}$/.test(waiting)) {
    const count = Number(waiting);
    if (count <= MAX_WAITING) report.waitingCount = count;
  }
  return report;
}
