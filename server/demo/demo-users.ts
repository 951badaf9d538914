// The demo's people: invented, marked as examples (`is_example`), with PINs printed in the
// README and at every start, so a newcomer can enrol a device and sign in at once. `npm run
// demo:remove` disables them; nobody can sign in as them afterwards.
import type { Role } from '../../src/shared/identity';

export interface DemoUser {
  name: string;
  role: Role;
  pin: string;
}

/** The first is the one the start-up line suggests. */
export const DEMO_USERS: readonly DemoUser[] = [
  { name: 'Erika Beispiel', role: 'volunteer', pin: '1234' },
  { name: 'Hans Beispiel', role: 'volunteer', pin: '2345' },
  { name: 'Anna Beispiel', role: 'staff', pin: '9876' },
];
