// "Alles gut" and "Nicht erreicht" on a call partner's card: one tap logs a call of the
// Begegnungstelefon with the partner's name (as it is today, kept with the call, G11), the
// partner's usual length when reached (0 when not), and the partner's id, so the card can count
// unanswered attempts and plan the next call. Typing is for the exceptions (the call form).
// Offline: the call and its outbox row are saved in one transaction (G1) and wait to be sent.
// Conflicts: none of its own — a call is a new entry; the server takes it only while the
// partner exists and the caller may phone them (`links` of the call kind), else the refusal
// shows under "Braucht Aufmerksamkeit" (G7).
import type { ValuesOf } from '../shared/entry-kinds';
import type { QuartiersbuchDb } from './db';
import { saveEntry, type ChangeOptions } from './entries';

/** The longest call the call kind allows, in minutes. */
const MAX_CALL_MINUTES = 600;

/**
 * Logs a call with partner `partnerId`: reached (of the partner's usual length) or not reached
 * (0 minutes), no note, no activity, no concern. Reads the partner and saves the call in ONE
 * transaction, so the call names the partner as the device holds them at that moment. Throws,
 * writing nothing, when the device holds no such partner. Returns the call's id.
 */
export async function logPartnerCall(
  db: QuartiersbuchDb,
  input: { partnerId: string; reached: boolean } & ChangeOptions & { makeId?: () => string },
): Promise<string> {
  const { partnerId, reached, author, now, makeId } = input;
  const tables = [db.entries, db.outbox, db.clientState, db.drafts];
  return db.transaction('rw', tables, async () => {
    const partner = await db.entries.get(partnerId);
    if (partner?.kind !== 'partner') {
      throw new Error(`Diese Gesprächsperson gibt es auf diesem Gerät nicht (${partnerId}).`);
    }
    const values: ValuesOf<'call'> = {
      occurredAt: new Date(now).toISOString(),
      concern: false,
      partner: partner.name,
      durationMinutes: reached ? Math.min(partner.usualMinutes, MAX_CALL_MINUTES) : 0,
      note: '',
      // The catalogue marks no activity as the Begegnungstelefon's, and the call form's
      // default is none: so is this one's.
      activity: null,
      reached,
      partnerId,
    };
    const call = await saveEntry(db, 'call', values, { author, now, ...(makeId && { makeId }) });
    return call.id;
  });
}
