// The demo's entries, so a newcomer signed in as the demo caller sees something at once: three
// invented call partners (Gesprächspersonen) assigned to the demo volunteers, each with a
// recorded consent (a few weeks before the demo starts), a few calls with
// them (one partner not reached three times in a row: flagged for staff), and one finished walk
// of Erika's with a short route around the Hansa Centrum (one pause: a gap in the route) and two
// observations. Everything is invented; the phone numbers are from the ranges the
// Bundesnetzagentur keeps free for film and television, so nobody real is called. They are
// mutations as the app and the admin CLI send them, applied by the server's own handlers
// (seed.ts), so they are stored, versioned and pulled like any other entry.
import { routeDistance } from '../../src/domain/route-geometry';
import type { ValuesOf } from '../../src/shared/entry-kinds';
import { PARTNER, type ConsentForm } from '../../src/shared/kinds/partner-kind';
import type { TrackPointV2 } from '../../src/shared/walk-track';
import type { ConsoleMutation } from '../sync/console-writes';
import { addDays, berlinDay, daysBefore } from './demo-dates';

/** Demo people by name (demo-users.ts): who calls whom, who led the walk. */
export const DEMO_CALLER = 'Erika Beispiel';
const SECOND_CALLER = 'Hans Beispiel';

interface DemoPartner {
  id: string;
  name: string;
  phone: string;
  preferredTimes: string;
  note: string;
  usualMinutes: number;
  callEveryDays: number;
  callers: readonly string[];
  /** How the partner agreed, how many days before the demo starts, and to what. */
  consent: { form: ConsentForm; daysAgo: number; scope: string };
}

const PARTNERS: readonly DemoPartner[] = [
  {
    id: 'demo-partner-frau-k',
    name: 'Frau K.',
    phone: '0221 4710 123',
    preferredTimes: 'vormittags, nicht mittwochs',
    note: 'Hört schlecht: langsam und deutlich sprechen. Erzählt gern vom Garten. (Beispiel)',
    usualMinutes: 20,
    callEveryDays: 7,
    callers: [DEMO_CALLER],
    consent: {
      form: 'written',
      daysAgo: 35,
      scope: 'wöchentliche Anrufe, Notizen für das Team',
    },
  },
  {
    id: 'demo-partner-herr-b',
    name: 'Herr B.',
    phone: '030 23125 456',
    preferredTimes: 'nach 15 Uhr',
    note: 'Fragt oft nach den Terminen im Laden. (Beispiel)',
    usualMinutes: 15,
    callEveryDays: 7,
    callers: [DEMO_CALLER],
    consent: { form: 'oral', daysAgo: 28, scope: 'wöchentliche Anrufe' },
  },
  {
    id: 'demo-partner-gisela',
    name: 'Gisela',
    phone: '069 90009 789',
    preferredTimes: 'dienstags oder donnerstags',
    note: 'Zwei Anrufende wechseln sich ab. (Beispiel)',
    usualMinutes: 30,
    callEveryDays: 3,
    callers: [DEMO_CALLER, SECOND_CALLER],
    consent: {
      form: 'electronic',
      daysAgo: 21,
      scope: 'Anrufe alle drei Tage von zwei Anrufenden, Notizen für das Team',
    },
  },
];

/** `partner.create` of each demo partner; `idOf` turns a demo person's name into their id. */
export function demoPartnerMutations(now: Date, idOf: (name: string) => string): ConsoleMutation[] {
  return PARTNERS.map(({ callers, consent, ...partner }) => {
    const args: { id: string } & ValuesOf<'partner'> = {
      ...partner,
      occurredAt: now.toISOString(),
      concern: false,
      callers: callers.map(idOf),
      status: 'active',
      consentOn: addDays(berlinDay(now), -consent.daysAgo),
      consentForm: consent.form,
      consentScope: consent.scope,
    };
    return { name: 'partner.create', v: PARTNER.createVersion, args };
  });
}

const MINUTE = 60_000;
/** The demo's calls at 10:15 and its walk at 14:30 on a Berlin clock. */
const CALL_MINUTES = 10 * 60 + 15;
const WALK_MINUTES = 14 * 60 + 30;

const PHONE_ACTIVITY = {
  id: 'begegnungstelefon',
  name: 'Begegnungstelefon',
  themeName: 'Beratung und Unterstützung im sozialen Nahraum',
};

/**
 * Calls of the demo caller with two of the partners: Frau K. was reached six days ago, Herr B.
 * did not answer three times in a row — so `list-partners` shows the flag staff look for.
 */
export function demoCallMutations(now: Date): ConsoleMutation[] {
  const call = (
    id: string,
    partnerIndex: number,
    daysAgo: number,
    reached: boolean,
  ): ConsoleMutation => {
    const partner = PARTNERS[partnerIndex] as DemoPartner;
    const args: { id: string } & ValuesOf<'call'> = {
      id,
      occurredAt: daysBefore(now, daysAgo, CALL_MINUTES).toISOString(),
      concern: false,
      partner: partner.name,
      durationMinutes: reached ? partner.usualMinutes : 0,
      note: '',
      activity: PHONE_ACTIVITY,
      reached,
      partnerId: partner.id,
    };
    return { name: 'call.create', v: 3, args };
  };
  return [
    call('demo-call-frau-k', 0, 6, true),
    call('demo-call-herr-b-1', 1, 5, false),
    call('demo-call-herr-b-2', 1, 3, false),
    call('demo-call-herr-b-3', 1, 1, false),
  ];
}

const WALK_ID = 'demo-walk-hansa-centrum';
/** Near the Hansa Centrum, Krefeld: a loop of about 1.3 km. */
const START = { lat: 51.3262, lon: 6.5662 };
const CORNERS = [
  { lat: 51.3298, lon: 6.5662 },
  { lat: 51.3298, lon: 6.5705 },
  { lat: 51.3262, lon: 6.5705 },
  START,
];
const STEPS_PER_SIDE = 16;
const SECONDS_PER_STEP = 30;
/** The group sat on a bench at the second corner for ten minutes: a gap in the route. */
const PAUSE_MINUTES = 10;

/** The walk's points: along the four sides, with a pause (gap) after the second side. */
function demoRoute(start: Date): TrackPointV2[] {
  const points: TrackPointV2[] = [];
  let from = START;
  let at = start.getTime();
  CORNERS.forEach((corner, side) => {
    for (let step = side === 0 ? 0 : 1; step <= STEPS_PER_SIDE; step += 1) {
      const share = step / STEPS_PER_SIDE;
      const gap = side === 2 && step === 1;
      if (gap) at += PAUSE_MINUTES * MINUTE;
      points.push({
        t: new Date(at).toISOString(),
        lat: round(from.lat + (corner.lat - from.lat) * share),
        lon: round(from.lon + (corner.lon - from.lon) * share),
        accuracy: 5 + (step % 4),
        ...(gap ? { gap: true as const } : {}),
      });
      at += SECONDS_PER_STEP * 1000;
    }
    from = corner;
  });
  return points;
}

const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6;

/**
 * The demo walk, two days before `now` in the afternoon: `walk.create`, its route as one
 * `walk.track` v2 chunk, and two observations on the way.
 */
export function demoWalkMutations(now: Date): ConsoleMutation[] {
  const start = daysBefore(now, 2, WALK_MINUTES);
  const points = demoRoute(start);
  const last = points.at(-1) as TrackPointV2;
  const end = new Date(last.t);
  const walkingSeconds = Math.round((end.getTime() - start.getTime()) / 1000) - PAUSE_MINUTES * 60;
  const walk: { id: string } & ValuesOf<'walk'> = {
    id: WALK_ID,
    occurredAt: start.toISOString(),
    concern: false,
    title: 'Rund um das Hansa Centrum (Beispiel)',
    activity: {
      id: 'stadtspaziergaenge',
      name: 'Stadtspaziergänge unter neuen Vorzeichen',
      themeName: 'Gemeinschaftliche Sozialraumerkundung',
    },
    participants: 7,
    withWalkingAids: 2,
    withWheelchairs: 1,
    note: 'Schönes Wetter, alle kamen gut mit. (Beispiel)',
    endedAt: end.toISOString(),
    distanceMetres: Math.round(routeDistance(points)),
    walkingSeconds,
  };
  const bench = points[STEPS_PER_SIDE * 2] as TrackPointV2;
  const kerb = points[STEPS_PER_SIDE + 6] as TrackPointV2;
  const observation = (
    id: string,
    point: TrackPointV2,
    category: ValuesOf<'observation'>['category'],
    note: string,
  ): ConsoleMutation => {
    const args: { id: string } & ValuesOf<'observation'> = {
      id,
      occurredAt: point.t,
      concern: false,
      walkId: WALK_ID,
      category,
      position: { lat: point.lat, lon: point.lon, accuracy: point.accuracy },
      note,
    };
    return { name: 'observation.create', v: 1, args };
  };
  return [
    { name: 'walk.create', v: 1, args: walk },
    { name: 'walk.track', v: 2, args: { walkId: WALK_ID, chunk: 0, points } },
    observation(
      'demo-observation-bordstein',
      kerb,
      'barrier',
      'Hoher Bordstein ohne Absenkung, mit Rollator schwierig. (Beispiel)',
    ),
    observation(
      'demo-observation-bank',
      bench,
      'bench',
      'Bank im Schatten, hier haben wir Pause gemacht. (Beispiel)',
    ),
  ];
}
