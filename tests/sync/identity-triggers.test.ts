// Enrolling and signing in start a sync round at once (src/sync/identity.ts), without relying
// on the device watch in start-sync.ts, which can miss an enrolment saved before its first
// result (seen in the benchmark: a device set up from the QR link sat without data for minutes).
import { expect, it, vi } from 'vitest';
import { requestSync } from '../../src/sync/start-sync';
import { describeEachDialect } from '../server/support/test-database';
import { useSyncWorld } from './sync-world';

vi.mock('../../src/sync/start-sync', () => ({ requestSync: vi.fn() }));

describeEachDialect('identity starts a sync', (dialect) => {
  const world = useSyncWorld(dialect);

  it('after an enrolment, and after a sign-in', async () => {
    const w = world(); // the world enrols its device through enrolDevice
    expect(requestSync).toHaveBeenCalledTimes(1);
    await w.person('Erika');
    await w.signIn(w.device, 'Erika');
    expect(requestSync).toHaveBeenCalledTimes(2);
    vi.mocked(requestSync).mockClear();
  });
});
