// The CSV export of one entry kind over a range of Berlin days (issue 10, GET
// /staff/export.csv): UTF-8 with BOM, `;` between cells, CRLF between lines and quoting by
// csv-stringify, so German Excel opens it as it is. Columns and German formats:
// csv-columns.ts. Live entries only.
//
// Streams: the range is read in pages of EXPORT_PAGE_ROWS by keyset `(occurred_at, id)`
// (repos/export.repo.ts) and each page is turned into lines only when the reader wants more,
// so a year of entries never sits in memory and no transaction stays open while a slow
// download runs. The price: a page is read at its own moment, so an entry written or moved
// during a long download may or may not be in the file — as if it had come a second earlier or
// later. If the database fails halfway, the stream ends with an error and the download breaks
// off (the status line is long gone); it never ends as if the file were complete.
//
// Audit: the line `export.csv` is written before the first byte leaves, with the range and the
// number of rows the range holds at that moment (one COUNT over the same index). Written at
// the end instead, an export whose download was broken off — by a dropped connection or on
// purpose — would leave no trace although most of the data had left the server.
import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Kysely } from 'kysely';
import { addDays, berlinInstant } from '../../src/domain/dates';
import { exportFileName, type ExportQuery } from '../../src/shared/staff/staff-reports';
import type { Database } from '../db/tables';
import { recordAudit, type AuditActor } from '../repos/audit.repo';
import {
  countExportRows,
  readExportPage,
  type ExportCursor,
  type ExportRange,
  type ExportRow,
} from '../repos/export.repo';
import { CSV_COLUMNS, type CsvColumn, type CsvEntry } from './csv-columns';

/** Rows per read: large enough that a year is ~100 queries, small enough to be ~1 MB. */
export const EXPORT_PAGE_ROWS = 500;

export interface CsvExport {
  fileName: string;
  /** Rows the range held when the export started (as in the audit line). */
  rows: number;
  /** The file's bytes: BOM, header line, one line per entry. */
  stream: Readable;
}

export interface CsvExportOptions {
  /** Rows per page; default EXPORT_PAGE_ROWS. */
  pageRows?: number;
  now?: Date;
}

/** `[from 00:00, the day after to 00:00)` in Europe/Berlin, as UTC ISO instants. */
export function berlinDayRange(from: string, to: string): { from: string; to: string } {
  return {
    from: new Date(berlinInstant(from, 0)).toISOString(),
    to: new Date(berlinInstant(addDays(to, 1), 0)).toISOString(),
  };
}

/**
 * Starts the export of `query` for the staff member `actor` of `quarterId`: writes the audit
 * line and returns the file as a stream (not yet read: the reply pulls it).
 */
export async function startCsvExport(
  db: Kysely<Database>,
  quarterId: string,
  actor: AuditActor,
  query: ExportQuery,
  options: CsvExportOptions = {},
): Promise<CsvExport> {
  const range: ExportRange = {
    quarterId,
    kind: query.kind,
    ...berlinDayRange(query.from, query.to),
  };
  const rows = await countExportRows(db, range);
  await recordAudit(
    db,
    {
      quarterId,
      actor,
      action: 'export.csv',
      subjectType: 'entries',
      subjectId: query.kind,
      detail: { kind: query.kind, from: query.from, to: query.to, rows },
    },
    options.now,
  );
  const columns = CSV_COLUMNS[query.kind];
  const source = Readable.from(lines(db, range, columns, options.pageRows ?? EXPORT_PAGE_ROWS));
  const csv = stringify({
    delimiter: ';',
    bom: true,
    record_delimiter: '\r\n',
    // Quote only where needed (`;`, `"`, line breaks), as Excel writes CSV itself.
    quoted: false,
  });
  // pipeline, not pipe: an error in reading destroys the CSV stream too (the reply then breaks
  // off), and a reader who goes away stops the reading.
  const stream = pipeline(source, csv, () => undefined);
  return { fileName: exportFileName(query), rows, stream };
}

/** The header line, then one line of cells per entry, page by page. */
async function* lines(
  db: Kysely<Database>,
  range: ExportRange,
  columns: readonly CsvColumn[],
  pageRows: number,
): AsyncGenerator<string[]> {
  yield columns.map((column) => column.header);
  let cursor: ExportCursor | null = null;
  for (;;) {
    const page = await readExportPage(db, range, cursor, pageRows);
    for (const row of page) {
      const entry = csvEntry(row);
      yield columns.map((column) => column.cell(entry));
    }
    const last = page.at(-1);
    if (page.length < pageRows || !last) return;
    cursor = { occurredAt: last.occurred_at, id: last.id };
  }
}

function csvEntry(row: ExportRow): CsvEntry {
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(row.fields) as Record<string, unknown>;
  } catch {
    // Stored by the server itself, so this does not happen; one bad row must not end the file.
    fields = {};
  }
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    concern: row.concern === 1,
    conflict: row.conflict === 1,
    fields,
    authorName: row.author_name ?? '',
  };
}
