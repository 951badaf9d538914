// The demo's people: invented, marked as examples (`is_example`), with PINs printed in the
// README and at every start, so a newcomer can enrol a device and sign in at once. They exist
// only in the demo quarter (demo-facts.ts), and their PINs pass the rules for new PINs
// (src/shared/pin-rules.ts). `npm run demo:remove` disables them; nobody can sign in as them
// afterwards. The staff member also has a password for the staff screens (issue 10), so
// `npm start` shows them at once (http://localhost:8080/#/team).
import type { Role } from '../../src/shared/identity';

export interface DemoUser {
  name: string;
  role: Role;
  pin: string;
  /** Staff only: the password of the staff screens (`#/team`), printed in the README too. */
  password?: string;
}

/** The first is the one the start-up line suggests. */
export const DEMO_USERS: readonly DemoUser[] = [
  { name: 'Erika Beispiel', role: 'volunteer', pin: '3816' },
  { name: 'Hans Beispiel', role: 'volunteer', pin: '5927' },
  { name: 'Anna Beispiel', role: 'staff', pin: '7405', password: 'Laden-Demo-2026' },
];
