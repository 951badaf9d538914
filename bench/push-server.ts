// The real server app on a local port over a throw-away database — a fresh SQLite file, or a
// fresh PostgreSQL database (created from PG_URL, dropped at the end) — with one quarter, one
// person with a PIN, and one device enrolled and signed in over HTTP, as a tablet would be. The
// push and wire-size measures run against it.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../server/app';
import type { DatabaseConfig } from '../server/config';
import type { DialectName } from '../server/db/database';
import { migrateToLatest } from '../server/db/migrate';
import type { Database } from '../server/db/tables';
import { createEnrolmentCode } from '../server/repos/enrolment-code.repo';
import { createQuarter } from '../server/repos/quarter.repo';
import { createUser } from '../server/repos/user.repo';
import {
  deviceAuthorization,
  PERSON_SESSIONS_HEADER,
  type EnrolResponse,
  type SignInResponse,
} from '../src/shared/identity';
import { createTestDatabase } from '../tests/server/support/test-database';

const QUARTER = { id: 'q-bench', name: 'Benchquartier' };
const PERSON = { name: 'Erika M.', pin: '2468' };

export interface PushServer {
  dialect: DialectName;
  config: DatabaseConfig;
  url: string;
  db: Kysely<Database>;
  /** Authorization and the person's session, as the tablet sends them with a push. */
  headers: Record<string, string>;
  authorId: string;
  close(): Promise<void>;
}

async function postJson(url: string, body: unknown, authorization?: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}`);
  return response.json();
}

/** Enrols a device through the API and signs PERSON in on it; returns the headers it sends. */
async function enrolAndSignIn(db: Kysely<Database>, url: string): Promise<Record<string, string>> {
  const { code } = await createEnrolmentCode(db, QUARTER.id);
  const enrolled = (await postJson(`${url}/api/v1/enrol`, { code })) as EnrolResponse;
  const authorization = deviceAuthorization(enrolled.deviceId, enrolled.credential);
  const { session } = (await postJson(
    `${url}/api/v1/device/sign-in`,
    PERSON,
    authorization,
  )) as SignInResponse;
  return { authorization, [PERSON_SESSIONS_HEADER]: session };
}

export async function startPushServer(dialect: DialectName): Promise<PushServer> {
  // The same throw-away databases the server tests use (dropped again by `drop`).
  const database = await createTestDatabase(dialect);
  const { config, db } = database;
  let app: FastifyInstance | undefined;
  try {
    await migrateToLatest(db);
    await createQuarter(db, QUARTER);
    const user = await createUser(db, { quarterId: QUARTER.id, role: 'volunteer', ...PERSON });
    if (!user) throw new Error('could not create the bench person');
    app = await buildApp({
      db,
      config: { staticDir: '/nonexistent/quartiersbuch-static', logLevel: 'warn' },
      logger: false,
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const headers = await enrolAndSignIn(db, url);
    const close = async () => {
      await app?.close();
      await database.drop();
    };
    return { dialect, config, url, db, headers, authorId: user.id, close };
  } catch (error) {
    await app?.close();
    await database.drop();
    throw error;
  }
}
