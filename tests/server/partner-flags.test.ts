// The flag after three unanswered calls as staff's week reads it (server/sync/partner-flags.ts:
// newest calls first, in windows of time going back, stopping when every partner is settled)
// must agree with the full count of partner-overview.ts — for partners called last week,
// years ago, never reached, reached in between, with a deleted call and a call "tomorrow"
// from a device whose clock is ahead. SQLite and PostgreSQL.
import { expect, it } from 'vitest';
import { flaggedPartnersOf } from '../../server/sync/partner-flags';
import { flaggedPartners } from '../../server/sync/partner-overview';
import { QUARTER } from './support/fixtures';
import {
  callCreateV3,
  entryCreate,
  entryDelete,
  partnerArgs,
  partnerCallArgs,
} from './support/entry-mutations';
import { berlin, STAFF_NOW, useStaffWeekWorld } from './support/staff-week-world';
import { describeEachDialect } from './support/test-database';

describeEachDialect('flagged call partners, newest calls first', (dialect) => {
  const world = useStaffWeekWorld(dialect);

  it('agrees with counting every call', async () => {
    const { db, shop, tablet, next, pushOk, anna, erika } = world();
    const partners = ['p-never', 'p-recent', 'p-ok', 'p-two', 'p-mixed', 'p-old', 'p-none'];
    await pushOk(
      shop,
      partners.map((id) =>
        entryCreate('partner', next(shop), anna, partnerArgs(id, [erika], { name: id })),
      ),
    );
    // [call id, partner, day, reached]
    const calls: [string, string, string, boolean][] = [
      // Never reached, over six years: every window back to the oldest call is read.
      ['n1', 'p-never', '2020-03-02', false],
      ['n2', 'p-never', '2023-07-10', false],
      ['n3', 'p-never', '2026-11-30', false],
      // Reached long ago, then three misses lately.
      ['r0', 'p-recent', '2019-05-06', true],
      ['r1', 'p-recent', '2026-10-01', false],
      ['r2', 'p-recent', '2026-11-10', false],
      ['r3', 'p-recent', '2026-11-28', false],
      ['o1', 'p-ok', '2026-11-20', false],
      ['o2', 'p-ok', '2026-11-27', true],
      ['t1', 'p-two', '2026-11-26', false],
      ['t2', 'p-two', '2026-11-29', false],
      // Missed, reached, then three misses (one of them "tomorrow": a clock ahead).
      ['m1', 'p-mixed', '2026-06-01', false],
      ['m2', 'p-mixed', '2026-07-01', true],
      ['m3', 'p-mixed', '2026-08-01', false],
      ['m4', 'p-mixed', '2026-11-29', false],
      ['m5', 'p-mixed', '2026-12-02', false],
      // Three misses years ago; the one that would make four was deleted.
      ['x1', 'p-old', '2021-01-04', false],
      ['x2', 'p-old', '2021-01-11', false],
      ['x3', 'p-old', '2021-01-18', false],
      ['x4', 'p-old', '2021-01-25', false],
    ];
    await pushOk(
      tablet,
      calls.map(([id, partner, day, reached]) =>
        callCreateV3(
          next(tablet),
          erika,
          partnerCallArgs(id, partner, { occurredAt: berlin(day, '10:00'), reached }),
        ),
      ),
    );
    await pushOk(tablet, [entryDelete('call', next(tablet), erika, 'x4')]);

    const quick = await flaggedPartnersOf(db, QUARTER.id, STAFF_NOW);
    const full = (await flaggedPartners(db, QUARTER.id)).map((p) => ({
      id: p.id,
      name: p.name,
      lastCallAt: p.lastCallAt,
      unansweredInARow: p.unansweredInARow,
    }));
    const byId = <T extends { id: string }>(list: T[]) =>
      [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(byId(quick)).toEqual(byId(full));
    expect(quick.map((p) => [p.id, p.unansweredInARow]).sort()).toEqual([
      ['p-mixed', 3],
      ['p-never', 3],
      ['p-old', 3],
      ['p-recent', 3],
    ]);
    expect(quick.find((p) => p.id === 'p-mixed')?.lastCallAt).toBe(berlin('2026-12-02', '10:00'));
  });

  it('has nothing to flag without partners or calls', async () => {
    const { db, shop, next, pushOk, anna, erika } = world();
    expect(await flaggedPartnersOf(db, QUARTER.id, STAFF_NOW)).toEqual([]);
    await pushOk(shop, [entryCreate('partner', next(shop), anna, partnerArgs('p1', [erika]))]);
    expect(await flaggedPartnersOf(db, QUARTER.id, STAFF_NOW)).toEqual([]);
  });
});
