// The retention periods in the pull answer (issue 11), on SQLite and PostgreSQL: every pull —
// a device's and the public one of a first visit — names the periods the server deletes by,
// the configured ones where the operator set `RETENTION_<KIND>_DAYS` (through server/main.ts,
// as a real process), the defaults otherwise. A revoked device learns nothing; an answer
// without the field (an older server) still parses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import type { DatabaseConfig } from '../../server/config';
import { revokeDevice } from '../../server/repos/device.repo';
import { loadRetention, RETENTION_RULES } from '../../server/retention/retention-rules';
import { pullResponseSchema } from '../../src/shared/protocol';
import { RETENTION_DEFAULT_DAYS } from '../../src/shared/retention-defaults';
import { enrolDevice } from './support/identity-fixtures';
import { pullAs, pullRaw } from './support/pull-fixtures';
import { startServer } from './support/server-process';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const CONFIGURED = { RETENTION_ROUTES_DAYS: '30', RETENTION_NOTES_DAYS: '92' };

describeEachDialect('retention periods in the pull', (dialect) => {
  const fresh = useFreshDatabase(dialect);

  async function appWith(env: Record<string, string>) {
    return buildApp({
      db: fresh().db,
      config: { staticDir: '/nonexistent/quartiersbuch-static', logLevel: 'silent' },
      logger: false,
      retention: loadRetention(env),
    });
  }

  it('names the configured periods to an enrolled device and to a first visit', async () => {
    const app = await appWith(CONFIGURED);
    const device = await enrolDevice(app, fresh().db);
    const expected = { ...RETENTION_DEFAULT_DAYS, routes: 30, notes: 92 };
    expect((await pullAs(app, device.authorization)).retention).toEqual(expected);
    // The public pull (not enrolled yet) carries them too: the privacy notice shows them.
    const open = await pullRaw(app, undefined);
    expect(open.statusCode, open.body).toBe(200);
    expect(v.parse(pullResponseSchema, open.json()).retention).toEqual(expected);
    await app.close();
  });

  it('names the defaults when nothing is configured', async () => {
    const { app } = await buildTestApp(fresh().db);
    const device = await enrolDevice(app, fresh().db);
    const pulled = await pullAs(app, device.authorization);
    expect(pulled.retention).toEqual(
      Object.fromEntries(
        Object.entries(RETENTION_RULES).map(([kind, rule]) => [kind, rule.defaultDays]),
      ),
    );
    await app.close();
  });

  it('tells a revoked device nothing, and an answer without periods still parses', async () => {
    const app = await appWith(CONFIGURED);
    const device = await enrolDevice(app, fresh().db);
    const pulled = await pullRaw(app, device.authorization);
    await revokeDevice(fresh().db, device.deviceId);
    const revoked = await pullRaw(app, device.authorization);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.body).not.toContain('retention');
    // An older server's answer: no `retention` at all. A bad one is refused as a whole.
    const older = pulled.json<Record<string, unknown>>();
    delete older.retention;
    expect(v.parse(pullResponseSchema, older).retention).toBeUndefined();
    const bad = { ...older, retention: { ...RETENTION_DEFAULT_DAYS, routes: 0 } };
    expect(v.safeParse(pullResponseSchema, bad).success).toBe(false);
    await app.close();
  });
});

describeEachDialect('retention periods from the environment (server process)', (dialect) => {
  const fresh = useFreshDatabase(dialect, { migrate: false });
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'qb-retention-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const envFor = (config: DatabaseConfig): Record<string, string> => ({
    ...(config.kind === 'postgres' ? { DATABASE_URL: config.url } : {}),
    DATA_DIR: dataDir,
    STATIC_DIR: join(dataDir, 'no-build'),
  });

  it('server/main.ts tells devices the periods RETENTION_<KIND>_DAYS set', async () => {
    const server = await startServer({ ...envFor(fresh().config), ...CONFIGURED });
    try {
      const response = await fetch(`${server.url}/api/v1/pull`);
      expect(response.status).toBe(200);
      const pulled = v.parse(pullResponseSchema, await response.json());
      expect(pulled.retention).toMatchObject({ routes: 30, notes: 92, entries: 730 });
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });
});
