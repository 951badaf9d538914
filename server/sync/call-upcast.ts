// Upcasters for calls (G10): an old mutation version is turned into the newest one and applied
// by the newest handler, so the server has one write path per mutation, however old the app
// that sent it. Pure functions: the shape of old args never changes once released.
import type { CallCreateV1, CallCreateV2 } from '../../src/shared/push';

/** call.create v1 (app 0.1) could only record calls that reached the person. */
export function upcastCallCreateV1(args: CallCreateV1): CallCreateV2 {
  return { ...args, reached: true };
}
