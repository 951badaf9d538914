// The week's figures as the database sums them (entries' `fig_*` columns, grouped) are the
// same numbers as counting entry by entry over their fields (summarizeEntries), on SQLite and
// PostgreSQL: entries of every kind pushed through the real app, including a deleted call, an
// activity no longer in the catalogue, a call not reached, a walk still being recorded, a
// walk whose start and distance were changed later, and a call partner (never counted).
import { expect, it } from 'vitest';
import { summarizeEntries } from '../../src/domain/entry-figures';
import { isoWeekSpan, parseIsoWeekId } from '../../src/domain/iso-week';
import { readFigureCatalogue, readRangeEntries } from '../../server/repos/staff-week.repo';
import { rangeFigures } from '../../server/sync/range-figures';
import { QUARTER } from './support/fixtures';
import {
  adviceArgs,
  callCreateV3,
  entryCreate,
  entryDelete,
  entryUpdate,
  observationArgs,
  partnerArgs,
  partnerCallArgs,
  walkArgs,
} from './support/entry-mutations';
import { berlin, useStaffWeekWorld } from './support/staff-week-world';
import { describeEachDialect } from './support/test-database';

const A1 = { id: 'a1', name: 'Bewegungstreff', themeName: 'Fit fürs Alter' };
const GONE = { id: 'a-gone', name: 'Schachtreff', themeName: 'Alt' };

describeEachDialect("the week's figures from grouped rows", (dialect) => {
  const world = useStaffWeekWorld(dialect);

  it('are the numbers counting entry by entry gives', async () => {
    const { db, tablet, phone, shop, next, pushOk, erika, anna } = world();
    const at = (time: string) => berlin('2026-11-25', time);
    const call = (id: string, time: string, reached: boolean, activity: unknown, minutes = 10) =>
      callCreateV3(next(tablet), erika, {
        ...partnerCallArgs(id, null, { occurredAt: at(time), reached, durationMinutes: minutes }),
        activity: activity as typeof A1,
        concern: id === 'c-concern',
      });
    await pushOk(tablet, [
      call('c-reached', '09:00', true, A1, 25),
      call('c-not-reached', '09:10', false, A1, 2),
      call('c-gone', '09:20', true, GONE, 15),
      call('c-none', '09:30', true, null, 7),
      call('c-concern', '09:40', false, null, 0),
      call('c-deleted', '09:50', true, A1, 40),
      entryCreate(
        'walk',
        next(tablet),
        erika,
        walkArgs('w-ended', {
          occurredAt: at('10:00'),
          endedAt: at('11:15'),
          walkingSeconds: 1800,
          activity: A1,
        }),
      ),
      entryCreate(
        'walk',
        next(tablet),
        erika,
        walkArgs('w-recording', {
          occurredAt: at('14:00'),
          endedAt: null,
          walkingSeconds: 1234,
          participants: 5,
          activity: GONE,
        }),
      ),
      entryCreate('observation', next(tablet), erika, {
        ...observationArgs('o1', 'w-ended'),
        occurredAt: at('10:30'),
      }),
    ]);
    await pushOk(phone, [
      entryCreate('advice', next(phone), erika, {
        ...adviceArgs('adv-1', { occurredAt: at('12:00'), durationMinutes: 45 }),
      }),
    ]);
    await pushOk(shop, [
      entryCreate('advice', next(shop), anna, {
        ...adviceArgs('adv-2', { occurredAt: at('13:00'), durationMinutes: 20, concern: true }),
      }),
      entryCreate('partner', next(shop), anna, {
        ...partnerArgs('p1', [erika]),
        occurredAt: at('08:00'),
      }),
    ]);
    await pushOk(tablet, [
      entryDelete('call', next(tablet), erika, 'c-deleted'),
      // Moved half an hour later and longer: the columns follow the merged values.
      entryUpdate('walk', next(tablet), erika, 'w-ended', null, {
        occurredAt: at('10:30'),
        distanceMetres: 3100,
      }),
      entryUpdate('call', next(tablet), erika, 'c-none', null, { reached: false }),
    ]);

    const span = isoWeekSpan(parseIsoWeekId('2026-W48') ?? { monday: '' });
    const catalogue = await readFigureCatalogue(db, QUARTER.id);
    const byEntry = summarizeEntries(await readRangeEntries(db, QUARTER.id, span), catalogue);
    const grouped = await rangeFigures(db, QUARTER.id, span, catalogue);
    expect(grouped).toEqual(byEntry);

    // And the numbers are the ones meant, so the comparison is not of two empty weeks.
    expect(grouped.total).toMatchObject({
      callsReached: 2,
      callsNotReached: 3,
      walks: 2,
      adviceSessions: 2,
      observations: 1,
      concerns: 2,
      participants: 8 + 5,
      metresWalked: 3100 + 1200,
      volunteers: 2,
      // Calls 25 + 2 + 15 + 7 + 0 min, advice 45 + 20; walks 45 min (10:30–11:15, after the
      // move) and 1,234 s (still recording: its walking time).
      volunteerMinutes: Math.round(((49 + 65 + 45) * 60 + 1234) / 60),
    });
    const gone = grouped.activities.find((a) => a.id === 'a-gone');
    expect(gone).toMatchObject({ name: 'Schachtreff', inCatalogue: false, walks: 1 });
    expect(grouped.themes.find((t) => t.name === 'Alt')).toMatchObject({ id: null, walks: 1 });
    expect(grouped.withoutActivity).toMatchObject({ callsNotReached: 2, adviceSessions: 2 });
  });

  it('a month that starts and ends mid-week, and a call moved to the next week', async () => {
    const { db, tablet, next, pushOk, erika } = world();
    const call = (id: string, day: string, time: string) =>
      callCreateV3(next(tablet), erika, {
        ...partnerCallArgs(id, null, { occurredAt: berlin(day, time), durationMinutes: 10 }),
        activity: A1,
      });
    // 1 April 2026 is a Wednesday (ISO week 14), 1 May a Friday (week 18).
    await pushOk(tablet, [
      call('c-march', '2026-03-31', '23:59'),
      call('c-april-first', '2026-04-01', '00:00'),
      call('c-moved', '2026-04-02', '10:00'),
      call('c-april-last', '2026-04-30', '23:59'),
      call('c-may', '2026-05-01', '00:00'),
    ]);
    await pushOk(tablet, [
      entryUpdate('call', next(tablet), erika, 'c-moved', null, {
        occurredAt: berlin('2026-04-06', '00:00'),
      }),
    ]);
    const catalogue = await readFigureCatalogue(db, QUARTER.id);
    const both = async (span: { start: string; end: string }) => {
      const grouped = await rangeFigures(db, QUARTER.id, span, catalogue);
      const byEntry = summarizeEntries(await readRangeEntries(db, QUARTER.id, span), catalogue);
      expect(grouped).toEqual(byEntry);
      return grouped.total.callsReached;
    };
    const april = { start: berlin('2026-04-01', '00:00'), end: berlin('2026-05-01', '00:00') };
    expect(await both(april)).toBe(3);
    expect(await both(isoWeekSpan(parseIsoWeekId('2026-W14') ?? { monday: '' }))).toBe(2);
    expect(await both(isoWeekSpan(parseIsoWeekId('2026-W15') ?? { monday: '' }))).toBe(1);
    expect(await both(isoWeekSpan(parseIsoWeekId('2026-W18') ?? { monday: '' }))).toBe(2);
  });

  it('an empty week is all zeros either way', async () => {
    const { db } = world();
    const span = isoWeekSpan(parseIsoWeekId('2026-W10') ?? { monday: '' });
    const catalogue = await readFigureCatalogue(db, QUARTER.id);
    expect(await rangeFigures(db, QUARTER.id, span, catalogue)).toEqual(
      summarizeEntries([], catalogue),
    );
  });
});
