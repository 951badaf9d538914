// Starts the server: config → database → migrations → demo data (first start only) → while the
// demo people are active, a fresh demo enrolment code for newcomers → listen → the retention job
// every hour. Shuts down cleanly on SIGTERM/SIGINT: stop accepting requests, let running ones
// (and a running retention round) finish, then close the database, so no write is cut off.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { demoEnrolment } from './demo/demo-enrolment';
import { seedDemoData } from './demo/seed';
import { loadRetention } from './retention/retention-rules';
import { scheduleRetention } from './retention/retention-schedule';

const config = orExit(() => loadConfig(process.env));
const retentionDays = orExit(() => loadRetention(process.env));
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
// What has outlived its period is deleted while the server runs (docs/loeschkonzept.md).
const retention = scheduleRetention(db, retentionDays, app.log);

async function start(): Promise<FastifyInstance> {
  const server = await buildApp({ db, config, retention: retentionDays });
  const applied = await migrateToLatest(db);
  if (applied.length > 0) server.log.info({ migrations: applied }, 'migrations applied');
  if (config.demoData && (await seedDemoData(db))) {
    server.log.info('demo data loaded into the empty database');
  }
  // Before listening: whoever waits for "Server listening at …" has the code by then.
  if (config.demoData) await announceDemoCode(server);
  await server.listen({ port: config.port, host: config.host });
  return server;
}

/**
 * Logged for operators and printed as a plain line for a newcomer reading the terminal. The
 * code only opens the demo quarter, whose demo people have published PINs anyway; it is not
 * printed once `npm run demo:remove` has disabled them.
 */
async function announceDemoCode(server: FastifyInstance): Promise<void> {
  const demo = await demoEnrolment(db);
  if (!demo) return;
  server.log.info({ expiresAt: demo.expiresAt.toISOString() }, demo.line);
  console.log(demo.line);
  // The link a QR code would hold: it sets the device up at once (src/views/use-route.ts).
  console.log(
    `Oder auf diesem Rechner öffnen: http://localhost:${config.port}/#/geraet/${encodeURIComponent(demo.code)}`,
  );
  if (demo.staffLine) {
    server.log.info(demo.staffLine.replace(/ mit dem Passwort .*$/, ''));
    console.log(`${demo.staffLine} – http://localhost:${config.port}/#/team`);
  }
}

let closing = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  try {
    await app.close();
    await retention.stop();
  } finally {
    await db.destroy();
  }
}

// `once`: a second Ctrl+C during a slow shutdown falls through to Node's default and exits now.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void shutdown(signal));
}

function orExit<T>(load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // A configuration mistake is the operator's to fix: say what, without a stack trace.
    console.error(`Konfigurationsfehler: ${err.message}`);
    process.exit(2);
  }
}
