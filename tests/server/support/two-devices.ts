// The quarter most mutation tests start from: two enrolled devices with Erika (volunteer)
// signed in on both, Hans (another volunteer) and Anna (staff) as people of the quarter.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { beforeEach } from 'vitest';
import type { DialectName } from '../../../server/db/database';
import type { Database } from '../../../server/db/tables';
import { QUARTER } from './fixtures';
import { enrolDevice, type EnrolledTestDevice } from './identity-fixtures';
import { createPerson, signInOn } from './push-fixtures';
import { buildTestApp } from './test-app';
import { useFreshDatabase } from './test-database';

export interface TwoDevices {
  app: FastifyInstance;
  db: Kysely<Database>;
  /** Erika is signed in on both. */
  tablet: EnrolledTestDevice;
  phone: EnrolledTestDevice;
  erika: string;
  hans: string;
  anna: string;
}

/** A fresh database and app with the two devices and three people, for every test. */
export function useTwoDevices(dialect: DialectName): () => TwoDevices {
  const fresh = useFreshDatabase(dialect);
  let world: TwoDevices | undefined;
  beforeEach(async () => {
    const db = fresh().db;
    const app = (await buildTestApp(db)).app;
    const tablet = await enrolDevice(app, db, QUARTER, 'Tablet Laden');
    const phone = await enrolDevice(app, db, QUARTER, 'Handy Erika');
    const erika = await createPerson(db, 'Erika M.');
    const hans = await createPerson(db, 'Hans K.');
    const anna = await createPerson(db, 'Anna S.', 'staff');
    await signInOn(app, tablet.authorization, 'Erika M.');
    await signInOn(app, phone.authorization, 'Erika M.');
    world = { app, db, tablet, phone, erika, hans, anna };
  });
  return () => {
    if (!world) throw new Error('useTwoDevices: only inside a test');
    return world;
  };
}
