// Who a request comes from, once `requireDevice` (server/http/device-auth.ts) has checked its
// credentials: the services (pull, push, sign-in) take it as a plain value and never see HTTP.
import type { SignedInPerson } from '../repos/person-session.repo';

export interface AuthenticatedDevice {
  id: string;
  quarterId: string;
  /** By user id: the people whose valid sessions on this device the request presented. */
  people: ReadonlyMap<string, SignedInPerson>;
  /** Presented session ids that prove nothing (revoked, unknown, …): the device forgets them. */
  invalidSessions: readonly string[];
  /** Users of presented sessions (this device's, secret right) whom staff erased. */
  erasedPeople: readonly string[];
}

/** A device just enrolled: it presents no sessions, so it acts for nobody yet. */
export function newDevice(enrolled: { deviceId: string; quarterId: string }): AuthenticatedDevice {
  return {
    id: enrolled.deviceId,
    quarterId: enrolled.quarterId,
    people: new Map(),
    invalidSessions: [],
    erasedPeople: [],
  };
}
