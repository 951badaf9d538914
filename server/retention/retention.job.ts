// The retention job (issue 11): deletes what has outlived its period (retention-rules.ts), in
// every quarter, in rounds of a few hundred rows. Entry changes go through `writeInQuarter`
// with a new version, so devices apply them with their next pull — a tablet that was offline
// across the day gets them when it is back: emptied notes as a changed entry, expired entries
// and ended partners as tombstones. What is only counted survives: an expired entry keeps its
// figure columns and concern flag (and its activity's name), so the figures of old weeks and
// months do not change; nothing personal stays. Safe to run in several server processes at
// once: each round looks before it writes and re-checks inside the transaction.
import type { Kysely, Transaction } from 'kysely';
import { COUNTED_KINDS } from '../../src/domain/entry-figures';
import type { Database } from '../db/tables';
import { tombstoneEntry } from '../repos/entry.repo';
import { writeInQuarter, type WriteContext } from '../repos/quarter-version.repo';
import {
  deleteAuditBefore,
  deleteHistoryBefore,
  deletePushLogBefore,
  deleteRoutesBefore,
  endedPartnersBefore,
  expireEntries,
  liveEntriesBefore,
  quarterIds,
  rewriteFields,
  withCountsOnly,
  type ExpiringEntry,
} from '../repos/retention.repo';
import { cutoffs, type RetentionDays, type RetentionKind } from './retention-rules';

/** Rows deleted or emptied per kind of data in one run. */
export type RetentionReport = Record<RetentionKind, number>;

/** Every kind that counts as activity has a free-text note (src/shared/kinds). */
const NOTE_KINDS = COUNTED_KINDS;

export async function runRetention(
  db: Kysely<Database>,
  days: RetentionDays,
  now: Date = new Date(),
): Promise<RetentionReport> {
  const cut = cutoffs(now, days);
  const report: RetentionReport = {
    notes: 0,
    entries: 0,
    history: 0,
    endedPartners: 0,
    routes: 0,
    pushLog: 0,
    audit: 0,
    readAudit: 0,
  };
  for (const quarterId of await quarterIds(db)) {
    // Entries first: an entry that expires needs no emptied note.
    report.entries += await inRounds(db, quarterId, now, {
      find: (ex) => liveEntriesBefore(ex, quarterId, COUNTED_KINDS, cut.entries),
      apply: (w, rows) => expireEntries(w, rows.map(withCountsOnly)),
    });
    report.notes += await inRounds(db, quarterId, now, {
      find: (ex) => liveEntriesBefore(ex, quarterId, NOTE_KINDS, cut.notes, { withNote: true }),
      apply: (w, rows) => rewriteFields(w, rows.map(withoutNote)),
    });
    report.endedPartners += await inRounds(db, quarterId, now, {
      find: async (ex) =>
        (await endedPartnersBefore(ex, quarterId, cut.endedPartners)).map((id) => ({
          id,
          fields: '',
        })),
      apply: async (w, rows) => {
        for (const row of rows) await tombstoneEntry(w, row.id);
      },
    });
    report.history += await deleteHistoryBefore(db, quarterId, cut.history);
    report.routes += await deleteRoutesBefore(db, quarterId, cut.routes);
    report.audit += await deleteAuditBefore(db, quarterId, cut.audit, 'changes');
    report.readAudit += await deleteAuditBefore(db, quarterId, cut.readAudit, 'reads');
  }
  report.pushLog = await deletePushLogBefore(db, cut.pushLog);
  return report;
}

interface Rounds {
  /** What is due now (read without a transaction first, then again inside it). */
  find: (db: Kysely<Database> | Transaction<Database>) => Promise<ExpiringEntry[]>;
  apply: (w: WriteContext, rows: ExpiringEntry[]) => Promise<void>;
}

/**
 * Runs `apply` on what `find` finds, a batch per transaction, until nothing is due. Looks
 * first without writing, so a run with nothing to do bumps no version.
 */
async function inRounds(
  db: Kysely<Database>,
  quarterId: string,
  now: Date,
  rounds: Rounds,
): Promise<number> {
  let total = 0;
  for (;;) {
    if ((await rounds.find(db)).length === 0) return total;
    const done = await writeInQuarter(
      db,
      quarterId,
      async (w) => {
        const rows = await rounds.find(w.tx);
        await rounds.apply(w, rows);
        return rows.length;
      },
      { now },
    );
    total += done;
    if (done === 0) return total;
  }
}

/** The entry's fields with the note emptied, in the order they were stored. */
function withoutNote(row: ExpiringEntry): ExpiringEntry {
  const fields = JSON.parse(row.fields) as Record<string, unknown>;
  return { id: row.id, fields: JSON.stringify({ ...fields, note: '' }) };
}
