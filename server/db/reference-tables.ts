// The device's table names (protocol, camelCase) and the server's (SQL, snake_case).
import type { ReferenceTable } from '../../src/shared/protocol';
import type { SyncedTableName } from '../db/tables';

export const SQL_TABLE: Readonly<Record<ReferenceTable, SyncedTableName>> = {
  themes: 'themes',
  institutions: 'institutions',
  activities: 'activities',
  storefronts: 'storefronts',
  openingExceptions: 'opening_exceptions',
  topics: 'topics',
};
