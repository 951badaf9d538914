// Staff's Wochenübersicht through the real app on SQLite and PostgreSQL: entries pushed by an
// enrolled device land in the ISO week of their Berlin wall clock — across both daylight-saving
// switches and the turn of 2026 (week 53) into 2027 — beside the week before; deleted entries
// and call partners never count; an activity that left the catalogue still counts under its
// snapshot name; the week's walks come with their routes and observations. Staff of another
// quarter see none of it, and bad weeks are refused.
import { expect, it } from 'vitest';
import { listAudit } from '../../server/repos/audit.repo';
import { QUARTER } from './support/fixtures';
import {
  callCreateV3,
  entryCreate,
  entryDelete,
  observationArgs,
  partnerArgs,
  partnerCallArgs,
  trackPoints,
  walkArgs,
  walkTrack,
  adviceArgs,
} from './support/entry-mutations';
import { berlin, getWeek, staffRequest, useStaffWeekWorld } from './support/staff-week-world';
import { describeEachDialect } from './support/test-database';

const A1 = { id: 'a1', name: 'Bewegungstreff', themeName: 'Fit fürs Alter' };

describeEachDialect("staff's week", (dialect) => {
  const world = useStaffWeekWorld(dialect);

  /** Erika's calls, pushed from her tablet: `[id, occurredAt, reached]`. */
  async function calls(list: [string, string, boolean][], activity: unknown = A1) {
    const { tablet, next, pushOk, erika } = world();
    const answer = await pushOk(
      tablet,
      list.map(([id, occurredAt, reached]) =>
        callCreateV3(next(tablet), erika, {
          ...partnerCallArgs(id, null, { occurredAt, reached, durationMinutes: 10 }),
          activity: activity as typeof A1,
        }),
      ),
    );
    expect(answer.rejected).toEqual([]);
  }

  it('puts Monday 00:30 into its week and Sunday 23:30 into the week before (spring switch)', async () => {
    const { app, petraCookie } = world();
    await calls([
      ['mon-0030', berlin('2026-03-30', '00:30'), true],
      ['sun-2330', berlin('2026-03-29', '23:30'), false],
      ['sun-0330', berlin('2026-03-29', '03:30'), true],
      ['mon-w13', berlin('2026-03-23', '00:00'), true],
      ['next-mon', berlin('2026-04-06', '00:00'), true],
    ]);
    const w14 = await getWeek(app, petraCookie, '2026-W14');
    expect(w14.week).toMatchObject({
      id: '2026-W14',
      monday: '2026-03-30',
      sunday: '2026-04-05',
      start: '2026-03-29T22:00:00.000Z',
      previous: '2026-W13',
      next: '2026-W15',
    });
    expect(w14.figures.total).toMatchObject({ callsReached: 1, callsNotReached: 0 });
    expect(w14.previousFigures.total).toMatchObject({ callsReached: 2, callsNotReached: 1 });

    const w13 = await getWeek(app, petraCookie, '2026-W13');
    // 167 hours: the spring-forward week.
    expect(Date.parse(w13.week.end) - Date.parse(w13.week.start)).toBe(167 * 3_600_000);
    expect(w13.figures.total).toMatchObject({ callsReached: 2, callsNotReached: 1 });
    expect(w13.previousFigures.total.callsReached).toBe(0);
  });

  it('counts each kind across the autumn switch, with minutes, participants and metres', async () => {
    const { app, petraCookie, tablet, next, pushOk, erika } = world();
    const answer = await pushOk(tablet, [
      entryCreate(
        'walk',
        next(tablet),
        erika,
        walkArgs('w-mon', {
          occurredAt: berlin('2026-10-26', '00:30'),
          endedAt: berlin('2026-10-26', '02:00'),
          activity: A1,
        }),
      ),
      entryCreate(
        'observation',
        next(tablet),
        erika,
        observationArgs('o1', 'w-mon', { occurredAt: berlin('2026-10-26', '01:00') }),
      ),
      entryCreate(
        'advice',
        next(tablet),
        erika,
        adviceArgs('adv-sun', { occurredAt: berlin('2026-10-25', '23:30'), durationMinutes: 45 }),
      ),
      entryCreate(
        'advice',
        next(tablet),
        erika,
        adviceArgs('adv-fallback', { occurredAt: berlin('2026-10-25', '02:30') }),
      ),
    ]);
    expect(answer.rejected).toEqual([]);

    const w44 = await getWeek(app, petraCookie, '2026-W44');
    expect(w44.figures.total).toMatchObject({
      walks: 1,
      observations: 1,
      adviceSessions: 0,
      participants: 8,
      withWalkingAids: 2,
      metresWalked: 1200,
      // 00:30 to 02:00, pauses included
      volunteerMinutes: 90,
      volunteers: 1,
    });
    expect(w44.figures.activities.find((a) => a.id === 'a1')).toMatchObject({
      name: 'Bewegungstreff',
      ampel: 'green',
      walks: 1,
    });
    expect(w44.ampel).toEqual([
      { activityId: 'a1', ampel: 'green', condition: 'läuft weiter', asOf: null },
    ]);
    expect(w44.previousFigures.total).toMatchObject({ adviceSessions: 2, volunteerMinutes: 75 });

    const w43 = await getWeek(app, petraCookie, '2026-W43');
    // 169 hours: the fall-back week.
    expect(Date.parse(w43.week.end) - Date.parse(w43.week.start)).toBe(169 * 3_600_000);
    expect(w43.figures.total).toMatchObject({ adviceSessions: 2, walks: 0 });
  });

  it('has a week 53 in 2026 and begins 2027-W01 on 4 January', async () => {
    const { app, petraCookie } = world();
    await calls([
      ['new-year', berlin('2027-01-01', '12:00'), true],
      ['sun-w53', berlin('2027-01-03', '23:30'), true],
      ['mon-w01', berlin('2027-01-04', '00:30'), false],
      ['mon-w53', berlin('2026-12-28', '00:00'), true],
    ]);
    const w53 = await getWeek(app, petraCookie, '2026-W53');
    expect(w53.week).toMatchObject({
      monday: '2026-12-28',
      sunday: '2027-01-03',
      next: '2027-W01',
    });
    expect(w53.figures.total).toMatchObject({ callsReached: 3, callsNotReached: 0 });

    const w01 = await getWeek(app, petraCookie, '2027-W01');
    expect(w01.week).toMatchObject({ monday: '2027-01-04', previous: '2026-W53' });
    expect(w01.figures.total).toMatchObject({ callsReached: 0, callsNotReached: 1 });
    expect(w01.previousFigures.total).toMatchObject({ callsReached: 3, callsNotReached: 0 });
  });

  it('shows the current week of the server clock without ?week=, and refuses weeks that do not exist', async () => {
    const { app, petraCookie } = world();
    const current = await getWeek(app, petraCookie);
    expect(current.week.id).toBe('2026-W49');
    expect(current.loadedAt).toBe('2026-12-01T12:00:00.000Z');
    for (const week of ['2025-W53', '2026-W00', '2026-W54', 'Woche', '2026-W5', '2026-W489']) {
      const response = await staffRequest(app, petraCookie, 'GET', `/week?week=${week}`);
      expect(response.statusCode, week).toBe(400);
    }
  });

  it('never counts deleted entries or call partners; a departed activity counts by its snapshot', async () => {
    const { app, petraCookie, tablet, shop, next, pushOk, erika, anna } = world();
    const when = berlin('2026-11-25', '10:00');
    await calls([['gone-1', when, true]], { id: 'a-gone', name: 'Schachtreff', themeName: 'Alt' });
    await calls([
      ['kept', when, true],
      ['deleted', when, true],
    ]);
    await pushOk(tablet, [entryDelete('call', next(tablet), erika, 'deleted')]);
    await pushOk(shop, [
      entryCreate('partner', next(shop), anna, {
        ...partnerArgs('p1', [erika]),
        occurredAt: when,
      }),
    ]);
    const week = await getWeek(app, petraCookie, '2026-W48');
    expect(week.figures.total).toMatchObject({ callsReached: 2, volunteers: 1 });
    expect(
      week.figures.activities.map((a) => [a.id, a.name, a.inCatalogue, a.callsReached]),
    ).toEqual([
      ['a1', 'Bewegungstreff', true, 1],
      ['a-gone', 'Schachtreff', false, 1],
    ]);
    expect(week.figures.themes.map((t) => [t.id, t.name, t.callsReached])).toEqual([
      ['t1', 'Fit fürs Alter', 1],
      [null, 'Alt', 1],
    ]);
  });

  it("brings the week's walks with their routes, observations and guide", async () => {
    const { app, petraCookie, tablet, next, pushOk, erika } = world();
    const start = berlin('2026-11-25', '10:00');
    await pushOk(tablet, [
      entryCreate('walk', next(tablet), erika, walkArgs('w1', { occurredAt: start, activity: A1 })),
      walkTrack(next(tablet), erika, 'w1', 0, trackPoints(3)),
      walkTrack(next(tablet), erika, 'w1', 1, [{ ...trackPoints(1, 3)[0]!, gap: true }]),
      entryCreate('observation', next(tablet), erika, observationArgs('o1', 'w1')),
      // Made on the walk, but logged with a time in the next week: it still belongs to it.
      entryCreate(
        'observation',
        next(tablet),
        erika,
        observationArgs('o2', 'w1', { occurredAt: berlin('2026-12-02', '09:00') }),
      ),
      entryCreate(
        'walk',
        next(tablet),
        erika,
        walkArgs('w-other-week', { occurredAt: berlin('2026-12-02', '10:00') }),
      ),
    ]);
    const week = await getWeek(app, petraCookie, '2026-W48');
    expect(week.walks).toHaveLength(1);
    const walk = week.walks[0]!;
    expect(walk).toMatchObject({
      id: 'w1',
      authorName: 'Erika M.',
      activityName: 'Bewegungstreff',
      participants: 8,
      distanceMetres: 1200,
    });
    expect(walk.points).toEqual([
      { lat: 51.3262, lon: 6.5662 },
      { lat: 51.32621, lon: 6.5662 },
      { lat: 51.32622, lon: 6.5662 },
      { lat: 51.32623, lon: 6.5662, gap: true },
    ]);
    expect(walk.observations.map((o) => [o.id, o.category])).toEqual([
      ['o1', 'bench'],
      ['o2', 'bench'],
    ]);
  });

  it('shows staff of another quarter nothing of this one, and refuses devices', async () => {
    const { app, ottoCookie, petraCookie, tablet } = world();
    await calls([['c1', berlin('2026-11-25', '10:00'), true]]);
    const theirs = await getWeek(app, ottoCookie, '2026-W48');
    expect(theirs.figures.total.callsReached).toBe(0);
    expect(theirs.figures.activities).toEqual([]);
    expect(theirs.owners.map((o) => o.name)).toEqual(['Otto B.']);
    expect((await getWeek(app, petraCookie, '2026-W48')).figures.total.callsReached).toBe(1);

    const asDevice = await app.inject({
      method: 'GET',
      url: '/api/v1/staff/week',
      headers: { authorization: tablet.authorization, cookie: petraCookie },
    });
    expect(asDevice.statusCode).toBe(403);
    const signedOut = await app.inject({ method: 'GET', url: '/api/v1/staff/week' });
    expect(signedOut.statusCode).toBe(401);
    // Reading the week changes nothing; this one shows no name, note or route either, so it
    // leaves no line at all (reads that do: read-audit.test.ts).
    const lines = await listAudit(world().db, QUARTER.id);
    expect(lines.filter((l) => !l.action.startsWith('staff.'))).toEqual([]);
  });
});
