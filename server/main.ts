// Starts the server: config → database → migrations → demo data (first start only) → listen.
// Shuts down cleanly on SIGTERM/SIGINT: stop accepting requests, let running ones finish,
// then close the database, so no write is cut off halfway.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { seedDemoData } from './demo/seed';

const config = loadConfigOrExit();
let log: Pick<FastifyInstance['log'], 'warn'> = console;
const db = openDatabase(config.database, {
  onConnectionError: (err) => log.warn({ err }, 'database connection lost'),
});
const app = await start().catch(async (err: unknown) => {
  console.error('Start fehlgeschlagen:', err);
  await db.destroy();
  process.exit(1);
});
log = app.log;

async function start(): Promise<FastifyInstance> {
  const server = await buildApp({ db, config });
  const applied = await migrateToLatest(db);
  if (applied.length > 0) server.log.info({ migrations: applied }, 'migrations applied');
  if (config.demoData && (await seedDemoData(db))) {
    server.log.info('demo data loaded into the empty database');
  }
  await server.listen({ port: config.port, host: config.host });
  return server;
}

let closing = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  try {
    await app.close();
  } finally {
    await db.destroy();
  }
}

// `once`: a second Ctrl+C during a slow shutdown falls through to Node's default and exits now.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void shutdown(signal));
}

function loadConfigOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // A configuration mistake is the operator's to fix: say what, without a stack trace.
    console.error(`Konfigurationsfehler: ${err.message}`);
    process.exit(2);
  }
}
