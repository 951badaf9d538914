// The fingerprint of a device's view of entries: the people whose valid sessions the pull
// presented, with their roles. It travels in the pull cookie; when it changes (someone signed
// in, a session was revoked, a person disabled or given another role) the device's copy may lack entries that were always there
// or hold entries it must no longer have, so its next pull is a full reset.
import { createHash } from 'node:crypto';
import type { Role } from '../../src/shared/identity';

export interface ViewUser {
  id: string;
  role: Role;
}

/** 11 base64url characters (66 bits): short for the cookie, collisions practically never. */
export function viewFingerprint(users: readonly ViewUser[]): string {
  const lines = users.map((user) => `${user.id}:${user.role}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('base64url').slice(0, 11);
}
