// Call partners as staff see them (the staff screens, `npm run admin -- list-partners`): every live
// partner of the quarter with its callers, its last call and how many calls in a row did not
// reach them; after PARTNER_FLAG_AFTER (three) the partner is flagged for staff
// (src/domain/partner-calls.ts counts, the same rule the caller's card uses). Computed from the
// quarter's live calls that name the partner (`partnerId`); a call typed by hand counts for no
// partner. Read only: nothing here changes an entry.
import type { Kysely } from 'kysely';
import { lastCall, PARTNER_FLAG_AFTER, unansweredInARow } from '../../src/domain/partner-calls';
import type { ValuesOf } from '../../src/shared/entry-kinds';
import { CONSENT_NOT_RECORDED } from '../../src/shared/kinds/partner-kind';
import { readValues } from '../db/entry-row';
import type { Database } from '../db/tables';
import { readLiveEntries, readPartnerCalls, type PartnerCall } from '../repos/entry.repo';

export interface PartnerOverview extends Omit<ValuesOf<'partner'>, 'occurredAt' | 'concern'> {
  id: string;
  version: number;
  /** Device time of the latest call naming the partner, reached or not; null: none yet. */
  lastCallAt: string | null;
  /** Calls in a row, newest first, that did not reach the partner. */
  unansweredInARow: number;
  /** `unansweredInARow` reached PARTNER_FLAG_AFTER: staff should look after this partner. */
  flagged: boolean;
}

/** Every live partner of the quarter, in the order they were last changed. */
export async function partnerOverview(
  db: Kysely<Database>,
  quarterId: string,
): Promise<PartnerOverview[]> {
  const partners = await readLiveEntries(db, quarterId, 'partner');
  const callsOf = new Map<string, PartnerCall[]>();
  for (const call of await readPartnerCalls(db, quarterId)) {
    const calls = callsOf.get(call.partnerId) ?? [];
    calls.push(call);
    callsOf.set(call.partnerId, calls);
  }
  return partners.map((row) => {
    // Partners stored before consent was recorded have no consent fields: not recorded.
    const values: Partial<ValuesOf<'partner'>> = {
      ...CONSENT_NOT_RECORDED,
      ...(readValues(row) as ValuesOf<'partner'>),
    };
    delete values.occurredAt;
    delete values.concern;
    const calls = callsOf.get(row.id) ?? [];
    const unanswered = unansweredInARow(calls);
    return {
      ...(values as Omit<ValuesOf<'partner'>, 'occurredAt' | 'concern'>),
      id: row.id,
      version: row.version,
      lastCallAt: lastCall(calls)?.occurredAt ?? null,
      unansweredInARow: unanswered,
      flagged: unanswered >= PARTNER_FLAG_AFTER,
    };
  });
}

/** The partners staff should look after: three (PARTNER_FLAG_AFTER) unanswered calls in a row. */
export async function flaggedPartners(
  db: Kysely<Database>,
  quarterId: string,
): Promise<PartnerOverview[]> {
  return (await partnerOverview(db, quarterId)).filter((partner) => partner.flagged);
}

/** One live partner of the quarter as `partnerOverview` has it; undefined when there is none. */
export async function partnerOverviewOf(
  db: Kysely<Database>,
  quarterId: string,
  id: string,
): Promise<PartnerOverview | undefined> {
  return (await partnerOverview(db, quarterId)).find((partner) => partner.id === id);
}
