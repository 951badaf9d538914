// Loads the demo data into an EMPTY database (no quarter yet), on the first start only; once a
// quarter exists — even after `npm run demo:remove` — it never runs again, so a restart can
// neither duplicate the demo nor bring back removed examples. Everything goes into the demo's
// own quarter (`demo`, demo-facts.ts), never into a real one; with NODE_ENV=production the
// server never calls this (config.ts refuses DEMO_DATA there). The demo's entries (call
// partners, a walk: demo-entries.ts) are applied by the push's own mutation handlers, as the
// quarter's console identity (partners) and as the demo caller and guide (calls, the walk).
import type { Kysely } from 'kysely';
import { putDefaultTopics } from '../quarters/default-topics';
import type { Database } from '../db/tables';
import { putActivity, putInstitution, putTheme } from '../repos/catalogue.repo';
import { putOpeningException, putStorefront } from '../repos/opening-hours.repo';
import { countQuarters, createQuarter } from '../repos/quarter.repo';
import { beginWrite, takeWriteLock } from '../repos/quarter-version.repo';
import { createUser } from '../repos/user.repo';
import { consoleWriter } from '../sync/console-writes';
import { demoData } from './demo-data';
import {
  DEMO_CALLER,
  demoCallMutations,
  demoPartnerMutations,
  demoWalkMutations,
} from './demo-entries';

/** Returns true when it loaded the demo, false when the database already had a quarter. */
export async function seedDemoData(db: Kysely<Database>, now: Date = new Date()): Promise<boolean> {
  const data = demoData(now);
  // One transaction for all of it: a half-written seed would count as "not empty" and never be
  // completed. The write lock comes first, so two instances starting at once run one after the
  // other and the second finds the quarter.
  return db.transaction().execute(async (tx) => {
    await takeWriteLock(tx);
    if ((await countQuarters(tx)) > 0) return false;
    if (!(await createQuarter(tx, data.quarter, now))) return false;
    const w = await beginWrite(tx, data.quarter.id, now);
    for (const theme of data.themes) await putTheme(w, theme);
    for (const institution of data.institutions) await putInstitution(w, institution);
    for (const activity of data.activities) await putActivity(w, activity);
    await putStorefront(w, data.storefront);
    for (const exception of data.exceptions) await putOpeningException(w, exception);
    await putDefaultTopics(w);
    const ids = new Map<string, string>();
    for (const user of data.users) {
      const created = await createUser(
        tx,
        { quarterId: data.quarter.id, ...user, isExample: true },
        now,
      );
      if (created) ids.set(created.name, created.id);
    }
    const idOf = (name: string) => {
      const id = ids.get(name);
      if (id === undefined) throw new Error(`demo person ${name} missing`);
      return id;
    };
    const writer = await consoleWriter(w, now);
    for (const mutation of demoPartnerMutations(now, idOf)) await writer.apply(mutation);
    const erika = { userId: idOf(DEMO_CALLER), role: 'volunteer' as const };
    for (const mutation of [...demoCallMutations(now), ...demoWalkMutations(now)]) {
      await writer.apply(mutation, erika);
    }
    return true;
  });
}
