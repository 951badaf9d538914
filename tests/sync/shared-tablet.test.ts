// A shared tablet at the storefront (DESIGN.md §3): enrolled once, several people sign in one
// after another with name + PIN; each change keeps its author, and signing out never strands
// or deletes what is not sent yet. Real client code against the real server app.
import { expect, it } from 'vitest';
import { readCalls } from '../../src/db/call-queries';
import { saveCall } from '../../src/db/calls';
import { readDevice, readSession, signOut } from '../../src/db/identity';
import { pendingSummary } from '../../src/db/outbox';
import { listDeviceUsers, signIn } from '../../src/sync/identity';
import { describeEachDialect } from '../server/support/test-database';
import { aCall, serverCalls, useSyncWorld } from './sync-world';

describeEachDialect('a shared tablet', (dialect) => {
  const world = useSyncWorld(dialect);

  it('two people one after another: both authors’ entries are delivered, sign-out deletes nothing', async () => {
    const w = world();
    const anna = await w.person('Anna');
    const bernd = await w.person('Bernd', '2468');
    expect((await listDeviceUsers(w.deps(w.device))).map((user) => user.name)).toEqual([
      'Anna',
      'Bernd',
    ]);
    await w.signIn(w.device, 'Anna');
    const session = await readSession(w.device);
    await saveCall(w.device, aCall('Von Anna'), { author: session?.userId ?? '', now: 1 });
    await signOut(w.device); // offline, before anything was sent
    expect(await readSession(w.device)).toBeNull();
    expect((await pendingSummary(w.device)).count).toBe(1);
    await w.signIn(w.device, 'Bernd', '2468');
    await saveCall(w.device, aCall('Von Bernd'), { author: bernd, now: 2 });
    expect(await w.sync()).toMatchObject({ status: 'synced', pushed: 2, waiting: 0 });
    expect((await serverCalls(w.server)).map((row) => [row.partner, row.author_user_id])).toEqual([
      ['Von Anna', anna],
      ['Von Bernd', bernd],
    ]);
    expect((await readCalls(w.device, anna)).map((call) => call.state)).toEqual(['delivered']);
    expect((await readCalls(w.device, bernd)).map((call) => call.state)).toEqual(['delivered']);
  });

  it('a wrong PIN is refused without touching the enrolment or the person signed in', async () => {
    const w = world();
    await w.person('Anna');
    await w.signIn(w.device, 'Anna');
    await expect(signIn('Anna', '0000', w.deps(w.device))).rejects.toMatchObject({
      status: 401,
      code: 'sign_in_failed',
    });
    expect(await readDevice(w.device)).toMatchObject({ needsEnrolment: false });
    expect(await readSession(w.device)).toMatchObject({ name: 'Anna' });
  });

  it('signing in without an enrolment sends nothing and says why', async () => {
    const w = world();
    const fresh = w.openDevice();
    await expect(signIn('Anna', '4711', w.deps(fresh))).rejects.toMatchObject({
      kind: 'not-enrolled',
    });
  });
});
