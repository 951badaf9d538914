// Everything the database holds about one call partner or one user, as one JSON document for
// staff to hand over (issue 11, "Auskunft"; docs/api.md). Every personal table of the registry
// (person-data.ts) is listed, empty or not, so the reader sees what was looked at; withheld
// columns (hashes) are dropped here, whatever the repo returned. The read leaves an audit line
// with ids and counts only, written before the answer leaves.
import type { Kysely } from 'kysely';
import { READ_ACTIONS } from '../../src/shared/staff/audit-actions';
import type { Database } from '../db/tables';
import { NotFoundError } from '../errors';
import { recordAudit } from '../repos/audit.repo';
import { partnerRows, userRows, type PersonRows, type Row } from '../repos/person-data.repo';
import type { Reader } from '../sync/read-audit';
import { PERSONAL_TABLES, withoutWithheld } from './person-data';

export type ExportSubjectType = 'partner' | 'person';

export interface PersonExport {
  subject: { type: ExportSubjectType; id: string; name: string };
  exportedAt: string;
  tables: Record<string, Row[]>;
}

export interface PersonExportFile {
  fileName: string;
  body: PersonExport;
}

function tablesOf(rows: PersonRows): Record<string, Row[]> {
  const tables: Record<string, Row[]> = {};
  for (const table of PERSONAL_TABLES) {
    tables[table] = (rows[table] ?? []).map((row) => withoutWithheld(table, row));
  }
  return tables;
}

/** The export of a partner (`partner`) or a user (`person`) of the reader's quarter; 404 otherwise. */
export async function exportPersonData(
  db: Kysely<Database>,
  reader: Reader,
  subject: { type: ExportSubjectType; id: string },
  now: Date,
): Promise<PersonExportFile> {
  const found =
    subject.type === 'partner'
      ? await partnerRows(db, reader.quarterId, subject.id)
      : await userRows(db, reader.quarterId, subject.id);
  if (!found) {
    throw new NotFoundError(
      subject.type === 'partner'
        ? 'Diesen Gesprächspartner gibt es hier nicht.'
        : 'Diese Person gibt es hier nicht.',
    );
  }
  const tables = tablesOf(found.rows);
  const counts = Object.fromEntries(
    Object.entries(tables)
      .filter(([, rows]) => rows.length > 0)
      .map(([table, rows]) => [table, rows.length]),
  );
  await recordAudit(
    db,
    {
      quarterId: reader.quarterId,
      actor: { userId: reader.userId, name: reader.name },
      action: subject.type === 'partner' ? READ_ACTIONS.exportPartner : READ_ACTIONS.exportPerson,
      subjectType: subject.type,
      subjectId: subject.id,
      detail: { counts },
    },
    now,
  );
  const day = now.toISOString().slice(0, 10);
  // plainId is ASCII without quotes, so the name needs no RFC 5987 form.
  const what = subject.type === 'partner' ? 'gespraechspartner' : 'person';
  return {
    fileName: `auskunft-${what}-${subject.id}-${day}.json`,
    body: {
      subject: { type: subject.type, id: subject.id, name: found.name },
      exportedAt: now.toISOString(),
      tables,
    },
  };
}
