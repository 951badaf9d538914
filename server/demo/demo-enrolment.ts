// The line a newcomer needs to try the demo: a fresh one-time enrolment code for the demo
// quarter and whom to sign in as (on a tablet, and on the staff screens). main.ts prints it on every start while the demo people are
// still active (never after `npm run demo:remove`, never with DEMO_DATA=off). A new code each
// start: a code works once and expires, and the hashes of unused ones expire harmlessly.
import type { Kysely } from 'kysely';
import { formatDateTime } from '../console-text';
import type { Database } from '../db/tables';
import { createEnrolmentCode } from '../repos/enrolment-code.repo';
import { activeExampleUserNames } from '../repos/user.repo';
import { DEMO_QUARTER } from './demo-facts';
import { DEMO_USERS } from './demo-users';

export interface DemoEnrolment {
  code: string;
  expiresAt: Date;
  /** German, e.g. `Demo: Gerätecode K7QM-3XPA-HW9D (gültig bis …) – Anmelden als „Erika Beispiel“ mit PIN 3816`. */
  line: string;
  /** Who signs in to the staff screens (`#/team`) and how, while the demo's staff member is
   * active: `Team-Ansicht: Anmelden als „Anna Beispiel“ mit dem Passwort …`. */
  staffLine: string | undefined;
}

/** A new code and the line to print, or undefined when no demo person is active any more. */
export async function demoEnrolment(
  db: Kysely<Database>,
  now: Date = new Date(),
): Promise<DemoEnrolment | undefined> {
  const active = new Set(await activeExampleUserNames(db, DEMO_QUARTER.id));
  const user = DEMO_USERS.find((candidate) => active.has(candidate.name));
  if (!user) return undefined;
  const { code, expiresAt } = await createEnrolmentCode(db, DEMO_QUARTER.id, { now });
  const until = `${formatDateTime(expiresAt)} Uhr`;
  const line = `Demo: Gerätecode ${code} (gültig bis ${until}) – Anmelden als „${user.name}“ mit PIN ${user.pin}`;
  const staff = DEMO_USERS.find((candidate) => candidate.password && active.has(candidate.name));
  const staffLine =
    staff && `Team-Ansicht: Anmelden als „${staff.name}“ mit dem Passwort ${staff.password}`;
  return { code, expiresAt, line, staffLine };
}
