// Enrolling and signing in start a sync round at once (src/sync/identity.ts), without relying
// on the device watch in start-sync.ts, which can miss an enrolment saved before its first
// result (seen in the benchmark: a device set up from the QR link sat without data for minutes).
// The trigger is a dependency (`IdentityDeps.requestSync`); the world counts its calls.
import { expect, it } from 'vitest';
import { describeEachDialect } from '../server/support/test-database';
import { useSyncWorld } from './sync-world';

describeEachDialect('identity starts a sync', (dialect) => {
  const world = useSyncWorld(dialect);

  it('after an enrolment, and after a sign-in', async () => {
    const w = world(); // the world enrols its device through enrolDevice
    expect(w.syncRequests).toBe(1);
    await w.person('Erika');
    await w.signIn(w.device, 'Erika');
    expect(w.syncRequests).toBe(2);
  });

  it('not after a sign-in the server refuses', async () => {
    const w = world();
    await w.person('Erika');
    await expect(w.signIn(w.device, 'Erika', '9999')).rejects.toThrow();
    expect(w.syncRequests).toBe(1);
  });
});
