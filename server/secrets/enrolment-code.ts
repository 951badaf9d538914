// One-time enrolment codes: read aloud or copied from paper by people who may be 80, so they
// are three groups of four from an alphabet without look-alikes (no 0/O, 1/I/L). 31 symbols
// ^ 12 ≈ 2^59: far beyond guessing through a rate-limited endpoint within the 7 days a code
// lives. The server stores only the SHA-256 of the normalised code; a fast hash is enough for a
// random secret of this size that is single use and short-lived.
import { createHash, randomInt } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;
export const CODE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface NewCode {
  /** As shown to people, e.g. `K7QM-3XPA-HW9D`. */
  display: string;
  /** What gets hashed, e.g. `K7QM3XPAHW9D`. */
  normalised: string;
}

export function newEnrolmentCode(): NewCode {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    // randomInt is uniform (rejection sampling), unlike `byte % 31`.
    for (let i = 0; i < GROUP_LENGTH; i++) group += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    groups.push(group);
  }
  return { display: groups.join('-'), normalised: groups.join('') };
}

/**
 * The canonical form of what someone typed: upper case, without spaces and dashes. Returns
 * undefined when it cannot be a code at all, so garbage never reaches the database.
 */
export function normaliseEnrolmentCode(typed: string): string | undefined {
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== GROUPS * GROUP_LENGTH) return undefined;
  return [...code].every((char) => CODE_ALPHABET.includes(char)) ? code : undefined;
}

export function hashEnrolmentCode(normalised: string): string {
  return createHash('sha256').update(normalised).digest('hex');
}
