// The quarter staff's week tests start from: the small catalogue (theme t1, activity a1), two
// enrolled devices with Erika (volunteer) signed in on both, Anna (staff) signed in on the
// shop's PC (she registers call partners), Petra (staff) signed in to the staff screens with a
// password, and Otto, staff of another quarter, signed in there. The staff clock stands still
// at STAFF_NOW unless a test moves it; devices push through the real endpoint.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { beforeEach, expect } from 'vitest';
import type { DialectName } from '../../../server/db/database';
import type { Database } from '../../../server/db/tables';
import { berlinInstant } from '../../../src/domain/dates';
import { STAFF_PREFIX } from '../../../src/shared/staff/staff-endpoints';
import {
  entryHistoryResponseSchema,
  staffWeekResponseSchema,
  type EntryHistoryResponse,
  type StaffWeekResponse,
} from '../../../src/shared/staff/staff-week';
import { QUARTER, seedSmallQuarter } from './fixtures';
import { enrolDevice, OTHER_QUARTER, type EnrolledTestDevice } from './identity-fixtures';
import { useOutboxes, type Outboxes } from './outboxes';
import { createPerson, signInOn } from './push-fixtures';
import { buildStaffTestApp, createStaffUser, signInStaff, testClock } from './staff-fixtures';
import { useFreshDatabase } from './test-database';

export const STAFF_NOW = new Date('2026-12-01T12:00:00.000Z');
export const PASSWORD = 'Wochenblick-2026!';

export interface StaffWeekWorld extends Outboxes {
  app: FastifyInstance;
  db: Kysely<Database>;
  clock: ReturnType<typeof testClock>;
  tablet: EnrolledTestDevice;
  phone: EnrolledTestDevice;
  shop: EnrolledTestDevice;
  erika: string;
  anna: string;
  petra: string;
  otto: string;
  /** Petra's and Otto's `cookie` headers. */
  petraCookie: string;
  ottoCookie: string;
}

/** A fresh database and app with the people above, for every test. */
export function useStaffWeekWorld(dialect: DialectName): () => StaffWeekWorld {
  const fresh = useFreshDatabase(dialect);
  let app: FastifyInstance | undefined;
  const outboxes = useOutboxes(() => {
    if (!app) throw new Error('no app yet');
    return app;
  });
  let world: StaffWeekWorld | undefined;
  beforeEach(async () => {
    const db = fresh().db;
    const clock = testClock(STAFF_NOW);
    app = (await buildStaffTestApp(db, { clock: clock.now })).app;
    await seedSmallQuarter(db);
    const tablet = await enrolDevice(app, db, QUARTER, 'Tablet Laden');
    const phone = await enrolDevice(app, db, QUARTER, 'Handy Erika');
    const shop = await enrolDevice(app, db, QUARTER, 'PC im Laden');
    const erika = await createPerson(db, 'Erika M.');
    const anna = await createPerson(db, 'Anna S.', 'staff');
    await signInOn(app, tablet.authorization, 'Erika M.');
    await signInOn(app, phone.authorization, 'Erika M.');
    await signInOn(app, shop.authorization, 'Anna S.');
    const petra = await createStaffUser(db, {
      quarterId: QUARTER.id,
      name: 'Petra L.',
      password: PASSWORD,
    });
    const otto = await createStaffUser(db, {
      quarterId: OTHER_QUARTER.id,
      name: 'Otto B.',
      password: PASSWORD,
    });
    const petraCookie = await signInStaff(app, {
      quarterId: QUARTER.id,
      name: 'Petra L.',
      password: PASSWORD,
    });
    const ottoCookie = await signInStaff(app, {
      quarterId: OTHER_QUARTER.id,
      name: 'Otto B.',
      password: PASSWORD,
    });
    world = {
      ...outboxes,
      app,
      db,
      clock,
      tablet,
      phone,
      shop,
      erika,
      anna,
      petra: petra.id,
      otto: otto.id,
      petraCookie,
      ottoCookie,
    };
  });
  return () => {
    if (!world) throw new Error('useStaffWeekWorld: only inside a test');
    return world;
  };
}

/** An instant given as Berlin wall clock, as the UTC text a device sends. */
export function berlin(day: string, time: string): string {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return new Date(berlinInstant(day, h * 60 + m)).toISOString();
}

export function staffRequest(
  app: FastifyInstance,
  cookie: string,
  method: 'GET' | 'PUT' | 'POST',
  path: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url: `${STAFF_PREFIX}${path}`,
    headers: { cookie },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

/** GET /staff/week (optionally ?week=), answered 200 and read with the shared schema. */
export async function getWeek(
  app: FastifyInstance,
  cookie: string,
  week?: string,
): Promise<StaffWeekResponse> {
  const response = await staffRequest(app, cookie, 'GET', week ? `/week?week=${week}` : '/week');
  expect(response.statusCode, response.body).toBe(200);
  return v.parse(staffWeekResponseSchema, response.json());
}

export async function getHistory(
  app: FastifyInstance,
  cookie: string,
  id: string,
): Promise<EntryHistoryResponse> {
  const response = await staffRequest(app, cookie, 'GET', `/entries/${id}/history`);
  expect(response.statusCode, response.body).toBe(200);
  return v.parse(entryHistoryResponseSchema, response.json());
}
