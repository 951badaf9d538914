// What a backup reads of the database's own description (the catalog), so that a table added by
// a later migration is backed up and restored without anyone touching the backup code: every
// table with its columns, its primary key (the order rows are dumped in) and the tables its
// foreign keys point to (the order tables are restored in). SQLite: sqlite_master and the
// pragma table functions; PostgreSQL: pg_catalog, limited to the current schema.
import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE, sql, type Kysely } from 'kysely';
import { dialectOf } from './database';
import type { Database } from './tables';

export interface TableShape {
  name: string;
  /** In the order the table defines them. */
  columns: string[];
  primaryKey: string[];
  /** Tables this one's foreign keys point to (itself left out). */
  parents: string[];
}

/** Kysely's own bookkeeping of migrations: not data, and recreated by migrating. */
export const MIGRATION_TABLES: readonly string[] = [
  DEFAULT_MIGRATION_TABLE,
  DEFAULT_MIGRATION_LOCK_TABLE,
];

interface ColumnRow {
  table_name: string;
  column_name: string;
}

interface ParentRow {
  table_name: string;
  parent: string;
}

/** Every table of the schema but Kysely's own, parents before the tables pointing to them. */
export async function readTableShapes(db: Kysely<Database>): Promise<TableShape[]> {
  const queries = dialectOf(db) === 'postgres' ? POSTGRES : SQLITE;
  const columns = (await queries.columns.execute(db)).rows;
  const keys = (await queries.primaryKeys.execute(db)).rows;
  const parents = (await queries.parents.execute(db)).rows;
  const shapes = new Map<string, TableShape>();
  for (const { table_name: name, column_name: column } of columns) {
    if (MIGRATION_TABLES.includes(name)) continue;
    const shape = shapes.get(name) ?? { name, columns: [], primaryKey: [], parents: [] };
    shape.columns.push(column);
    shapes.set(name, shape);
  }
  for (const { table_name: name, column_name: column } of keys) {
    shapes.get(name)?.primaryKey.push(column);
  }
  for (const { table_name: name, parent } of parents) {
    const shape = shapes.get(name);
    if (shape && parent !== name && !shape.parents.includes(parent)) shape.parents.push(parent);
  }
  return insertOrder([...shapes.values()]);
}

/**
 * Parents first (Kahn's algorithm), ties by name so the order is the same on every run and
 * both databases. A cycle of foreign keys cannot be restored table by table: refused.
 */
export function insertOrder(tables: readonly TableShape[]): TableShape[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const placed = new Set<string>();
  const order: TableShape[] = [];
  const waiting = [...tables].sort((a, b) => (a.name < b.name ? -1 : 1));
  while (waiting.length > 0) {
    const next = waiting.findIndex((table) =>
      table.parents.every((parent) => placed.has(parent) || !byName.has(parent)),
    );
    if (next < 0) {
      throw new Error(`foreign keys form a cycle: ${waiting.map((t) => t.name).join(', ')}`);
    }
    const [table] = waiting.splice(next, 1);
    if (!table) break;
    placed.add(table.name);
    order.push(table);
  }
  return order;
}

/** Every table, Kysely's own included (an empty database has none). */
export async function listAllTables(db: Kysely<Database>): Promise<string[]> {
  const queries = dialectOf(db) === 'postgres' ? POSTGRES : SQLITE;
  const rows = (await queries.tables.execute(db)).rows;
  return rows.map((row) => row.table_name).sort();
}

/** The names of the migrations applied to this database, in order ([] if never migrated). */
export async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  if (!(await listAllTables(db)).includes(DEFAULT_MIGRATION_TABLE)) return [];
  const { rows } = await sql<{
    name: string;
  }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)} order by name`.execute(db);
  return rows.map((row) => row.name);
}

const SQLITE = {
  tables: sql<{ table_name: string }>`
    select name as table_name from sqlite_master
    where type = 'table' and name not like 'sqlite\\_%' escape '\\'`,
  columns: sql<ColumnRow>`
    select m.name as table_name, p.name as column_name
    from sqlite_master m join pragma_table_info(m.name) p
    where m.type = 'table' and m.name not like 'sqlite\\_%' escape '\\'
    order by m.name, p.cid`,
  primaryKeys: sql<ColumnRow>`
    select m.name as table_name, p.name as column_name
    from sqlite_master m join pragma_table_info(m.name) p
    where m.type = 'table' and p.pk > 0
    order by m.name, p.pk`,
  parents: sql<ParentRow>`
    select m.name as table_name, f."table" as parent
    from sqlite_master m join pragma_foreign_key_list(m.name) f
    where m.type = 'table'`,
};

const POSTGRES = {
  tables: sql<{ table_name: string }>`
    select c.relname as table_name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p')`,
  columns: sql<ColumnRow>`
    select c.relname as table_name, a.attname as column_name
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = current_schema() and c.relkind in ('r', 'p')
    order by c.relname, a.attnum`,
  primaryKeys: sql<ColumnRow>`
    select c.relname as table_name, a.attname as column_name
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, position)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisprimary and n.nspname = current_schema()
    order by c.relname, k.position`,
  parents: sql<ParentRow>`
    select c.relname as table_name, p.relname as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = current_schema()`,
};
