// The real entry points as child processes: server/main.ts (start, demo seed on first start
// only, SIGTERM) and the `npm run demo:remove` CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DatabaseConfig } from '../../server/config';
import { runScript, startServer } from './support/server-process';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

function envFor(config: DatabaseConfig, dataDir: string): Record<string, string> {
  return config.kind === 'postgres'
    ? { DATABASE_URL: config.url, DATA_DIR: dataDir }
    : { DATA_DIR: dataDir };
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

  async function getJson<T>(url: string): Promise<T> {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  it('starts, seeds once, answers, removes examples and stops on SIGTERM', async () => {
    const server = await startServer(env);
    expect(await getJson(`${server.url}/api/v1/health`)).toEqual({
      status: 'ok',
      db: dialect,
      version: '0.1.0',
    });
    type Pull = { head: number; cookie: string; changes: { activities: unknown[] } };
    const first = await getJson<Pull>(`${server.url}/api/v1/pull`);
    expect(first.changes.activities).toHaveLength(18);

    // The CLI works against the running server's database.
    const removed = await runScript('server/demo/remove-examples.cli.ts', env);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('22 Beispiel-Einträge entfernt.');
    const after = await getJson<Pull & { deleted: { activities: string[] } }>(
      `${server.url}/api/v1/pull?cookie=${encodeURIComponent(first.cookie)}`,
    );
    expect(after.deleted.activities).toHaveLength(18);

    expect(await server.stop()).toBe(0);
    expect(server.output()).toContain('shutting down');

    // Second start: no second seed, examples stay removed.
    const again = await startServer(env);
    const pull = await getJson<Pull>(`${again.url}/api/v1/pull`);
    expect(pull.head).toBe(after.head);
    expect(pull.changes.activities).toHaveLength(0);
    expect(again.output()).not.toContain('demo data loaded');
    expect(await again.stop()).toBe(0);

    const nothing = await runScript('server/demo/remove-examples.cli.ts', env);
    expect(nothing.stdout).toContain('Keine Beispieldaten gefunden');
  });

  it('starts empty with DEMO_DATA=off', async () => {
    const server = await startServer({ ...env, DEMO_DATA: 'off' });
    const response = await fetch(`${server.url}/api/v1/pull`);
    expect(response.status).toBe(404);
    expect(await server.stop()).toBe(0);
  });

  it('refuses a bad configuration with a clear message', async () => {
    const result = await runScript('server/main.ts', { ...env, PORT: 'abc' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Konfigurationsfehler: PORT muss eine ganze Zahl');
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
