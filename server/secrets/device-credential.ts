// Device credentials: 32 random bytes (base64url), handed to the device once at enrolment.
// The server keeps only their SHA-256. A slow password hash would add nothing here: with 256
// bits of entropy nobody can guess the credential from its hash, and a fast hash keeps the check
// on every sync request cheap.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const CREDENTIAL_BYTES = 32;

export function newDeviceCredential(): string {
  return randomBytes(CREDENTIAL_BYTES).toString('base64url');
}

export function hashDeviceCredential(credential: string): string {
  return createHash('sha256').update(credential).digest('hex');
}

/** Constant-time comparison of a presented credential with a stored hash. */
export function credentialMatches(credential: string, storedHash: string): boolean {
  const actual = createHash('sha256').update(credential).digest();
  const expected = Buffer.from(storedHash, 'hex');
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}

export interface BearerToken {
  deviceId: string;
  credential: string;
}

// `Bearer <deviceId>.<credential>`: ids are UUIDs and credentials base64url, so neither has a
// dot. The strict pattern also keeps odd bytes and huge values away from the database.
const BEARER = /^Bearer +([0-9A-Za-z-]{1,64})\.([0-9A-Za-z_-]{16,128})$/i;

export function parseBearer(header: unknown): BearerToken | undefined {
  if (typeof header !== 'string') return undefined;
  const match = BEARER.exec(header.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return { deviceId: match[1], credential: match[2] };
}
