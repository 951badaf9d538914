// G9: the device clock off by a year either way changes nothing about sync. Device time is
// data (`occurredAt`, `createdAt`); order comes from server versions; the skew is flagged for
// the person ("die Uhr geht falsch"), never refused.
import { expect, it } from 'vitest';
import { saveEntry } from '../../src/db/entries';
import { readPullState } from '../../src/db/pull-state';
import { clockSkewHours } from '../../src/domain/entry-state';
import { syncOnce } from '../../src/sync/sync-once';
import { describeEachDialect } from '../server/support/test-database';
import { adviceValues, callValues } from '../support/entry-builders';
import { useSyncWorld } from './sync-world';

const YEAR = 365 * 24 * 60 * 60_000;

describeEachDialect('a device clock a year off', (dialect) => {
  const world = useSyncWorld(dialect);

  it.each([
    ['a year ahead', YEAR],
    ['a year behind', -YEAR],
  ])('%s: entries arrive in the order they were made, and the skew is flagged', async (_, skew) => {
    const w = world();
    await w.person('Erika');
    const erika = await w.signIn(w.device, 'Erika');
    const deviceNow = () => Date.now() + skew;
    // Made one after the other, but the second (an advice session) says it happened a day
    // earlier (typed in late).
    const first = await saveEntry(
      w.device,
      'call',
      callValues('Frau K.', { occurredAt: new Date(deviceNow()).toISOString() }),
      { author: erika, now: deviceNow() },
    );
    const second = await saveEntry(
      w.device,
      'advice',
      adviceValues({ occurredAt: new Date(deviceNow() - 86_400_000).toISOString() }),
      { author: erika, now: deviceNow() },
    );

    const result = await syncOnce({ ...w.deps(w.device), now: deviceNow });
    expect(result).toMatchObject({ status: 'synced', pushed: 2, waiting: 0 });

    const rows = await w.server
      .selectFrom('entries')
      .select(['id', 'occurred_at', 'version'])
      .orderBy('version')
      .execute();
    // Stored as sent (data), ordered by the server (versions), not by device time.
    expect(rows.map((row) => [row.id, row.occurred_at])).toEqual([
      [first.id, first.occurredAt],
      [second.id, second.occurredAt],
    ]);
    const entries = await w.device.entries.orderBy('id').toArray();
    expect(entries.map((entry) => entry.state)).toEqual(['delivered', 'delivered']);

    const pull = await readPullState(w.device);
    expect(pull).toBeDefined();
    expect(clockSkewHours(pull!.pulledAt, pull!.serverTime)).toBeCloseTo(8760, -1);
  });
});
