// The fingerprint of a device's view of entries: who is linked to it and active, with their
// roles. It travels in the pull cookie; when it changes (someone signed in for the first time,
// was disabled, or got another role) the device's copy may lack entries that were always there
// or hold entries it must no longer have, so its next pull is a full reset.
import { createHash } from 'node:crypto';
import type { ViewUser } from '../repos/device-user.repo';

/** 11 base64url characters (66 bits): short for the cookie, collisions practically never. */
export function viewFingerprint(users: readonly ViewUser[]): string {
  const lines = users.map((user) => `${user.id}:${user.role}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('base64url').slice(0, 11);
}
