// The figures staff see for a week and funders for a month: counts per kind, participants,
// volunteer time and distance, per theme and per activity — including activities that have
// left the catalogue since, and never partners.
import { describe, expect, it } from 'vitest';
import { walkVolunteerSeconds } from '../../src/domain/entry-figure-values';
import {
  summarizeEntries,
  type FigureCatalogue,
  type FigureEntry,
} from '../../src/domain/entry-figures';

const catalogue: FigureCatalogue = {
  themes: [
    { id: 't2', number: 2, name: 'Bewegung' },
    { id: 't1', number: 1, name: 'Begegnung' },
  ],
  activities: [
    { id: 'walkA', name: 'Stadtspaziergang', themeId: 't2', ampel: 'yellow' },
    { id: 'phone', name: 'Begegnungstelefon', themeId: 't1', ampel: 'green' },
    { id: 'idle', name: 'Kaffeerunde', themeId: 't1', ampel: 'red' },
  ],
};

const phone = { id: 'phone', name: 'Telefon (alt)', themeName: 'Begegnung' };
const walkA = { id: 'walkA', name: 'Stadtspaziergang', themeName: 'Bewegung' };

function entry(kind: string, fields: Record<string, unknown>, extra: Partial<FigureEntry> = {}) {
  return {
    kind,
    occurredAt: '2026-11-24T10:00:00.000Z',
    concern: false,
    authorUserId: 'u1',
    fields,
    ...extra,
  } satisfies FigureEntry;
}

const call = (reached: boolean, durationMinutes: number, activity: unknown = phone) =>
  entry('call', { reached, durationMinutes, activity, partner: 'Erna', note: '' });

const walk = (fields: Record<string, unknown>, extra: Partial<FigureEntry> = {}) =>
  entry(
    'walk',
    {
      activity: walkA,
      participants: 8,
      withWalkingAids: 3,
      withWheelchairs: 1,
      distanceMetres: 2400,
      walkingSeconds: 3000,
      endedAt: '2026-11-24T11:00:00.000Z',
      ...fields,
    },
    extra,
  );

describe('summarizeEntries', () => {
  it('counts each kind, participants, minutes and metres', () => {
    const figures = summarizeEntries(
      [
        call(true, 20),
        call(false, 2),
        call(true, 15, null),
        entry('advice', { durationMinutes: 45, topics: [{ id: 'x', name: 'Rente' }] }),
        walk({}),
        entry('observation', { walkId: 'w1', category: 'bench' }, { concern: true }),
      ],
      catalogue,
    );
    expect(figures.total).toEqual({
      callsReached: 2,
      callsNotReached: 1,
      walks: 1,
      adviceSessions: 1,
      observations: 1,
      concerns: 1,
      participants: 8,
      withWalkingAids: 3,
      withWheelchairs: 1,
      // 20 + 2 + 15 + 45 + 60 (10:00 → 11:00, pauses included)
      volunteerMinutes: 142,
      metresWalked: 2400,
      volunteers: 1,
    });
  });

  it('never counts partners or unknown kinds', () => {
    const figures = summarizeEntries(
      [entry('partner', { name: 'Erna', usualMinutes: 20 }), entry('future', {})],
      catalogue,
    );
    expect(figures.total.volunteers).toBe(0);
    expect(figures.total.callsReached).toBe(0);
    expect(figures.withoutActivity.volunteers).toBe(0);
  });

  it('counts distinct volunteers', () => {
    const figures = summarizeEntries(
      [
        entry('call', { reached: true, durationMinutes: 1 }, { authorUserId: 'a' }),
        entry('call', { reached: true, durationMinutes: 1 }, { authorUserId: 'a' }),
        entry('advice', { durationMinutes: 1 }, { authorUserId: 'b' }),
      ],
      catalogue,
    );
    expect(figures.total.volunteers).toBe(2);
  });

  it('lists every catalogue theme and activity in order, zeros too, with the Ampel', () => {
    const figures = summarizeEntries([], catalogue);
    expect(figures.themes.map((t) => [t.id, t.number, t.name, t.callsReached])).toEqual([
      ['t1', 1, 'Begegnung', 0],
      ['t2', 2, 'Bewegung', 0],
    ]);
    expect(figures.activities.map((a) => [a.id, a.themeId, a.ampel, a.inCatalogue])).toEqual([
      ['phone', 't1', 'green', true],
      ['idle', 't1', 'red', true],
      ['walkA', 't2', 'yellow', true],
    ]);
  });

  it('counts per activity by the snapshot id, under the catalogue name', () => {
    const figures = summarizeEntries([call(true, 10), call(false, 1), walk({})], catalogue);
    const byId = new Map(figures.activities.map((a) => [a.id, a]));
    expect(byId.get('phone')).toMatchObject({
      name: 'Begegnungstelefon',
      callsReached: 1,
      callsNotReached: 1,
      volunteerMinutes: 11,
    });
    expect(byId.get('walkA')).toMatchObject({ walks: 1, participants: 8, metresWalked: 2400 });
    expect(byId.get('idle')).toMatchObject({ callsReached: 0, walks: 0 });
    const t1 = figures.themes.find((t) => t.id === 't1');
    expect(t1).toMatchObject({ callsReached: 1, callsNotReached: 1, walks: 0 });
    expect(figures.withoutActivity.callsReached).toBe(0);
  });

  it('still counts an activity that left the catalogue, under its snapshot name', () => {
    const gone = { id: 'gone', name: 'Schachtreff', themeName: 'Begegnung' };
    const orphan = { id: 'orphan', name: 'Nähcafé', themeName: 'Handarbeit' };
    const figures = summarizeEntries(
      [call(true, 30, gone), call(true, 5, orphan), call(true, 5, orphan)],
      catalogue,
    );
    const goneRow = figures.activities.find((a) => a.id === 'gone');
    expect(goneRow).toMatchObject({
      name: 'Schachtreff',
      themeId: 't1', // its theme is still there, by name
      ampel: null,
      inCatalogue: false,
      callsReached: 1,
    });
    expect(figures.themes.find((t) => t.id === 't1')?.callsReached).toBe(1);
    // A theme no longer in the catalogue gets a row of its own after the catalogue's.
    expect(figures.themes.at(-1)).toMatchObject({
      id: null,
      number: null,
      name: 'Handarbeit',
      callsReached: 2,
    });
    // Departed activities come after the catalogue's, by name.
    expect(figures.activities.slice(3).map((a) => a.id)).toEqual(['orphan', 'gone']);
  });

  it('puts entries without an activity in their own bucket', () => {
    const figures = summarizeEntries(
      [call(true, 10, null), entry('advice', { durationMinutes: 30 })],
      catalogue,
    );
    expect(figures.withoutActivity).toMatchObject({
      callsReached: 1,
      adviceSessions: 1,
      volunteerMinutes: 40,
    });
    expect(figures.themes.every((t) => t.callsReached === 0)).toBe(true);
  });

  it('rounds minutes once per group, from seconds', () => {
    // Two walks of 90 s each: 3 minutes together, not 2 + 2.
    const short = (end: string) =>
      walk({ endedAt: end, walkingSeconds: 60 }, { occurredAt: '2026-11-24T10:00:00.000Z' });
    const figures = summarizeEntries(
      [short('2026-11-24T10:01:30.000Z'), short('2026-11-24T10:01:30.000Z')],
      catalogue,
    );
    expect(figures.total.volunteerMinutes).toBe(3);
  });

  it('ignores values that are not whole positive numbers', () => {
    const figures = summarizeEntries(
      [
        entry('call', { reached: true, durationMinutes: 'x' }),
        walk({ participants: -4, distanceMetres: null, walkingSeconds: 0, endedAt: null }),
      ],
      catalogue,
    );
    expect(figures.total).toMatchObject({ participants: 0, metresWalked: 0, volunteerMinutes: 0 });
  });
});

describe('walkVolunteerSeconds', () => {
  const start = '2026-11-24T10:00:00.000Z';
  it('counts start to end, pauses included', () => {
    expect(
      walkVolunteerSeconds(start, { endedAt: '2026-11-24T11:30:00.000Z', walkingSeconds: 3600 }),
    ).toBe(5400);
  });
  it('falls back to the walking time while recording', () => {
    expect(walkVolunteerSeconds(start, { endedAt: null, walkingSeconds: 1200 })).toBe(1200);
  });
  it('falls back to the walking time when the end is before the start', () => {
    expect(
      walkVolunteerSeconds(start, { endedAt: '2026-11-24T09:00:00.000Z', walkingSeconds: 700 }),
    ).toBe(700);
  });
  it('never counts less than the walking time', () => {
    expect(
      walkVolunteerSeconds(start, { endedAt: '2026-11-24T10:10:00.000Z', walkingSeconds: 900 }),
    ).toBe(900);
  });
  it('caps a forgotten "Beenden" at the longest walk the app records', () => {
    expect(
      walkVolunteerSeconds(start, { endedAt: '2027-01-24T10:00:00.000Z', walkingSeconds: 10 }),
    ).toBe(7 * 24 * 3600);
  });
});
