// `npm run demo:remove`: removes the example data from the configured database (same
// environment variables as the server) and says in German how many rows it removed and how many
// demo people it disabled. Safe while the server runs: SQLite waits for the server's write lock
// (busy_timeout), PostgreSQL for the quarter row's lock.
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { removeExampleData } from './remove-examples';

const config = loadConfig(process.env);
const db = openDatabase(config.database);
try {
  await migrateToLatest(db);
  const { rows, people } = await removeExampleData(db);
  if (rows === 0 && people === 0) console.log('Keine Beispieldaten gefunden – nichts entfernt.');
  if (rows > 0) {
    console.log(
      `${rows} Beispiel-${rows === 1 ? 'Eintrag' : 'Einträge'} entfernt. ` +
        'Die Geräte löschen sie beim nächsten Abgleich.',
    );
  }
  if (people > 0) {
    console.log(
      `${people} Beispiel-${people === 1 ? 'Person' : 'Personen'} gesperrt: ` +
        'mit ihnen kann sich niemand mehr anmelden.',
    );
  }
} catch (err) {
  console.error('Beispieldaten konnten nicht entfernt werden:', err);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
