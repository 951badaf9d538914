// Erasure (issue 11, Art. 17 DSGVO): a person staff erased keeps their id, so that what counts
// (the figures of entries they wrote) and the audit of who did what still add up, but nothing
// that names them: `erased_at` says the row is such a remainder (privacy/person-erasure.ts).
// Tablets learn of it through the sessions they present (`erasedPeople` in pull and push).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('erased_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('erased_at').execute();
}
