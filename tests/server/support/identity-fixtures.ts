// Identity test data: a quarter with an enrolment code, and a device enrolled through the real
// endpoint, so tests hold a credential exactly as a device would.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../../server/db/tables';
import { createEnrolmentCode } from '../../../server/repos/enrolment-code.repo';
import { createQuarter } from '../../../server/repos/quarter.repo';
import {
  deviceAuthorization,
  PERSON_SESSIONS_HEADER,
  type EnrolResponse,
} from '../../../src/shared/identity';
import { QUARTER } from './fixtures';

export const OTHER_QUARTER = { id: 'q-other', name: 'Anderes Quartier' };

export interface EnrolledTestDevice extends EnrolResponse {
  authorization: string;
}

/** Enrols a new device of `quarterId` (created if missing) through POST /api/v1/enrol. */
export async function enrolDevice(
  app: FastifyInstance,
  db: Kysely<Database>,
  quarter = QUARTER,
  label = 'Tablet Anlaufstelle',
): Promise<EnrolledTestDevice> {
  await createQuarter(db, quarter);
  const { code } = await createEnrolmentCode(db, quarter.id);
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/enrol',
    payload: { code, label },
  });
  expect(response.statusCode).toBe(201);
  const body = response.json<EnrolResponse>();
  return { ...body, authorization: deviceAuthorization(body.deviceId, body.credential) };
}

/**
 * The person sessions each test device holds, by its `Authorization` value. `signInOn` adds
 * the session a sign-in returned; `pushAs` and `pullRaw` send them like a device does, so tests
 * that are not about authorship read as before. Tests about authorship pass headers themselves.
 */
const sessionsByDevice = new Map<string, Map<string, string>>();

/** A new sign-in of the same person on the same device replaces their session (as on the server). */
export function rememberSession(authorization: string, userId: string, session: string): void {
  const sessions = sessionsByDevice.get(authorization) ?? new Map<string, string>();
  sessions.set(userId, session);
  sessionsByDevice.set(authorization, sessions);
}

/** The device no longer sends this person's session (as a device that forgot it). */
export function forgetSession(authorization: string, userId: string): void {
  sessionsByDevice.get(authorization)?.delete(userId);
}

/** The `x-person-sessions` header of a test device, or no header when nobody signed in on it. */
export function sessionHeaders(authorization: string | undefined): Record<string, string> {
  const sessions = authorization === undefined ? undefined : sessionsByDevice.get(authorization);
  return sessions && sessions.size > 0
    ? { [PERSON_SESSIONS_HEADER]: [...sessions.values()].join(',') }
    : {};
}
