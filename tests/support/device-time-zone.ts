// Runs the enclosing describe with the process's time zone set to `zone`, as on a tablet set to
// another zone (vitest runs each test file in its own process, so this leaks nowhere else).
import { afterAll, beforeAll } from 'vitest';

export function useDeviceTimeZone(zone: string): void {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    process.env.TZ = saved;
  });
}
