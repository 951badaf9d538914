// The quarter the report tests start from (tests/server/staff-reports.test.ts): the small
// catalogue of fixtures.ts, one enrolled tablet where the volunteer Erika and the staff member
// Anna (who registers call partners) are signed in, Anna also signed in to the staff screens,
// and Olaf, staff of another quarter. Entries reach the server only through the real push, in
// batches of up to 200 as a device sends them.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { beforeEach, expect } from 'vitest';
import type { DialectName } from '../../../server/db/database';
import type { Database } from '../../../server/db/tables';
import { setUserPassword } from '../../../server/repos/user.repo';
import type { EntryKindName } from '../../../src/shared/entry-kinds';
import { PUSH_MAX_MUTATIONS, type Mutation } from '../../../src/shared/push-protocol';
import { STAFF_PREFIX } from '../../../src/shared/staff/staff-endpoints';
import { entryCreate, entryDelete } from './entry-mutations';
import { QUARTER, seedSmallQuarter } from './fixtures';
import { enrolDevice, OTHER_QUARTER, type EnrolledTestDevice } from './identity-fixtures';
import { createPerson, pushAs, signInOn } from './push-fixtures';
import { buildStaffTestApp, createStaffUser, signInStaff } from './staff-fixtures';
import { useFreshDatabase } from './test-database';

/** A name no report may show: the volunteer's. */
export const VOLUNTEER_NAME = 'Erika Zorbazz';

export interface ReportWorld {
  app: FastifyInstance;
  db: Kysely<Database>;
  tablet: EnrolledTestDevice;
  erika: string;
  anna: string;
  /** Anna's staff session (`cookie` header). */
  cookie: string;
  /** Olaf's, staff of OTHER_QUARTER. */
  otherCookie: string;
  /** Pushes creates (and deletes) from the tablet, in order, 200 to a request. */
  push(changes: readonly Change[]): Promise<void>;
  /** GET a staff URL (path after /api/v1/staff) with Anna's session unless said otherwise. */
  get(path: string, cookie?: string): Promise<LightMyRequestResponse>;
}

export type Change =
  | {
      kind: EntryKindName;
      author?: 'erika' | 'anna';
      args: { id: string } & Record<string, unknown>;
    }
  | { delete: EntryKindName; id: string };

export function useReportWorld(dialect: DialectName): () => ReportWorld {
  const fresh = useFreshDatabase(dialect);
  let world: ReportWorld | undefined;
  beforeEach(async () => {
    const db = fresh().db;
    await seedSmallQuarter(db);
    const { app } = await buildStaffTestApp(db);
    const tablet = await enrolDevice(app, db, QUARTER, 'Tablet Laden');
    const erika = await createPerson(db, VOLUNTEER_NAME);
    const anna = await createPerson(db, 'Anna S.', 'staff');
    await signInOn(app, tablet.authorization, VOLUNTEER_NAME);
    await signInOn(app, tablet.authorization, 'Anna S.');
    const password = 'Sommer-im-Park-7';
    // Anna's staff password is set on her person (she already has a PIN for the tablet).
    expect(await setUserPassword(db, QUARTER.id, anna, password)).toBe(true);
    const cookie = await signInStaff(app, { quarterId: QUARTER.id, name: 'Anna S.', password });
    await createStaffUser(db, { quarterId: OTHER_QUARTER.id, name: 'Olaf B.', password });
    const otherCookie = await signInStaff(app, {
      quarterId: OTHER_QUARTER.id,
      name: 'Olaf B.',
      password,
    });
    let seq = 0;
    const push = async (changes: readonly Change[]) => {
      const mutations: Mutation[] = changes.map((change) => {
        seq += 1;
        if ('delete' in change) return entryDelete(change.delete, seq, erika, change.id);
        const author = change.author === 'anna' ? anna : erika;
        return entryCreate(change.kind, seq, author, change.args);
      });
      for (let i = 0; i < mutations.length; i += PUSH_MAX_MUTATIONS) {
        const response = await pushAs(app, tablet.authorization, {
          clientId: 'client-reports',
          mutations: mutations.slice(i, i + PUSH_MAX_MUTATIONS),
        });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json<{ rejected: unknown[] }>().rejected).toEqual([]);
      }
    };
    const get = (path: string, as = cookie) =>
      app.inject({ method: 'GET', url: `${STAFF_PREFIX}${path}`, headers: { cookie: as } });
    world = { app, db, tablet, erika, anna, cookie, otherCookie, push, get };
  });
  return () => {
    if (!world) throw new Error('useReportWorld: only inside a test');
    return world;
  };
}
