// What a tablet reports about itself (issue 10): every authenticated pull and push carries
// `X-Outbox-Waiting` (the rows in its outbox) next to `X-App-Version`, and the server keeps the
// last values and when a push last delivered something, for the staff's device list. The real
// client sync against the real server, on SQLite and PostgreSQL.
import { expect, it } from 'vitest';
import { saveEntry } from '../../src/db/entries';
import { OUTBOX_WAITING_HEADER } from '../../src/shared/identity';
import { APP_VERSION, type FetchLike } from '../../src/sync/transport';
import { describeEachDialect } from '../server/support/test-database';
import { callValues } from '../support/entry-builders';
import { useSyncWorld } from './sync-world';

/** The `X-Outbox-Waiting` of every request, by path, in order; requests go on unchanged. */
function recordWaiting() {
  const sent: { path: string; waiting: string | null }[] = [];
  const fetchImpl: FetchLike = (input, init) => {
    const path = new URL(input).pathname.replace('/api/v1', '');
    sent.push({ path, waiting: new Headers(init?.headers).get(OUTBOX_WAITING_HEADER) });
    return fetch(input, init);
  };
  return { sent, fetch: fetchImpl };
}

describeEachDialect('device report', (dialect) => {
  const world = useSyncWorld(dialect);

  const deviceRow = async () => {
    const rows = await world()
      .server.selectFrom('devices')
      .select(['app_version', 'waiting_count', 'last_delivered_at', 'last_seen_at'])
      .execute();
    expect(rows).toHaveLength(1);
    return rows[0];
  };

  it('sends the outbox count with pull and push; the server keeps the last one', async () => {
    const { device } = world();
    await world().person('Erika M.');
    const erika = await world().signIn(device, 'Erika M.');
    for (let i = 0; i < 3; i++) {
      await saveEntry(device, 'call', callValues(`P${i}`), { author: erika, now: i });
    }
    const recorder = recordWaiting();
    await world().sync(device, recorder.fetch);
    // pull (3 waiting) → push (3 waiting while sent) → pull again (nothing waits any more).
    expect(recorder.sent).toEqual([
      { path: '/pull', waiting: '3' },
      { path: '/push', waiting: '3' },
      { path: '/pull', waiting: '0' },
    ]);
    const row = await deviceRow();
    expect(row).toMatchObject({ app_version: APP_VERSION, waiting_count: 0 });
    expect(row?.last_delivered_at).not.toBeNull();
  });

  it('a device that only pulls has delivered nothing, but reports what waits', async () => {
    const { device } = world();
    await world().person('Erika M.');
    const erika = await world().signIn(device, 'Erika M.');
    await saveEntry(device, 'call', callValues('P1'), { author: erika, now: 1 });
    // Erika signs out elsewhere: her session ends, so the row is held and not pushed.
    await world()
      .server.updateTable('person_sessions')
      .set({ revoked_at: new Date().toISOString() })
      .execute();
    await world().sync(device);
    const row = await deviceRow();
    expect(row).toMatchObject({ waiting_count: 1, last_delivered_at: null });
  });
});
