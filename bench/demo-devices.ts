// Devices of the demo quarter on the benchmark's app server, for the pull measures: enrolled
// with a fresh one-time code, and one of them with a demo person signed in and 10,000 of her
// calls pushed through the API, as her tablet would have sent them.
// Enrolment goes through the repository, not POST /api/v1/enrol: that endpoint allows 10
// requests per minute and IP, and the time-to-usable first visits (one enrolment each) use
// that allowance. The pull measures do not time enrolment, so nothing they report changes.
import type { Kysely } from 'kysely';
import type { Database } from '../server/db/tables';
import { DEMO_QUARTER } from '../server/demo/demo-facts';
import { DEMO_USERS, type DemoUser } from '../server/demo/demo-users';
import { createEnrolmentCode, redeemEnrolmentCode } from '../server/repos/enrolment-code.repo';
import {
  deviceAuthorization,
  PERSON_SESSIONS_HEADER,
  type SignInResponse,
} from '../src/shared/identity';
import { entryMutation } from '../src/shared/entry-key';
import { currentVersion, PUSH_MAX_MUTATIONS } from '../src/shared/push-protocol';
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

/** One entry a benchmark device pushes: the mutation name and its args. */
export type MakeEntry = (index: number) => { name: string; args: unknown };

/**
 * Signs `person` in on the device — the session joins `device.sessions`, so its pulls bring
 * their entries — then pushes `count` of their entries (`make(0)`, `make(1)`, …) from it in
 * batches of 200, under the client id `clientId`. Returns their user id.
 */
export async function pushDemoEntries(
  url: string,
  device: DemoDevice,
  count: number,
  options: { person: DemoUser; clientId: string; make: MakeEntry },
): Promise<string> {
  const { userId, session } = (await post(url, '/api/v1/device/sign-in', device, {
    name: options.person.name,
    pin: options.person.pin,
  })) as SignInResponse;
  device.sessions.push(session);
  for (let first = 0; first < count; first += PUSH_MAX_MUTATIONS) {
    const size = Math.min(PUSH_MAX_MUTATIONS, count - first);
    const mutations = Array.from({ length: size }, (_, i) => {
      const { name, args } = options.make(first + i);
      const kind = entryMutation(name);
      const v = kind ? currentVersion(kind.kind, kind.operation) : 1;
      return { seq: first + i + 1, name, v, author: userId, args };
    });
    const body = { clientId: options.clientId, appVersion: '0.1.0', mutations };
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

/** The first demo person (Erika Beispiel) pushes `count` calls from the device. */
export function pushDemoCalls(url: string, device: DemoDevice, count: number): Promise<string> {
  const person = DEMO_USERS[0];
  if (!person) throw new Error('The demo has no people.');
  return pushDemoEntries(url, device, count, {
    person,
    clientId: 'bench-demo-calls',
    make: (index) => ({ name: 'call.create', args: typicalCall(index) }),
  });
}
