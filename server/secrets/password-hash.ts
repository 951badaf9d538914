// Staff passwords (issue 10) are hashed with argon2id through @node-rs/argon2 (a maintained
// binding of the reference implementation), stored as its PHC string
// `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`, so the parameters travel with every hash and
// can be raised later without breaking old ones.
// Parameters: OWASP's first recommendation for argon2id — 19 MiB memory, 2 passes, 1 lane —
// which keeps one check at a few tens of milliseconds on a small server while making every
// guess of a leaked table cost that memory. Salts are 16 random bytes (the library's default).
// Unlike a PIN, a password of ≥ 10 characters (src/shared/staff/staff-session.ts) can resist
// offline guessing; sign-in is still limited per address and per name.
import { hash, verify } from '@node-rs/argon2';

/** 19 MiB, in KiB as the library counts. */
const MEMORY_KIB = 19_456;
const PASSES = 2;
const LANES = 1;
/** Refuse stored parameters that would make one check eat the server (a tampered row). */
const MAX_MEMORY_KIB = 256 * 1024;
const MAX_PASSES = 10;

const PHC =
  /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,3})\$[A-Za-z0-9+/]{11,64}\$[A-Za-z0-9+/]{16,128}$/;

/** The algorithm is the library's default, argon2id; the stored string says so (`$argon2id$`). */
export async function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), {
    memoryCost: MEMORY_KIB,
    timeCost: PASSES,
    parallelism: LANES,
  });
}

/**
 * True when `password` matches `stored`; false — never an exception — for a wrong password and
 * for a stored value that is not an argon2id hash within sane parameters.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = PHC.exec(stored);
  if (!match) return false;
  const [memory, passes, lanes] = match.slice(1, 4).map(Number) as [number, number, number];
  if (memory > MAX_MEMORY_KIB || passes > MAX_PASSES || lanes < 1 || passes < 1) return false;
  try {
    return await verify(stored, password.normalize('NFC'));
  } catch {
    return false;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Checks a password against a hash of a password nobody has, with the same parameters. Sign-in
 * calls it for unknown names and people without a password, so the answer takes as long as a
 * real check and its timing tells nothing about who exists.
 */
export async function verifyDecoyPassword(password: string): Promise<false> {
  decoy ??= hashPassword('decoy password that nobody has');
  await verifyPassword(password, await decoy);
  return false;
}
