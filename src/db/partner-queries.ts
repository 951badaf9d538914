// Reading call partners with what their card shows — the last call, the next planned one, how
// many attempts in a row went unanswered — for the live-query hooks (use-partners.ts,
// use-partner.ts). Calls count when they name the partner (`partnerId`); the device holds the
// calls of the people signed in on it, so on a shared tablet a partner's card counts every
// assigned caller's calls made or pulled here. Read-only; works the same offline.
import { lastCall, nextPlannedCall, unansweredInARow } from '../domain/partner-calls';
import type { Entry, EntryOf, QuartiersbuchDb } from './db';

/** A partner as the card shows them. */
export interface PartnerCard {
  partner: EntryOf<'partner'>;
  /** The newest call with this partner on the device, or null. */
  lastCall: EntryOf<'call'> | null;
  /**
   * The day (yyyy-MM-dd, Europe/Berlin) the next call is planned for: `callEveryDays` after the
   * last reached call, today when that has passed or nobody reached them yet.
   */
  nextPlanned: string;
  /** Attempts in a row, newest first, that did not reach the partner (3 or more: flagged). */
  unansweredInARow: number;
}

/** Every call on the device that names a partner, by partner id. */
async function callsByPartner(db: QuartiersbuchDb): Promise<Map<string, EntryOf<'call'>[]>> {
  const calls = (await db.entries.where('kind').equals('call').toArray()) as EntryOf<'call'>[];
  const byPartner = new Map<string, EntryOf<'call'>[]>();
  for (const call of calls) {
    if (!call.partnerId) continue;
    const list = byPartner.get(call.partnerId);
    if (list) list.push(call);
    else byPartner.set(call.partnerId, [call]);
  }
  return byPartner;
}

function card(partner: EntryOf<'partner'>, calls: EntryOf<'call'>[], now: Date): PartnerCard {
  // Planned from the last reached call: an unanswered attempt is not the call that was due.
  const reached = lastCall(calls, { reachedOnly: true });
  return {
    partner,
    lastCall: lastCall(calls) ?? null,
    nextPlanned: nextPlannedCall(reached?.occurredAt ?? null, partner.callEveryDays, now),
    unansweredInARow: unansweredInARow(calls),
  };
}

/** A partner `userId` phones: assigned to them (`callers`) and not ended. */
export function isPhonedBy(entry: Entry, userId: string): entry is EntryOf<'partner'> {
  return entry.kind === 'partner' && entry.status !== 'ended' && entry.callers.includes(userId);
}

/**
 * The partners `userId` phones: assigned to them (`callers`) and not ended, by name, without
 * their calls. What the call form offers: saving a call does not change it, so a live query of
 * it does not run again (and read every call) while "Gespeichert" is on its way to the screen.
 */
export async function readAssignedPartners(
  db: QuartiersbuchDb,
  userId: string,
): Promise<EntryOf<'partner'>[]> {
  const partners = (await db.entries.where('kind').equals('partner').toArray()).filter((entry) =>
    isPhonedBy(entry, userId),
  );
  return partners.sort((a, b) => a.name.localeCompare(b.name, 'de') || (a.id < b.id ? -1 : 1));
}

/**
 * The partners `userId` phones (readAssignedPartners) as their cards. `now` plans the next
 * calls (a partner never called is due today).
 */
export async function readPartners(
  db: QuartiersbuchDb,
  userId: string,
  now: Date,
): Promise<PartnerCard[]> {
  const partners = await readAssignedPartners(db, userId);
  const calls = await callsByPartner(db);
  return partners.map((partner) => card(partner, calls.get(partner.id) ?? [], now));
}

/** One partner's card; null when the device holds no partner with this id. */
export async function readPartner(
  db: QuartiersbuchDb,
  id: string,
  now: Date,
): Promise<PartnerCard | null> {
  const partner = await db.entries.get(id);
  if (partner?.kind !== 'partner') return null;
  const calls = (await callsByPartner(db)).get(id) ?? [];
  return card(partner, calls, now);
}
