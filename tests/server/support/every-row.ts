// Every row of every table as text: what a copy of the database would show. Tests of deleting
// and erasing (issue 11) look for a secret in it, so no table can keep one unnoticed.
import type { Kysely } from 'kysely';
import type { Database } from '../../../server/db/tables';

export async function everyRow(db: Kysely<Database>): Promise<string> {
  const tables = await db.introspection.getTables();
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await db
      .selectFrom(table.name as keyof Database)
      .selectAll()
      .execute();
    parts.push(`${table.name}: ${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}
