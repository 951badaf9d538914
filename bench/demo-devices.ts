// Devices of the demo quarter on the benchmark's app server, for the pull measures: enrolled
// with a fresh one-time code, and one of them with a demo person signed in and 10,000 of her
// calls pushed through the API, as her tablet would have sent them.
// Enrolment goes through the repository, not POST /api/v1/enrol: that endpoint allows 10
// requests per minute and IP, and the time-to-usable first visits (one enrolment each) use
// that allowance. The pull measures do not time enrolment, so nothing they report changes.
import type { Kysely } from 'kysely';
import type { Database } from '../server/db/tables';
import { DEMO_QUARTER } from '../server/demo/demo-facts';
import { DEMO_USERS } from '../server/demo/demo-users';
import { createEnrolmentCode, redeemEnrolmentCode } from '../server/repos/enrolment-code.repo';
import {
  deviceAuthorization,
  PERSON_SESSIONS_HEADER,
  type SignInResponse,
} from '../src/shared/identity';
import { CURRENT_MUTATION_VERSION, PUSH_MAX_MUTATIONS } from '../src/shared/push';
import { typicalCall } from './wire-size';

/** A device of the benchmark: its credential and the sessions of the people signed in on it. */
export interface DemoDevice {
  authorization: string;
  sessions: string[];
}

/** The headers a device sends: its credential and its people's sessions. */
export function deviceHeaders(device: DemoDevice): Record<string, string> {
  return device.sessions.length > 0
    ? { authorization: device.authorization, [PERSON_SESSIONS_HEADER]: device.sessions.join(',') }
    : { authorization: device.authorization };
}

/** A new device of the demo quarter, nobody signed in yet. */
export async function enrolDemoDevice(db: Kysely<Database>, label: string): Promise<DemoDevice> {
  const { code } = await createEnrolmentCode(db, DEMO_QUARTER.id);
  const enrolled = await redeemEnrolmentCode(db, code, { label });
  if (!enrolled) throw new Error('A fresh enrolment code was refused.');
  return {
    authorization: deviceAuthorization(enrolled.deviceId, enrolled.credential),
    sessions: [],
  };
}

async function post(url: string, path: string, device: DemoDevice, body: unknown) {
  const response = await fetch(new URL(path, url), {
    method: 'POST',
    headers: { ...deviceHeaders(device), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}`);
  return response.json() as Promise<unknown>;
}

/**
 * Signs the first demo person (Erika Beispiel) in on the device — her session joins
 * `device.sessions`, so its pulls bring her calls — then pushes `count` of her calls from it in
 * batches of 200. Returns her user id.
 */
export async function pushDemoCalls(url: string, device: DemoDevice, count: number) {
  const person = DEMO_USERS[0];
  if (!person) throw new Error('The demo has no people.');
  const { userId, session } = (await post(url, '/api/v1/device/sign-in', device, {
    name: person.name,
    pin: person.pin,
  })) as SignInResponse;
  device.sessions.push(session);
  const v = CURRENT_MUTATION_VERSION['call.create'];
  for (let first = 0; first < count; first += PUSH_MAX_MUTATIONS) {
    const size = Math.min(PUSH_MAX_MUTATIONS, count - first);
    const mutations = Array.from({ length: size }, (_, i) => ({
      seq: first + i + 1,
      name: 'call.create',
      v,
      author: userId,
      args: typicalCall(first + i),
    }));
    const body = { clientId: 'bench-demo-calls', appVersion: '0.1.0', mutations };
    const answer = (await post(url, '/api/v1/push', device, body)) as {
      lastSeq?: number;
      rejected?: unknown[];
    };
    if (answer.lastSeq !== first + size || answer.rejected?.length) {
      throw new Error(`push answered ${JSON.stringify(answer).slice(0, 200)}`);
    }
  }
  return userId;
}
