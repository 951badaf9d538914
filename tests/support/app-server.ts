// The real server (API + built PWA) on a free local port with a fresh SQLite file and the demo
// data, as `npm start` would run it. Used by the e2e tests and the benchmarks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../../server/app';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import type { Database } from '../../server/db/tables';
import { seedDemoData } from '../../server/demo/seed';

export interface AppServer {
  url: string;
  /** Every line the server logged, at the production level (info), across restarts. */
  logs: string[];
  app: FastifyInstance;
  db: Kysely<Database>;
  /** Stops listening (the PWA must then live from its service worker and IndexedDB). */
  stop(): Promise<void>;
  /** Listens again on the same port and database (the server "comes back"). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startAppServer(options: { staticDir?: string; port?: number } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'qb-app-'));
  const db = openDatabase({ kind: 'sqlite', file: path.join(dir, 'app.sqlite') });
  await migrateToLatest(db);
  await seedDemoData(db);
  const config = {
    staticDir: options.staticDir ?? 'dist',
    logLevel: 'info',
  } as const;
  // Collected, not printed: tests check that nothing personal reaches the log.
  const logs: string[] = [];
  const logger = { stream: { write: (line: string) => void logs.push(line) } };
  let app = await buildApp({ db, config, logger });
  const url = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const port = Number(new URL(url).port);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  const restart = async () => {
    await stop();
    app = await buildApp({ db, config, logger });
    await app.listen({ port, host: '127.0.0.1' });
    stopped = false;
  };
  const server: AppServer = {
    url,
    logs,
    get app() {
      return app;
    },
    db,
    stop,
    restart,
    close: async () => {
      await stop();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
