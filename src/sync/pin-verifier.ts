// The PIN verifier for signing in while offline (issue 7): PBKDF2-SHA-256 through WebCrypto,
// a random 16-byte salt, 100,000 iterations, 256 bits. Made after an online sign-in (the server
// accepted the PIN), checked on the device when the server cannot be reached. The hash is slow
// on purpose; what makes a short PIN safe is the limit of wrong tries (src/db/people.ts) and
// that a revoke wipes the verifier. WebCrypto exists on the browser floor (Safari 12.2,
// Chrome 71) but only in a secure context (https, localhost): without it there is no verifier,
// and offline sign-in is not offered. Loaded with the entry screens, not the first screen.
import type { PinVerifier, QuartiersbuchDb } from '../db/db';
import { recordOfflineAttempt } from '../db/people';

export const PIN_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

function subtle(): SubtleCrypto | undefined {
  const crypto = (globalThis as { crypto?: Crypto }).crypto;
  return crypto?.subtle && typeof crypto.getRandomValues === 'function' ? crypto.subtle : undefined;
}

async function derive(
  crypto: SubtleCrypto,
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.importKey(
    'raw',
    new TextEncoder().encode(pin),
    { name: 'PBKDF2' },
    false,
    ['deriveBits'],
  );
  const bits = await crypto.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

/** A verifier for `pin`, or null where the browser has no WebCrypto (or it fails). */
export async function makePinVerifier(pin: string): Promise<PinVerifier | null> {
  const crypto = subtle();
  if (!crypto) return null;
  try {
    const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
    const hash = await derive(crypto, pin, salt, PIN_ITERATIONS);
    return { salt: toBase64(salt), iterations: PIN_ITERATIONS, hash: toBase64(hash) };
  } catch {
    return null;
  }
}

/** Whether `pin` matches; false without WebCrypto or for a malformed verifier. */
export async function checkPin(pin: string, verifier: PinVerifier): Promise<boolean> {
  const crypto = subtle();
  if (!crypto) return false;
  try {
    const expected = fromBase64(verifier.hash);
    const actual = await derive(crypto, pin, fromBase64(verifier.salt), verifier.iterations);
    return sameBytes(actual, expected);
  } catch {
    return false;
  }
}

/** Compares in time independent of where the bytes differ. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  }
  return difference === 0;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  bytes.forEach((byte) => (binary += String.fromCharCode(byte)));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * One offline PIN attempt of a person whose verifier the device holds (the sign-in without a
 * connection, and the screen lock): checked, then counted like every offline attempt.
 */
export async function attemptOfflinePin(
  db: QuartiersbuchDb,
  person: { userId: string; verifier: PinVerifier },
  pin: string,
  now: number,
): ReturnType<typeof recordOfflineAttempt> {
  const matches = await checkPin(pin, person.verifier);
  return recordOfflineAttempt(db, person.userId, person.verifier, matches, now);
}
