// Small, explicit test data: one quarter with one row in every reference table. Each test
// creates its own (fresh database per test, see test-database.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../../../server/db/tables';
import {
  putActivity,
  putInstitution,
  putTheme,
  putTopic,
} from '../../../server/repos/catalogue.repo';
import { putOpeningException, putStorefront } from '../../../server/repos/opening-hours.repo';
import { createQuarter } from '../../../server/repos/quarter.repo';
import { writeInQuarter } from '../../../server/repos/quarter-version.repo';

export const QUARTER = { id: 'q-test', name: 'Testquartier' };

export const THEME = { id: 't1', number: 1, name: 'Fit fürs Alter' };
export const INSTITUTION = { id: 'i1', name: 'Seniorenbeirat Stadt Krefeld' };
export const TOPIC = { id: 'wohnen', number: 1, name: 'Wohnen' };
export const ACTIVITY = {
  id: 'a1',
  themeId: 't1',
  name: 'Bewegungstreff',
  description: 'Gymnastik im Park',
  actorIds: ['i1'],
  schedule: 'donnerstags 10 Uhr',
  place: 'Park',
  contact: 'Anlaufstelle',
  ampel: 'green' as const,
  ampelCondition: 'läuft weiter',
  isExample: false,
};
export const STOREFRONT = {
  id: 's1',
  name: 'Anlaufstelle',
  address: 'Hansa Centrum, Krefeld',
  weekly: [{ weekday: 1, opens: '10:00', closes: '16:00' }],
  holidaysClosed: true,
  isExample: false,
};
export const EXCEPTION = {
  id: 'e1',
  storefrontId: 's1',
  date: '2030-12-24',
  closed: true,
  intervals: [],
  note: 'Heiligabend',
  isExample: false,
};

/** Creates QUARTER with one row per table, all written in one transaction (version 1). */
export async function seedSmallQuarter(db: Kysely<Database>, quarter = QUARTER): Promise<void> {
  await createQuarter(db, quarter);
  await writeInQuarter(db, quarter.id, async (w) => {
    await putTheme(w, THEME);
    await putInstitution(w, INSTITUTION);
    await putActivity(w, ACTIVITY);
    await putStorefront(w, STOREFRONT);
    await putOpeningException(w, EXCEPTION);
    await putTopic(w, TOPIC);
  });
}
