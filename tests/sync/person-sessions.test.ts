// People on the device (issue 7), real client code against the real server app on SQLite and
// PostgreSQL: signing in offline against the PIN verifier and its limit, a revoked device
// forgetting every token and verifier, changes of someone without a session waiting (never
// sent, never refused) until that person signs in again, sessions the server calls invalid,
// and the public pull of a device that never enrolled.
import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../src/db/db';
import { saveEntry } from '../../src/db/entries';
import { readAttention } from '../../src/db/entry-queries';
import { clearCurrentPerson, readDevice, readSession, signOut } from '../../src/db/device-identity';
import { pendingSummary } from '../../src/db/outbox';
import { readHeldOutbox, readSessionTokens, sessionIdOf } from '../../src/db/people';
import { readPullState } from '../../src/db/pull-state';
import { deviceAuthorization } from '../../src/shared/identity';
import { OfflineSignInError, signIn } from '../../src/sync/identity-requests';
import { pushOutbox, sendablePrefix } from '../../src/sync/push';
import { syncRound } from '../../src/sync/start-sync';
import { syncOnce } from '../../src/sync/sync-once';
import type { FetchLike } from '../../src/sync/transport';
import { DEMO_QUARTER } from '../../server/demo/demo-facts';
import { seedDemoData } from '../../server/demo/seed';
import { revokeDevice } from '../../server/repos/device.repo';
import { revokePersonSession } from '../../server/repos/person-session.repo';
import { describeEachDialect } from '../server/support/test-database';
import { callValues } from '../support/entry-builders';
import { offline, recordPushes, serverCalls, useSyncWorld } from './sync-world';

describeEachDialect('signing in offline', (dialect) => {
  const world = useSyncWorld(dialect);

  it('the right PIN signs in a person who signed in here online before; a wrong one is refused', async () => {
    const w = world();
    const erika = await w.person('Erika M.');
    await w.person('Hans');
    await w.signIn(w.device, 'Erika M.');
    await clearCurrentPerson(w.device);
    expect(await w.signInOffline(w.device, 'erika  m.')).toBe(erika);
    expect(await readSession(w.device)).toMatchObject({ userId: erika, name: 'Erika M.' });
    await clearCurrentPerson(w.device);
    await expect(w.signInOffline(w.device, 'Erika M.', '1358')).rejects.toMatchObject({
      reason: 'wrong',
      left: 4,
    });
    expect(await readSession(w.device)).toBeNull();
    // Hans exists on the server but never signed in on this tablet: no offline sign-in.
    await expect(w.signInOffline(w.device, 'Hans')).rejects.toMatchObject({ reason: 'unknown' });
    // Signing out (not just leaving the screen to the next person) forgets her here (issue 11):
    // with nothing of hers waiting, no offline sign-in is left.
    expect(await w.signInOffline(w.device, 'Erika M.')).toBe(erika);
    await signOut(w.device);
    await expect(w.signInOffline(w.device, 'Erika M.')).rejects.toMatchObject({
      reason: 'unknown',
    });
  });

  it('a reverse proxy answering 502/504 for the stopped server counts as offline; 429 does not', async () => {
    const w = world();
    const erika = await w.person('Erika');
    await w.signIn(w.device, 'Erika');
    await clearCurrentPerson(w.device);
    const answering =
      (status: number): FetchLike =>
      async () =>
        Response.json({ error: 'x', message: 'y' }, { status });
    for (const status of [502, 503, 504]) {
      expect((await signIn('Erika', '4711', w.deps(w.device, answering(status)))).userId).toBe(
        erika,
      );
      await clearCurrentPerson(w.device);
    }
    await expect(signIn('Erika', '4711', w.deps(w.device, answering(429)))).rejects.toMatchObject({
      status: 429,
    });
    expect(await readSession(w.device)).toBeNull();
  });

  it('after 5 wrong PINs offline the verifier is gone: the next sign-in must be online', async () => {
    const w = world();
    await w.person('Erika');
    await w.signIn(w.device, 'Erika');
    await clearCurrentPerson(w.device);
    for (let i = 0; i < 4; i++) {
      await expect(w.signInOffline(w.device, 'Erika', '1358')).rejects.toMatchObject({
        reason: 'wrong',
      });
    }
    await expect(w.signInOffline(w.device, 'Erika', '1358')).rejects.toMatchObject({
      reason: 'locked',
    });
    const error = await w.signInOffline(w.device, 'Erika').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfflineSignInError);
    expect(error).toMatchObject({ reason: 'unknown' });
    // Her token stays (her changes still go out); online she signs in again, and offline too.
    expect((await readSessionTokens(w.device)).size).toBe(1);
    await w.signIn(w.device, 'Erika');
    await clearCurrentPerson(w.device);
    expect(await w.signInOffline(w.device, 'Erika')).toEqual(expect.any(String));
  });

  it('a 401 wipes every token and PIN verifier and keeps the outbox with its authors’ names', async () => {
    const w = world();
    const erika = await w.person('Erika');
    await w.person('Hans');
    await w.signIn(w.device, 'Hans');
    await w.signIn(w.device, 'Erika');
    await saveEntry(w.device, 'call', callValues('Frau K.'), { author: erika, now: 1 });
    await revokeDevice(w.server, (await readDevice(w.device))?.deviceId ?? '');
    expect(await w.sync()).toEqual({ status: 'needs-enrolment' });
    expect(
      (await w.device.people.toArray()).map((person) => [
        person.name,
        person.session,
        person.verifier,
      ]),
    ).toEqual([['Erika', null, null]]); // Hans has nothing waiting: nothing of him stays
    expect((await pendingSummary(w.device)).count).toBe(1);
    await w.enrol(w.device);
    await expect(w.signInOffline(w.device, 'Erika')).rejects.toMatchObject({ reason: 'unknown' });
    // Online, Erika signs in on the re-enrolled tablet and her waiting call goes out.
    await w.signIn(w.device, 'Erika');
    expect(await w.sync()).toMatchObject({ status: 'synced', pushed: 1, waiting: 0 });
    expect((await serverCalls(w.server)).map((row) => row.author_user_id)).toEqual([erika]);
  });
});

describeEachDialect('changes of someone without a session on the device', (dialect) => {
  const world = useSyncWorld(dialect);

  it('wait — not sent, not refused — and go out once that person signs in again', async () => {
    const w = world();
    const erika = await w.person('Erika');
    const hans = await w.person('Hans');
    await w.signIn(w.device, 'Erika');
    // Hans's change from before the app update: this device holds no session of his.
    await saveEntry(w.device, 'call', callValues('Von Erika 1'), { author: erika, now: 1 });
    await saveEntry(w.device, 'call', callValues('Von Hans'), { author: hans, now: 2 });
    await saveEntry(w.device, 'call', callValues('Von Erika 2'), { author: erika, now: 3 });
    const { pushes, fetch: recording } = recordPushes();
    expect(await w.sync(w.device, recording)).toMatchObject({
      status: 'synced',
      pushed: 1,
      waiting: 2,
      held: 2,
    });
    expect(pushes).toEqual([[1]]);
    expect(await readHeldOutbox(w.device)).toMatchObject({ userId: hans, rows: 2 });
    expect((await readAttention(w.device)).count).toBe(0);
    // Polling cannot send them: the scheduler is not told that changes wait.
    const round = syncRound({ db: w.device, fetch: recording, now: Date.now, baseUrl: w.baseUrl });
    expect(await round(new AbortController().signal)).toEqual({ ok: true, pending: false });
    expect(pushes).toEqual([[1]]);
    await w.signIn(w.device, 'Hans');
    expect(await w.sync(w.device, recording)).toMatchObject({
      status: 'synced',
      pushed: 2,
      waiting: 0,
      held: 0,
    });
    expect(pushes).toEqual([[1], [2, 3]]);
    expect((await serverCalls(w.server)).map((row) => [row.partner, row.author_user_id])).toEqual([
      ['Von Erika 1', erika],
      ['Von Erika 2', erika],
      ['Von Hans', hans],
    ]);
  });

  it('a session revoked on the server is forgotten at the next pull; its changes wait for a new sign-in', async () => {
    const w = world();
    const erika = await w.person('Erika');
    await w.signIn(w.device, 'Erika');
    const token = (await readSessionTokens(w.device)).get(erika) ?? '';
    await w.sync();
    expect(await revokePersonSession(w.server, sessionIdOf(token))).toBe('revoked');
    await saveEntry(w.device, 'call', callValues('Nach dem Widerruf'), { author: erika, now: 1 });
    const { pushes, fetch: recording } = recordPushes();
    expect(await w.sync(w.device, recording)).toMatchObject({ status: 'synced', held: 1 });
    expect(pushes).toEqual([]);
    expect(await readSessionTokens(w.device)).toEqual(new Map());
    expect(await w.device.people.get(erika)).toMatchObject({ session: null, verifier: null });
    expect(await readSession(w.device)).toBeNull(); // she was signed in under it: signed out
    await expect(w.signInOffline(w.device, 'Erika')).rejects.toMatchObject({ reason: 'unknown' });
    await w.signIn(w.device, 'Erika');
    expect(await w.sync(w.device, recording)).toMatchObject({ status: 'synced', waiting: 0 });
    expect((await serverCalls(w.server)).map((row) => row.author_user_id)).toEqual([erika]);
  });

  it('a session revoked between pull and push: nothing applied, the device forgets it, the change waits', async () => {
    const w = world();
    const erika = await w.person('Erika');
    await w.signIn(w.device, 'Erika');
    const token = (await readSessionTokens(w.device)).get(erika) ?? '';
    await saveEntry(w.device, 'call', callValues('A'), { author: erika, now: 1 });
    const revokeBeforePush: FetchLike = async (input, init) => {
      if (input.endsWith('/push')) await revokePersonSession(w.server, sessionIdOf(token));
      return fetch(input, init);
    };
    const enrolled = await readDevice(w.device);
    const authorization = deviceAuthorization(enrolled?.deviceId ?? '', enrolled?.credential ?? '');
    const result = await pushOutbox({
      db: w.device,
      fetch: revokeBeforePush,
      authorization,
      baseUrl: w.baseUrl,
    });
    // The server refused the whole batch (403 not_signed_in) and named the ended session.
    expect(result).toMatchObject({ sent: 0, held: true });
    expect(await readSessionTokens(w.device)).toEqual(new Map());
    expect(await serverCalls(w.server)).toEqual([]);
    // Nothing is lost or marked for attention: the change waits until Erika signs in again.
    expect((await readAttention(w.device)).count).toBe(0);
    expect(await w.device.outbox.count()).toBe(1);
    await w.signIn(w.device, 'Erika');
    expect(await w.sync()).toMatchObject({ status: 'synced', waiting: 0 });
    expect((await serverCalls(w.server)).map((row) => row.author_user_id)).toEqual([erika]);
  });
});

describeEachDialect('a first visit', (dialect) => {
  const world = useSyncWorld(dialect, {
    seed: (server) => seedDemoData(server, new Date('2026-11-25T10:00:00Z')),
  });

  it('a device that never enrolled pulls the catalogue and opening hours publicly', async () => {
    const w = world();
    const fresh = w.openDevice();
    expect(await syncOnce(w.deps(fresh))).toEqual({ status: 'needs-enrolment' });
    expect(await fresh.themes.count()).toBe(5);
    expect(await fresh.activities.count()).toBe(18);
    expect(await fresh.storefronts.count()).toBe(1);
    expect(await fresh.entries.count()).toBe(0);
    expect(await readPullState(fresh)).toMatchObject({ quarterId: DEMO_QUARTER.id });
    // Offline later, it keeps them.
    await expect(syncOnce(w.deps(fresh, offline))).rejects.toMatchObject({ kind: 'network' });
    expect(await fresh.activities.count()).toBe(18);
  });

  it('enrolled later in another quarter, it takes that quarter’s data (a reset with a lower head)', async () => {
    const w = world(); // its device is enrolled in the test quarter, created after the demo one
    const fresh = w.openDevice();
    await syncOnce(w.deps(fresh));
    const demoHead = (await readPullState(fresh))?.head ?? 0;
    expect(demoHead).toBeGreaterThan(0);
    await w.enrol(fresh);
    expect(await syncOnce(w.deps(fresh))).toMatchObject({ status: 'synced' });
    const state = await readPullState(fresh);
    expect(state?.quarterId).not.toBe(DEMO_QUARTER.id);
    expect(state?.head).toBeLessThan(demoHead);
    expect(await fresh.activities.count()).toBe(0);
  });

  it('signing in needs an enrolled device, online or not', async () => {
    const w = world();
    const fresh = w.openDevice();
    await syncOnce(w.deps(fresh));
    await expect(signIn('Erika', '4711', w.deps(fresh, offline))).rejects.toMatchObject({
      kind: 'not-enrolled',
    });
  });
});

describe('which rows a push batch may carry', () => {
  const row = (seq: number, author: string): OutboxRow => ({
    seq,
    name: 'call.create',
    v: 2,
    author,
    args: {},
    createdAt: seq,
  });

  it('stops before the first row whose author has no token, and sends those authors’ tokens', () => {
    const tokens = new Map([
      ['a', 'ta.x'],
      ['b', 'tb.x'],
    ]);
    const batch = sendablePrefix([row(1, 'a'), row(2, 'b'), row(3, 'c'), row(4, 'a')], tokens);
    expect(batch.rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(batch.sessions).toEqual(['ta.x', 'tb.x']);
    expect(sendablePrefix([row(1, 'c'), row(2, 'a')], tokens).rows).toEqual([]);
  });

  it('carries at most 20 authors (the server’s limit per request); the rest goes next', () => {
    const authors = Array.from({ length: 22 }, (_, i) => `u${i}`);
    const tokens = new Map(authors.map((author) => [author, `${author}.x`]));
    const batch = sendablePrefix(
      authors.map((author, i) => row(i + 1, author)),
      tokens,
    );
    expect(batch.rows).toHaveLength(20);
    expect(batch.sessions).toHaveLength(20);
  });
});
