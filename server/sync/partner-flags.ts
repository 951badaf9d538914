// Call partners after three unanswered calls in a row, for staff's week (issue 10): the same
// rule as partner-overview.ts and the caller's card (src/domain/partner-calls.ts), but reading
// only what the rule needs. "Unanswered in a row" looks back from the newest call to the last
// one that reached the partner, so calls are read newest first, in windows of time going back
// (four weeks, then each window twice as long as the one before), and a partner is settled as
// soon as a reached call of theirs turns up; reading stops when every partner is settled or
// the oldest call is passed. A quarter with years of calls thus reads a few weeks of them, not
// all of them (docs/benchmarks.md, staff week), and a partner never reached costs a handful of
// index ranges, not one per week. Read only.
import type { Kysely } from 'kysely';
import {
  lastCall,
  PARTNER_FLAG_AFTER,
  unansweredInARow,
  type CallOutcome,
} from '../../src/domain/partner-calls';
import type { Database } from '../db/tables';
import {
  oldestCallAt,
  readLivePartnerNames,
  readPartnerCallsBetween,
} from '../repos/partner-call.repo';

/** The first window back from now. */
export const FIRST_WINDOW_DAYS = 28;
const DAY_MS = 86_400_000;

export interface FlaggedPartner {
  id: string;
  /** First name or nickname, as callers address them. */
  name: string;
  /** Device time of the newest call naming the partner. */
  lastCallAt: string | null;
  unansweredInARow: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The quarter's live partners with PARTNER_FLAG_AFTER or more unanswered calls in a row. */
export async function flaggedPartnersOf(
  db: Kysely<Database>,
  quarterId: string,
  now: Date,
): Promise<FlaggedPartner[]> {
  const partners = await readLivePartnerNames(db, quarterId);
  if (partners.length === 0) return [];
  const calls = new Map<string, CallOutcome[]>(partners.map((p) => [p.id, []]));
  const unsettled = new Set(partners.map((p) => p.id));
  const oldest = await oldestCallAt(db, quarterId);
  // The first window has no upper end: a device whose clock is ahead writes calls "tomorrow".
  let to: string | undefined;
  let from = now.getTime() - FIRST_WINDOW_DAYS * DAY_MS;
  let length = FIRST_WINDOW_DAYS * DAY_MS;
  while (unsettled.size > 0 && oldest !== undefined) {
    const window = await readPartnerCallsBetween(db, quarterId, { from: iso(from), to });
    // Newest first, so a partner's reached call settles them before any older call is taken.
    window.sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
    for (const call of window) {
      if (!unsettled.has(call.partnerId)) continue;
      calls.get(call.partnerId)?.push(call);
      if (call.reached) unsettled.delete(call.partnerId);
    }
    if (iso(from) <= oldest) break;
    to = iso(from);
    length *= 2;
    from -= length;
  }
  return partners.flatMap((partner) => {
    const own = calls.get(partner.id) ?? [];
    const unanswered = unansweredInARow(own);
    if (unanswered < PARTNER_FLAG_AFTER) return [];
    return [
      {
        id: partner.id,
        name: partner.name,
        lastCallAt: lastCall(own)?.occurredAt ?? null,
        unansweredInARow: unanswered,
      },
    ];
  });
}
