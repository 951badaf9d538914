// Tests that need PostgreSQL or Chromium skip with a clear message when the thing is missing,
// except under CI=true, where a missing dependency is a failure (nothing may skip in CI).
import { existsSync } from 'node:fs';
import net from 'node:net';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function isCi(): boolean {
  return process.env.CI === 'true';
}

/** Returns true when the requirement is met; otherwise explains and returns false (or throws in CI). */
export function requirement(what: string, available: boolean, hint: string): boolean {
  if (available) return true;
  const message = `${what} is not available (${hint}).`;
  if (isCi()) throw new Error(`${message} Under CI=true nothing may skip.`);
  console.warn(`SKIPPED: ${message} These tests are skipped.`);
  return false;
}

export function chromiumAvailable(): boolean {
  return requirement(
    'Chromium',
    existsSync(CHROMIUM_PATH),
    `no browser at ${CHROMIUM_PATH}; apt-get install chromium`,
  );
}

export const GPSBABEL_PATH = process.env.GPSBABEL_PATH ?? '/usr/bin/gpsbabel';

/** gpsbabel reads the app's GPX export back in the walk e2e test. */
export function gpsbabelAvailable(): boolean {
  return requirement(
    'gpsbabel',
    existsSync(GPSBABEL_PATH),
    `no gpsbabel at ${GPSBABEL_PATH}; apt-get install gpsbabel`,
  );
}

export async function postgresAvailable(): Promise<boolean> {
  const url = new URL(PG_URL);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = net.connect(Number(url.port || 5432), url.hostname);
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
  return requirement(
    'PostgreSQL',
    reachable,
    `nothing answers at ${url.host}; set TEST_DATABASE_URL`,
  );
}

/** Chromium launch flags for this sandbox (never download a browser). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
