// Person-session credentials (issue 7): `<sessionId>.<secret>`, handed to the device once at
// sign-in, sent back in the `X-Person-Sessions` header (comma-separated, one per person whose
// changes or entries the device handles). The secret is 32 random bytes like a device
// credential, so the same fast hash and constant-time check serve (device-credential.ts).
import { MAX_PERSON_SESSIONS } from '../../src/shared/identity';

export interface PersonSessionToken {
  sessionId: string;
  secret: string;
}

const TOKEN = /^([0-9A-Za-z-]{1,64})\.([0-9A-Za-z_-]{16,128})$/;

/**
 * The tokens of an `X-Person-Sessions` header; undefined when the header is malformed (a token
 * of the wrong shape, or more than MAX_PERSON_SESSIONS). No header is no tokens. Duplicates
 * count once.
 */
export function parsePersonSessions(header: unknown): PersonSessionToken[] | undefined {
  if (header === undefined) return [];
  if (typeof header !== 'string') return undefined;
  const parts = header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length > MAX_PERSON_SESSIONS) return undefined;
  const tokens = new Map<string, PersonSessionToken>();
  for (const part of parts) {
    const match = TOKEN.exec(part);
    if (!match?.[1] || !match[2]) return undefined;
    tokens.set(match[1], { sessionId: match[1], secret: match[2] });
  }
  return [...tokens.values()];
}
