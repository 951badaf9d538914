// Everything the demo seed writes, built for a given seed time. Facts (quarter, themes,
// institutions) come from demo-facts.ts, the invented activities from demo-activities.ts, the
// invented people from demo-users.ts; the storefront's name and address are real, its hours
// and exceptions are examples.
import type { ActivityInput, InstitutionInput, ThemeInput } from '../repos/catalogue.repo';
import type { OpeningExceptionInput, StorefrontInput } from '../repos/opening-hours.repo';
import type { NewQuarter } from '../repos/quarter.repo';
import { demoActivities } from './demo-activities';
import { addDays, berlinDay, isoWeekday, nextMonthDay } from './demo-dates';
import { DEMO_INSTITUTIONS, DEMO_QUARTER, DEMO_THEMES } from './demo-facts';
import { DEMO_USERS, type DemoUser } from './demo-users';

export interface DemoData {
  quarter: NewQuarter;
  themes: ThemeInput[];
  institutions: InstitutionInput[];
  activities: ActivityInput[];
  storefront: StorefrontInput;
  exceptions: OpeningExceptionInput[];
  users: readonly DemoUser[];
}

const STOREFRONT_ID = 'anlaufstelle-hansa-centrum';

export const DEMO_STOREFRONT: StorefrontInput = {
  id: STOREFRONT_ID,
  name: 'Anlaufstelle im Hansa Centrum',
  address: 'Hansa Centrum, Krefeld',
  // Mo, Di, Do, Fr 10–16 Uhr; Mittwoch nur vormittags (Teamsitzung am Nachmittag).
  weekly: [1, 2, 4, 5]
    .map((weekday) => ({ weekday, opens: '10:00', closes: '16:00' }))
    .concat({ weekday: 3, opens: '10:00', closes: '13:00' })
    .sort((a, b) => a.weekday - b.weekday),
  holidaysClosed: true,
  isExample: true,
};

/** Closed on the next 24.12. and 31.12.; a Saturday special opening two to three weeks out. */
export function demoExceptions(now: Date): OpeningExceptionInput[] {
  const today = berlinDay(now);
  const christmasEve = nextMonthDay(today, '12-24');
  const newYearsEve = nextMonthDay(today, '12-31');
  let festival = addDays(today, 14);
  while (isoWeekday(festival) !== 6 || festival === christmasEve || festival === newYearsEve) {
    festival = addDays(festival, 1);
  }
  const example = { storefrontId: STOREFRONT_ID, isExample: true };
  return [
    {
      ...example,
      id: 'ausnahme-heiligabend',
      date: christmasEve,
      closed: true,
      intervals: [],
      note: 'Heiligabend geschlossen',
    },
    {
      ...example,
      id: 'ausnahme-silvester',
      date: newYearsEve,
      closed: true,
      intervals: [],
      note: 'Silvester geschlossen',
    },
    {
      ...example,
      id: 'ausnahme-quartiersfest',
      date: festival,
      closed: false,
      intervals: [{ opens: '11:00', closes: '15:00' }],
      note: 'Sonderöffnung zum Quartiersfest (Beispiel)',
    },
  ].sort((a, b) => a.date.localeCompare(b.date));
}

export function demoData(now: Date): DemoData {
  return {
    quarter: DEMO_QUARTER,
    themes: DEMO_THEMES,
    institutions: DEMO_INSTITUTIONS,
    activities: demoActivities(berlinDay(now)),
    storefront: DEMO_STOREFRONT,
    exceptions: demoExceptions(now),
    users: DEMO_USERS,
  };
}
