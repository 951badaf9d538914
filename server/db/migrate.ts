// Runs the numbered migrations through Kysely's Migrator. The list is static (imports, not a
// folder scan) so it works the same under tsx, in a bundle and in tests, and a migration that
// is not listed here simply does not exist.
import {
  Migrator,
  NO_MIGRATIONS,
  type Kysely,
  type Migration,
  type MigrationResultSet,
} from 'kysely';
import * as referenceData from './migrations/0001-reference-data';
import * as identity from './migrations/0002-identity';
import * as push from './migrations/0003-push';
import * as deviceView from './migrations/0004-device-view';
import * as walkTracks from './migrations/0005-walk-tracks';
import * as personSessions from './migrations/0006-person-sessions';
import * as signInGuard from './migrations/0007-sign-in-guard';
import * as entries from './migrations/0008-entries';
import * as staff from './migrations/0009-staff';
import * as deletingDeletes from './migrations/0010-deleting-deletes';
import * as erasure from './migrations/0011-erasure';
import type { Database } from './tables';

/** Append only; names sort in order and must never change once released. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-reference-data': referenceData,
  '0002-identity': identity,
  '0003-push': push,
  '0004-device-view': deviceView,
  '0005-walk-tracks': walkTracks,
  '0006-person-sessions': personSessions,
  '0007-sign-in-guard': signInGuard,
  '0008-entries': entries,
  '0009-staff': staff,
  '0010-deleting-deletes': deletingDeletes,
  '0011-erasure': erasure,
};

function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  return applied(await migrator(db).migrateToLatest());
}

/**
 * Migrate up (or down) to exactly the migration `name` (`npm run restore`: a backup's rows fit
 * the schema as it was when the backup was written).
 */
export async function migrateTo(db: Kysely<Database>, name: string): Promise<string[]> {
  return applied(await migrator(db).migrateTo(name));
}

/** Undo every migration (tests, and a deliberate reset of a database). */
export async function migrateDownAll(db: Kysely<Database>): Promise<string[]> {
  return applied(await migrator(db).migrateTo(NO_MIGRATIONS));
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? '(unbekannt)'} fehlgeschlagen`, { cause: error });
  }
  return (results ?? []).map((result) => result.migrationName);
}
