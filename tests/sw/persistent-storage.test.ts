// Persistent storage is asked for where the browser offers it (iOS Safari 12 does not).
import { describe, expect, it, vi } from 'vitest';
import { requestPersistentStorage } from '../../src/sw/register';

describe('requestPersistentStorage', () => {
  it('asks once when storage is not yet persistent', async () => {
    const persist = vi.fn(async () => true);
    const storage = { persisted: async () => false, persist };
    expect(await requestPersistentStorage(storage)).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
  });

  it('does not ask again when it already is', async () => {
    const persist = vi.fn(async () => true);
    expect(await requestPersistentStorage({ persisted: async () => true, persist })).toBe(true);
    expect(persist).not.toHaveBeenCalled();
  });

  it('copes with browsers without the API or that refuse', async () => {
    expect(await requestPersistentStorage({})).toBe(false);
    const refusing = {
      persisted: async () => false,
      persist: async () => Promise.reject(new Error('no')),
    };
    expect(await requestPersistentStorage(refusing)).toBe(false);
  });
});
