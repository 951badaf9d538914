// Push test data: an enrolled device with an active author, people who sign in on devices, the
// push itself, and reads of what the server stored (mutation log, the client's last_seq). The
// mutations are built by entry-builders.ts, stored entries read by stored-entries.ts.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../server/db/tables';
import { expect } from 'vitest';
import { createUser, setUserPin } from '../../../server/repos/user.repo';
import type { Role } from '../../../src/shared/identity';
import { QUARTER } from './fixtures';
import {
  enrolDevice,
  rememberSession,
  sessionHeaders,
  type EnrolledTestDevice,
} from './identity-fixtures';

export interface PushSetup {
  device: EnrolledTestDevice;
  authorId: string;
}

/**
 * An enrolled device of `quarter` and an active person who makes the entries on it, signed in
 * on it through the real endpoint (pushAs and pullRaw then send their session).
 */
export async function setUpPushDevice(
  app: FastifyInstance,
  db: Kysely<Database>,
  quarter = QUARTER,
  authorName = 'Erika M.',
): Promise<PushSetup> {
  const device = await enrolDevice(app, db, quarter);
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('quarter_id', '=', quarter.id)
    .where('name', '=', authorName)
    .executeTakeFirst();
  const author =
    existing ??
    (await createUser(db, { quarterId: quarter.id, name: authorName, role: 'volunteer' }));
  if (!author) throw new Error('could not create the author');
  await setUserPin(db, quarter.id, authorName, TEST_PIN);
  await signInOn(app, device.authorization, authorName, TEST_PIN);
  return { device, authorId: author.id };
}

/** The PIN test people get unless a test says otherwise. */
export const TEST_PIN = '4711';

/** A person of `quarterId` with a PIN, so they can sign in on devices. */
export async function createPerson(
  db: Kysely<Database>,
  name: string,
  role: Role = 'volunteer',
  quarterId = QUARTER.id,
  pin = TEST_PIN,
): Promise<string> {
  const user = await createUser(db, { quarterId, name, role, pin });
  if (!user) throw new Error(`could not create ${name}`);
  return user.id;
}

/**
 * Signs `name` in on the device and returns the person session it got; the device then sends
 * it (pushAs, pullRaw), so the person's changes are accepted and their calls join its view.
 */
export async function signInOn(
  app: FastifyInstance,
  authorization: string,
  name: string,
  pin = TEST_PIN,
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/device/sign-in',
    headers: { authorization },
    payload: { name, pin },
  });
  expect(response.statusCode, response.body).toBe(200);
  const { userId, session } = response.json<{ userId: string; session: string }>();
  rememberSession(authorization, userId, session);
  return session;
}

export interface PushBody {
  clientId: string;
  appVersion?: string;
  mutations: unknown;
}

export function pushAs(
  app: FastifyInstance,
  authorization: string | undefined,
  body: PushBody | string,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/v1/push',
    headers: {
      'content-type': 'application/json',
      ...(authorization === undefined ? {} : { authorization }),
      ...sessionHeaders(authorization),
    },
    payload: typeof body === 'string' ? body : { appVersion: '0.1.0', ...body },
  });
}

export async function storedLastSeq(
  db: Kysely<Database>,
  clientId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('sync_clients')
    .select('last_seq')
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row?.last_seq;
}

export async function storedLog(db: Kysely<Database>, clientId: string) {
  return db
    .selectFrom('mutation_log')
    .select(['seq', 'status', 'reject_code'])
    .where('client_id', '=', clientId)
    .orderBy('seq')
    .execute();
}
