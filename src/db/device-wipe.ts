// A revoked tablet wipes personal data on its next contact (issue 11, item 5). The server
// answered a device request with 401 `unauthorized`: staff revoked this device (a lost or
// stolen tablet) or it is unknown. The device then asks to be set up again and removes, in one
// transaction, everything personal it holds: delivered entries of every kind (call partners
// included) with their route points, refusals, drafts, who is signed in, and every person's
// token and PIN verifier; the staff's cached week (idb-keyval) goes right after.
// What stays, deliberately: changes that wait in the outbox and the entries they describe (with
// a walk's points, and a walk still being recorded), and the names of their authors. Revoking is a staff action taken without
// the tablet in hand; what a volunteer logged offline exists nowhere else, and a tablet that
// was only mislaid is enrolled again and its people sign in, and then it is delivered, exactly
// once (the clientId and seqs stay). Without an enrolment and a sign-in nobody can read it in
// the app: no one is signed in, and only a sign-in under a new enrolment brings the token that
// sends it. docs/api.md (Identity) says the same.
import { clearCachedStaffWeek } from './staff-week-cache';
import type { QuartiersbuchDb } from './db';
import { withoutCredentials } from './device-identity';
import { waitingByEntry } from './outbox-settle';
import { dropWhatLostItsWalk } from './walk-points';

/**
 * Marks the device for a new enrolment and wipes its personal data (see above). With
 * `deviceId`, only when that is still the stored device: a 401 for a request made with an old
 * credential must not undo (or wipe after) an enrolment that happened meanwhile. Returns
 * whether it wiped.
 */
export async function wipeRevokedDevice(db: QuartiersbuchDb, deviceId?: string): Promise<boolean> {
  const wiped = await db.transaction(
    'rw',
    [
      db.device,
      db.session,
      db.people,
      db.entries,
      db.outbox,
      db.rejectedChanges,
      db.drafts,
      db.walkPoints,
      db.recordings,
    ],
    async () => {
      const device = await db.device.get('device');
      if (!device || (deviceId !== undefined && device.deviceId !== deviceId)) return false;
      await db.device.put({ ...device, needsEnrolment: true });
      await db.session.delete('session');
      const waiting = await waitingByEntry(db);
      // A walk being recorded keeps its entry: its route points are not sent yet.
      const recording = new Set(await db.recordings.toCollection().primaryKeys());
      await db.entries
        .filter((entry) => !waiting.has(entry.id) && !recording.has(entry.id))
        .delete();
      await dropWhatLostItsWalk(db);
      await db.rejectedChanges.clear();
      await db.drafts.clear();
      const authors = new Set<string>();
      await db.outbox.each((row) => authors.add(row.author));
      const people = await db.people.toArray();
      await db.people.bulkDelete(people.filter((p) => !authors.has(p.userId)).map((p) => p.userId));
      await db.people.bulkPut(people.filter((p) => authors.has(p.userId)).map(withoutCredentials));
      return true;
    },
  );
  if (wiped) await clearCachedStaffWeek().catch(() => undefined);
  return wiped;
}
