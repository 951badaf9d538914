// The secrets of identity, without a database: PIN hashes, enrolment codes, device credentials
// and the Authorization header parser.
import { describe, expect, it } from 'vitest';
import {
  credentialMatches,
  hashDeviceCredential,
  newDeviceCredential,
  parseBearer,
} from '../../server/secrets/device-credential';
import {
  CODE_ALPHABET,
  hashEnrolmentCode,
  newEnrolmentCode,
  normaliseEnrolmentCode,
} from '../../server/secrets/enrolment-code';
import { hashPin, verifyPin } from '../../server/secrets/pin-hash';

describe('PIN hash', () => {
  it('is scrypt$N$r$p$salt$hash with a random salt, and verifies only the right PIN', async () => {
    const first = await hashPin('4711');
    const second = await hashPin('4711');
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('4711');
    expect(await verifyPin('4711', first)).toBe(true);
    expect(await verifyPin('4711', second)).toBe(true);
    expect(await verifyPin('4712', first)).toBe(false);
    expect(await verifyPin('', first)).toBe(false);
  });

  it('answers false, never throws, for malformed stored hashes', async () => {
    const good = await hashPin('1234');
    const [, , , , salt, hash] = good.split('$');
    for (const stored of [
      '',
      'plain',
      'bcrypt$16384$8$1$a$b',
      `scrypt$abc$8$1$${salt}$${hash}`,
      `scrypt$1000$8$1$${salt}$${hash}`, // N not a power of two
      `scrypt$1073741824$8$1$${salt}$${hash}`, // absurd memory
      `scrypt$16384$8$1$${salt}$`,
      `${good}$extra`,
    ]) {
      expect(await verifyPin('1234', stored), stored).toBe(false);
    }
  });
});

describe('enrolment code', () => {
  it('is three groups of four from an alphabet without look-alikes', () => {
    expect(CODE_ALPHABET).not.toMatch(/[0O1IL]/);
    const codes = Array.from({ length: 200 }, () => newEnrolmentCode());
    for (const { display, normalised } of codes) {
      expect(display).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      expect(display).not.toMatch(/[0O1IL]/);
      expect(normalised).toBe(display.replace(/-/g, ''));
    }
    expect(new Set(codes.map((code) => code.display)).size).toBe(codes.length);
  });

  it('forgives case, spaces and dashes, and rejects what cannot be a code', () => {
    expect(normaliseEnrolmentCode(' k7qm-3xpa hw9d ')).toBe('K7QM3XPAHW9D');
    expect(normaliseEnrolmentCode('K7QM3XPAHW9D')).toBe('K7QM3XPAHW9D');
    for (const garbage of ['', 'K7QM-3XPA', 'K7QM-3XPA-HW9D-X', 'K7QM-3XPA-HW90', 'ÄÖÜ-ÄÖÜ-ÄÖÜ']) {
      expect(normaliseEnrolmentCode(garbage), garbage).toBeUndefined();
    }
  });

  it('is hashed with SHA-256', () => {
    expect(hashEnrolmentCode('K7QM3XPAHW9D')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEnrolmentCode('K7QM3XPAHW9D')).not.toBe(hashEnrolmentCode('K7QM3XPAHW9E'));
  });
});

describe('device credential', () => {
  it('is 32 random bytes in base64url, matched against its SHA-256 only', () => {
    const credential = newDeviceCredential();
    expect(credential).toMatch(/^[\w-]{43}$/);
    expect(Buffer.from(credential, 'base64url')).toHaveLength(32);
    expect(newDeviceCredential()).not.toBe(credential);
    const stored = hashDeviceCredential(credential);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(credentialMatches(credential, stored)).toBe(true);
    expect(credentialMatches(newDeviceCredential(), stored)).toBe(false);
    expect(credentialMatches(credential, 'not-hex')).toBe(false);
  });

  it('is read from `Bearer <deviceId>.<credential>` and nothing else', () => {
    const credential = newDeviceCredential();
    const id = '2f1c7a4e-9a4b-4d0e-8f39-5c1d2b3a4e5f';
    expect(parseBearer(`Bearer ${id}.${credential}`)).toEqual({ deviceId: id, credential });
    expect(parseBearer(`bearer ${id}.${credential}`)).toEqual({ deviceId: id, credential });
    for (const header of [
      undefined,
      42,
      ['Bearer', 'x'],
      '',
      'Bearer',
      'Bearer ',
      `Basic ${id}.${credential}`,
      `Bearer ${id}`,
      `Bearer ${id}.`,
      `Bearer .${credential}`,
      `Bearer ${id}.${credential}.x`,
      `Bearer ${id}.${credential}=`,
      `Bearer ${'a'.repeat(65)}.${credential}`,
      `Bearer ${id}.${'a'.repeat(129)}`,
      `Bearer ${id}\u0000.${credential}`,
    ]) {
      expect(parseBearer(header), String(header)).toBeUndefined();
    }
  });
});
