// The real entry points as child processes: server/main.ts (start, demo seed on first start
// only, the printed demo enrolment code, SIGTERM) and the `npm run demo:remove` CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DatabaseConfig } from '../../server/config';
import {
  deviceAuthorization,
  PERSON_SESSIONS_HEADER,
  type EnrolResponse,
} from '../../src/shared/identity';
import { runScript, startServer } from './support/server-process';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const DEMO_LINE =
  /Demo: Gerätecode ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}) \(gültig bis [^)]+ Uhr\) – Anmelden als „Erika Beispiel“ mit PIN 3816/;

function envFor(config: DatabaseConfig, dataDir: string): Record<string, string> {
  return config.kind === 'postgres'
    ? { DATABASE_URL: config.url, DATA_DIR: dataDir }
    : { DATA_DIR: dataDir };
}

/** The code of the demo line printed on the console (a plain line, not only the JSON log). */
function printedCode(output: string): string | undefined {
  const plain = output.split('\n').find((line) => line.startsWith('Demo: Gerätecode'));
  return plain ? DEMO_LINE.exec(plain)?.[1] : undefined;
}

describeEachDialect('server process', (dialect) => {
  const fresh = useFreshDatabase(dialect, { migrate: false });
  let dataDir: string;
  let env: Record<string, string>;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'qb-main-'));
    env = { ...envFor(fresh().config, dataDir), STATIC_DIR: join(dataDir, 'no-build') };
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function call<T>(url: string, init: RequestInit = {}, status = 200): Promise<T> {
    const response = await fetch(url, init);
    expect(response.status, url).toBe(status);
    return (await response.json()) as T;
  }

  it('starts, seeds once, prints a demo code, removes examples and stops on SIGTERM', async () => {
    // As `npm start` runs it (tsx); the other tests start the same code bundled.
    const server = await startServer(env, { asNpmStart: true });
    expect(await call(`${server.url}/api/v1/health`)).toEqual({
      status: 'ok',
      db: dialect,
      version: '0.1.0',
    });
    // A newcomer enrols with the printed code and signs in as the printed person.
    const code = printedCode(server.output());
    expect(code, server.output()).toBeDefined();
    expect(server.output()).toMatch(new RegExp(`"msg":"${DEMO_LINE.source}`));
    // And where staff sign in; the password on the console only, not in the log.
    // (The tests start it on any free port: PORT=0, so the link says 0.)
    expect(server.output().split('\n')).toContain(
      'Team-Ansicht: Anmelden als „Anna Beispiel“ mit dem Passwort Laden-Demo-2026 – ' +
        'http://localhost:0/#/team',
    );
    expect(server.output()).toContain('"msg":"Team-Ansicht: Anmelden als „Anna Beispiel“"');
    expect(server.output()).not.toMatch(/"msg":"[^"]*Laden-Demo-2026/);
    const enrolled = await call<EnrolResponse>(
      `${server.url}/api/v1/enrol`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      },
      201,
    );
    const headers = {
      authorization: deviceAuthorization(enrolled.deviceId, enrolled.credential),
      'content-type': 'application/json',
    };
    const signIn = (pin: string) =>
      fetch(`${server.url}/api/v1/device/sign-in`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'Erika Beispiel', pin }),
      });
    const signedIn = await signIn('3816');
    expect(signedIn.status).toBe(200);
    const { session } = (await signedIn.json()) as { session: string };
    type Pull = { head: number; cookie: string; changes: { activities: unknown[] } };
    // The catalogue is public: a first visit without a device gets it too.
    const open = await call<Pull>(`${server.url}/api/v1/pull`);
    expect(open.changes.activities).toHaveLength(18);
    const first = await call<Pull>(`${server.url}/api/v1/pull`, {
      headers: { ...headers, [PERSON_SESSIONS_HEADER]: session },
    });
    expect(first.changes.activities).toHaveLength(18);

    // The CLI works against the running server's database.
    const removed = await runScript('server/demo/remove-examples.cli.ts', env);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('22 Beispiel-Einträge entfernt.');
    expect(removed.stdout).toContain('3 Beispiel-Personen gesperrt');
    // Erika was disabled, so the device's view changed: a reset, without the examples.
    const after = await call<Pull & { reset: boolean }>(
      `${server.url}/api/v1/pull?cookie=${encodeURIComponent(first.cookie)}`,
      { headers: { ...headers, [PERSON_SESSIONS_HEADER]: session } },
    );
    expect(after.reset).toBe(true);
    expect(after.changes.activities).toHaveLength(0);
    expect((await signIn('3816')).status).toBe(401);

    expect(await server.stop()).toBe(0);
    expect(server.output()).toContain('shutting down');

    // Second start: no second seed, examples stay removed, no demo code any more.
    const again = await startServer(env);
    const pull = await call<Pull>(`${again.url}/api/v1/pull`, { headers });
    expect(pull.head).toBe(after.head);
    expect(pull.changes.activities).toHaveLength(0);
    expect(again.output()).not.toContain('demo data loaded');
    expect(again.output()).not.toContain('Gerätecode');
    expect(await again.stop()).toBe(0);

    const nothing = await runScript('server/demo/remove-examples.cli.ts', env);
    expect(nothing.stdout).toContain('Keine Beispieldaten gefunden');
  });

  it('prints a fresh demo code on every start while the demo people are active', async () => {
    const first = await startServer(env);
    expect(await first.stop()).toBe(0);
    const second = await startServer(env);
    expect(await second.stop()).toBe(0);
    const [one, two] = [printedCode(first.output()), printedCode(second.output())];
    expect(one).toBeDefined();
    expect(two).toBeDefined();
    expect(two).not.toBe(one);
  });

  it('starts empty with DEMO_DATA=off, and prints no code', async () => {
    const server = await startServer({ ...env, DEMO_DATA: 'off' });
    // No quarter at all: even the public pull has nothing to show.
    const response = await fetch(`${server.url}/api/v1/pull`);
    expect(response.status).toBe(404);
    expect(await server.stop()).toBe(0);
    expect(server.output()).not.toContain('Gerätecode');
  });

  it('in production, loads no demo data and prints no code; DEMO_DATA=on is refused', async () => {
    const server = await startServer({ ...env, NODE_ENV: 'production' });
    expect(await server.stop()).toBe(0);
    expect(server.output()).not.toContain('Gerätecode');
    expect(server.output()).not.toContain('demo data loaded');

    const refused = await runScript('server/main.ts', {
      ...env,
      NODE_ENV: 'production',
      DEMO_DATA: 'on',
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'Konfigurationsfehler: DEMO_DATA ist eingeschaltet, aber NODE_ENV=production',
    );
    expect(refused.stdout).not.toContain('Gerätecode');
    // Nothing was created: a later demo start still finds an empty database.
    const demo = await startServer(env);
    expect(printedCode(demo.output())).toBeDefined();
    expect(await demo.stop()).toBe(0);
  });

  it('refuses a bad configuration with a clear message', async () => {
    const result = await runScript('server/main.ts', { ...env, PORT: 'abc' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Konfigurationsfehler: PORT muss eine ganze Zahl');
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    // A retention period too short to be meant (the deletion concept's minimum) as well.
    const retention = await runScript('server/main.ts', { ...env, RETENTION_NOTES_DAYS: '1' });
    expect(retention.code).toBe(2);
    expect(retention.stderr).toContain(
      'Konfigurationsfehler: RETENTION_NOTES_DAYS muss eine ganze Zahl von Tagen sein, mindestens 7',
    );
  });
});
