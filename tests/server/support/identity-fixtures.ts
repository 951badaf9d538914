// Identity test data: a quarter with an enrolment code, and a device enrolled through the real
// endpoint, so tests hold a credential exactly as a device would.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../../server/db/tables';
import { createEnrolmentCode } from '../../../server/repos/enrolment-code.repo';
import { createQuarter } from '../../../server/repos/quarter.repo';
import { deviceAuthorization, type EnrolResponse } from '../../../src/shared/identity';
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
