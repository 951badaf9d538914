// What needs a person, on top of staff's week (issue 10), whatever week is shown:
// - open concerns: live entries marked "Sorge / Hilfebedarf" whose follow-up is not done;
// - call partners after three unanswered calls in a row (partner-flags.ts). One that staff
//   closed stays closed until a call made after that (`occurredAt` later than the follow-up's
//   `done_at`) is unanswered again — a newer attempt that still did not reach them;
// - entries with a conflict flag. The flag itself decides: resolving it in the entry's history
//   clears it (entry-resolve.service.ts); a new concurrent edit sets it again, and the item comes
//   back with its old follow-up shown as open again.
// Each carries its follow-up (owner, due date, status, note, version; version 0 and "open" while
// nobody touched it) and only what staff need to act: the kind, when, who wrote it, the partner's
// first name or nickname, and for concerns the note's beginning. Never a phone number.
import type { Kysely } from 'kysely';
import {
  CONCERN_PREVIEW_CHARS,
  type AttentionItem,
  type FollowUp,
  type FollowUpSubject,
} from '../../src/shared/staff/staff-week';
import type { Database } from '../db/tables';
import { readFollowUpsOf, type FollowUpRow } from '../repos/follow-up.repo';
import { readFlaggedEntries, readUserNames, type FlaggedEntry } from '../repos/staff-week.repo';
import { flaggedPartnersOf } from './partner-flags';

/** A follow-up as the API shows it; the default (version 0) when there is no row. */
export function followUpOf(
  subjectType: FollowUpSubject,
  subjectId: string,
  row: FollowUpRow | undefined,
): FollowUp {
  if (!row) {
    return {
      subjectType,
      subjectId,
      ownerUserId: null,
      ownerName: null,
      dueDate: null,
      status: 'open',
      note: '',
      version: 0,
      updatedAt: null,
      doneAt: null,
    };
  }
  return {
    subjectType,
    subjectId,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    dueDate: row.due_date,
    status: row.status,
    note: row.note,
    version: row.version,
    updatedAt: row.updated_at,
    doneAt: row.done_at,
  };
}

/** The first `CONCERN_PREVIEW_CHARS` UTF-16 units, never ending in half a surrogate pair. */
export function notePreview(note: unknown): string | null {
  if (typeof note !== 'string' || note === '') return null;
  let preview = note.slice(0, CONCERN_PREVIEW_CHARS);
  const last = preview.charCodeAt(preview.length - 1);
  if (preview.length < note.length && last >= 0xd800 && last <= 0xdbff) {
    preview = preview.slice(0, -1);
  }
  return preview;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

function entryItem(
  subjectType: 'concern' | 'conflict',
  entry: FlaggedEntry,
  row: FollowUpRow | undefined,
  names: ReadonlyMap<string, string>,
): AttentionItem {
  const reopened = row?.status === 'done';
  const followUp = followUpOf(subjectType, entry.id, row);
  return {
    subjectType,
    subjectId: entry.id,
    kind: entry.kind,
    occurredAt: entry.occurredAt,
    authorName: names.get(entry.authorUserId) ?? '',
    // A call's partner as the caller wrote it; a registered partner's own name.
    partnerName: text(entry.kind === 'partner' ? entry.fields.name : entry.fields.partner),
    notePreview: subjectType === 'concern' ? notePreview(entry.fields.note) : null,
    unansweredInARow: null,
    followUp: reopened ? { ...followUp, status: 'open' } : followUp,
    reopened,
  };
}

const followUpsOf = (
  db: Kysely<Database>,
  quarterId: string,
  type: FollowUpSubject,
  subjects: readonly { id: string }[],
) =>
  readFollowUpsOf(
    db,
    quarterId,
    type,
    subjects.map((subject) => subject.id),
  );

/** Concerns (oldest first), flagged partners, then conflicts (oldest first). */
export async function attentionItems(
  db: Kysely<Database>,
  quarterId: string,
  now: Date = new Date(),
): Promise<AttentionItem[]> {
  const items: AttentionItem[] = [];

  const concerns = await readFlaggedEntries(db, quarterId, 'concern');
  const conflicts = await readFlaggedEntries(db, quarterId, 'conflict');
  const names = await readUserNames(
    db,
    quarterId,
    [...concerns, ...conflicts].map((entry) => entry.authorUserId),
  );
  const concernFollowUps = await followUpsOf(db, quarterId, 'concern', concerns);
  for (const entry of concerns) {
    items.push(entryItem('concern', entry, concernFollowUps.get(entry.id), names));
  }

  const partners = await flaggedPartnersOf(db, quarterId, now);
  const partnerFollowUps = await followUpsOf(db, quarterId, 'partner', partners);
  for (const partner of partners) {
    const row = partnerFollowUps.get(partner.id);
    let reopened = false;
    if (row?.status === 'done') {
      const lastCall = partner.lastCallAt === null ? NaN : Date.parse(partner.lastCallAt);
      const doneAt = row.done_at === null ? NaN : Date.parse(row.done_at);
      // Closed, and no unanswered call made since: it stays closed.
      if (!(lastCall > doneAt)) continue;
      reopened = true;
    }
    const followUp = followUpOf('partner', partner.id, row);
    items.push({
      subjectType: 'partner',
      subjectId: partner.id,
      kind: 'partner',
      occurredAt: partner.lastCallAt,
      authorName: null,
      partnerName: partner.name,
      notePreview: null,
      unansweredInARow: partner.unansweredInARow,
      followUp: reopened ? { ...followUp, status: 'open' } : followUp,
      reopened,
    });
  }

  const conflictFollowUps = await followUpsOf(db, quarterId, 'conflict', conflicts);
  for (const entry of conflicts) {
    items.push(entryItem('conflict', entry, conflictFollowUps.get(entry.id), names));
  }
  return items;
}
