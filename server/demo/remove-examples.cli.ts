// `npm run demo:remove`: removes the example data from the configured database (same
// environment variables as the server) and says in German how many rows it removed. Safe while
// the server runs: SQLite waits for the server's write lock (busy_timeout), PostgreSQL for the
// quarter row's lock.
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { removeExampleData } from './remove-examples';

const config = loadConfig(process.env);
const db = openDatabase(config.database);
try {
  await migrateToLatest(db);
  const removed = await removeExampleData(db);
  console.log(
    removed === 0
      ? 'Keine Beispieldaten gefunden – nichts entfernt.'
      : `${removed} Beispiel-${removed === 1 ? 'Eintrag' : 'Einträge'} entfernt. ` +
          'Die Geräte löschen sie beim nächsten Abgleich.',
  );
} catch (err) {
  console.error('Beispieldaten konnten nicht entfernt werden:', err);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
