// PINs are hashed with scrypt (Node's built-in, memory-hard) and a random salt, stored as
// `scrypt$N$r$p$salt$hash` so the cost can be raised later without breaking old hashes.
// Honest limit: a PIN has 4–6 digits (older ones up to 8), so no hash makes a leaked table safe
// against offline guessing; scrypt only makes it slower. What protects PINs in practice is that
// sign-in needs an enrolled device credential, is rate-limited per address, and locks a name
// after 10 wrong PINs in a row (repos/sign-in-guard.repo.ts); trivial new PINs are refused
// (src/shared/pin-rules.ts). N = 2^14 keeps one check around 30–60 ms on a small server, which
// matters because a shared tablet signs people in all day.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST = { N: 2 ** 14, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuse stored parameters that would make one check eat the server (a tampered row). */
const MAX_MEMORY = 64 * 1024 * 1024;

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, KEY_BYTES, COST);
  const { N, r, p } = COST;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time check; false (never an exception) for a malformed stored hash. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || rest.length > 0) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (![cost.N, cost.r, cost.p].every((x) => Number.isSafeInteger(x) && x > 0)) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length === 0 || 128 * cost.N * cost.r > MAX_MEMORY) return false;
  try {
    const actual = await derive(pin, Buffer.from(salt, 'base64url'), expected.length, cost);
    return timingSafeEqual(actual, expected);
  } catch {
    return false; // e.g. N not a power of two: scrypt refuses the parameters
  }
}

function derive(pin: string, salt: Buffer, length: number, cost: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFC'), salt, length, { ...cost, maxmem: 2 * MAX_MEMORY }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}
