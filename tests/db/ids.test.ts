// Entry ids are UUID v4 built from getRandomValues (old Safari has no crypto.randomUUID).
import { expect, it } from 'vitest';
import { newId } from '../../src/db/ids';

it('formats 16 random bytes as a version-4 UUID', () => {
  const fixed = {
    getRandomValues: <T extends ArrayBufferView | null>(array: T) => {
      if (array instanceof Uint8Array) array.fill(0xff);
      return array;
    },
  };
  expect(newId(fixed)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  const ids = new Set(Array.from({ length: 1000 }, () => newId()));
  expect(ids.size).toBe(1000);
  for (const id of ids)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
