// `npm run backup [-- <folder>]`: copies the SQLite database (DATA_DIR) into <folder>
// (default DATA_DIR/backups) while the server may keep running. PostgreSQL: use pg_dump.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { backupFileName, backupSqlite } from './backup';
import { PRIVATE_DIR_MODE } from './database';

const config = loadConfig(process.env);
if (config.database.kind !== 'sqlite') {
  console.error('DATABASE_URL ist gesetzt: Für PostgreSQL bitte pg_dump verwenden.');
  process.exit(2);
}
const folder = process.argv[2] ?? path.join(config.dataDir, 'backups');
mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
const target = path.join(folder, backupFileName(new Date()));
try {
  await backupSqlite(config.database.file, target);
  console.log(`Sicherung geschrieben: ${target}`);
} catch (err) {
  console.error('Sicherung fehlgeschlagen:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
