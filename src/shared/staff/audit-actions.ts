// Which lines of the audit log are reads and which are changes (issue 11, "who read what").
// Reads of personal data are named `read.<what>` so a retention rule can keep them apart from
// changes with one prefix; the two reads that were audited before them keep their names
// (`export.csv`, `report.view`: old lines are not rewritten) and count as reads too. Everything
// else — changes, sign-ins, revokes — is a change. The server filters with the same lists
// (server/repos/audit.repo.ts), the Protokoll shows "Änderungen" and "Lesezugriffe" by them.
import * as v from 'valibot';

/** Every action of a read of personal data starts with this. */
export const READ_ACTION_PREFIX = 'read.';

/** Reads audited under their own names before `read.` existed. */
export const OLDER_READ_ACTIONS = ['export.csv', 'report.view'] as const;

/** The read actions written today (docs/api.md, "What the audit log records"). */
export const READ_ACTIONS = {
  /** GET /staff/partners: the call partners with their phone numbers. */
  partners: 'read.partners',
  /** GET /staff/people: the quarter's people by name. */
  people: 'read.people',
  /** GET /staff/week, when it showed partner names, concern notes or walk routes. */
  week: 'read.week',
  /** GET /staff/entries/:id/history: an entry with every old value. */
  entryHistory: 'read.entry_history',
  /** A device's pull that delivered entries, partners or walk routes. */
  pull: 'read.pull',
  /** GET /staff/partners/:id/export: everything held about one call partner. */
  exportPartner: 'read.export_partner',
  /** GET /staff/people/:id/export: everything held about one volunteer or staff member. */
  exportPerson: 'read.export_person',
} as const;

export function isReadAction(action: string): boolean {
  return (
    action.startsWith(READ_ACTION_PREFIX) ||
    (OLDER_READ_ACTIONS as readonly string[]).includes(action)
  );
}

/** `?show=` of GET /staff/audit: every line, only changes, or only reads. */
export const AUDIT_SHOW = ['all', 'changes', 'reads'] as const;
export type AuditShow = (typeof AUDIT_SHOW)[number];
export const auditShowSchema = v.picklist(AUDIT_SHOW);
