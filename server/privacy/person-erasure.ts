// Erasure of everything held about one call partner or one person (issue 11, Art. 17 DSGVO;
// docs/loeschkonzept.md, "Löschen auf Verlangen"). Staff ask for it on the partner's or the
// person's card and confirm with the name. One transaction with a new quarter version, so
// every tablet learns it with its next pull, also one that was offline meanwhile:
// - a call partner: the partner entry becomes a tombstone without content, and every entry that
//   names them (their calls) is emptied like an expired one — the figures stay as counts
//   (minutes, reached or not, the activity's name), nothing says who it was about; the history
//   of those entries and staff's follow-ups go. A call a tablet still sends for the erased
//   partner is accepted without effect (delete wins, server/sync/entry.mutations.ts).
// - a person (volunteer or staff): what they wrote is emptied the same way (partner entries
//   they registered stay: those are about the partner, but no partner lists them as caller any
//   more); their routes, their changes in others'
//   history, their push log, sign-in records, staff sessions and wrong-PIN records go; their
//   tablet sessions end; codes they issued and follow-ups they owned lose the link; audit lines
//   keep the id but not the name; the user row keeps id and role under a stand-in name. A
//   tablet that presents one of their sessions is told (`erasedPeople`) and forgets them,
//   their waiting changes included (src/db/erase-person.ts).
// Audit lines of others that name the id stay: they hold ids and counts only, never content.
// The erasure writes one audit line of its own with the counts.
import type { Kysely } from 'kysely';
import { confirmsName, type EraseResponse } from '../../src/shared/staff/staff-erasure';
import type { Database } from '../db/tables';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../errors';
import { recordAudit } from '../repos/audit.repo';
import { tombstoneEntry } from '../repos/entry.repo';
import { entriesNamingPartner } from '../repos/person-data.repo';
import {
  deleteDeviceUsersOf,
  deleteHistoryWrittenBy,
  deletePushLogOf,
  deleteRoutesWrittenBy,
  deleteSignInGuards,
  deleteStaffSessionsOf,
  endPersonSessionsOf,
  eraseUserRow,
  findPartnerRow,
  forgetCodeIssuer,
  forgetFollowUpOwner,
  liveEntriesWrittenBy,
  partnersCalledBy,
  renameAuditActor,
} from '../repos/person-erasure.repo';
import {
  expireEntries,
  rewriteFields,
  withCountsOnly,
  type ExpiringEntry,
} from '../repos/retention.repo';
import { passwordGuardName } from '../repos/user-password.repo';
import { writeInQuarter, type WriteContext } from '../repos/quarter-version.repo';
import { targetOf, type Acting } from '../identity/staff-people.service';

/** The audit actions of erasure (changes, not reads). */
export const ERASE_ACTIONS = {
  partner: 'privacy.erase_partner',
  person: 'privacy.erase_person',
} as const;

/** What an erased person is called from now on (unique: the id is). */
export const erasedName = (userId: string) => `Gelöschte Person ${userId}`;

const WRONG_NAME =
  'Der eingetippte Name stimmt nicht. Zur Sicherheit wurde nichts gelöscht. Bitte den Namen genau so eintippen, wie er oben steht.';

/** Erases a call partner of the acting staff member's quarter (see above). */
export async function erasePartner(
  db: Kysely<Database>,
  acting: Acting,
  partnerId: string,
  typedName: string,
  now: Date,
): Promise<EraseResponse> {
  const partner = await findPartnerRow(db, acting.quarterId, partnerId);
  if (!partner) throw new NotFoundError('Diesen Gesprächspartner gibt es hier nicht.');
  const { name } = JSON.parse(partner.fields) as { name?: unknown };
  // A partner deleted before has no name left; their calls may still have content.
  if (typeof name === 'string' && !confirmsName(typedName, name)) {
    throw new InvalidInputError(WRONG_NAME);
  }
  const counts = await writeInQuarter(
    db,
    acting.quarterId,
    async (w) => {
      const naming = await entriesNamingPartner(w.tx, w.quarterId, partnerId);
      const live = naming.filter((row) => row.deleted === 0);
      await expireEntries(w, live.map(withCountsOnly));
      // What hung on calls (or the partner) deleted before went with that delete already.
      await tombstoneEntry(w, partnerId);
      const result = { partner: partner.deleted === 0 ? 1 : 0, entries: live.length };
      await auditErasure(w, acting, 'partner', partnerId, result, now);
      return result;
    },
    { now },
  );
  return { subject: { type: 'partner', id: partnerId }, erasedAt: now.toISOString(), counts };
}

/** Erases a volunteer or staff member of the acting staff member's quarter (see above). */
export async function erasePerson(
  db: Kysely<Database>,
  acting: Acting,
  userId: string,
  typedName: string,
  now: Date,
): Promise<EraseResponse> {
  if (userId === acting.userId) {
    throw new ForbiddenError('Sich selbst löschen geht nicht. Bitte eine andere Person fragen.');
  }
  const target = await targetOf(db, acting, userId);
  if (!confirmsName(typedName, target.name)) throw new InvalidInputError(WRONG_NAME);
  const standIn = erasedName(userId);
  const counts = await writeInQuarter(
    db,
    acting.quarterId,
    async (w) => {
      const { tx, quarterId } = w;
      const written = await liveEntriesWrittenBy(tx, quarterId, userId);
      await expireEntries(w, written.map(withCountsOnly));
      const called = await partnersCalledBy(tx, quarterId, userId);
      await rewriteFields(
        w,
        called.map((row) => withoutCaller(row, userId)),
      );
      const result = {
        entries: written.length,
        partners_unassigned: called.length,
        entry_history: await deleteHistoryWrittenBy(tx, quarterId, userId),
        walk_track_chunks: await deleteRoutesWrittenBy(tx, quarterId, userId),
        mutation_log: await deletePushLogOf(tx, userId),
        device_users: await deleteDeviceUsersOf(tx, userId),
        person_sessions: await endPersonSessionsOf(tx, userId, now),
        staff_sessions: await deleteStaffSessionsOf(tx, userId),
        sign_in_guards: await deleteSignInGuards(tx, quarterId, [
          target.name,
          passwordGuardName(target.name),
        ]),
        enrolment_codes: await forgetCodeIssuer(tx, quarterId, userId),
        follow_ups: await forgetFollowUpOwner(tx, quarterId, userId),
        audit_log: await renameAuditActor(tx, quarterId, userId, standIn),
      };
      await eraseUserRow(tx, quarterId, userId, standIn, now);
      await auditErasure(w, acting, 'person', userId, result, now);
      return result;
    },
    { now },
  );
  return { subject: { type: 'person', id: userId }, erasedAt: now.toISOString(), counts };
}

/** A partner's fields without the erased caller (the order of the others kept). */
function withoutCaller(row: ExpiringEntry, userId: string): ExpiringEntry {
  const fields = JSON.parse(row.fields) as { callers: string[] };
  const callers = fields.callers.filter((id) => id !== userId);
  return { id: row.id, fields: JSON.stringify({ ...fields, callers }) };
}

async function auditErasure(
  w: WriteContext,
  acting: Acting,
  type: 'partner' | 'person',
  id: string,
  counts: Record<string, number>,
  now: Date,
): Promise<void> {
  await recordAudit(
    w.tx,
    {
      quarterId: acting.quarterId,
      actor: { userId: acting.userId, name: acting.name },
      action: ERASE_ACTIONS[type],
      subjectType: type,
      subjectId: id,
      detail: { counts: Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)) },
    },
    now,
  );
}
