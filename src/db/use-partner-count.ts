// How many call partners the signed-in person phones, for the start screen: it shows "Meine
// Gesprächspartner" to callers only. A count of the partner entries assigned to them and not
// ended, without the calls (use-partners.ts reads those for the cards): the start screen stays
// small (docs/benchmarks.md, budgets). Read-only; works the same offline.
import { db } from './instance';
import { useLiveQuery } from './use-live-query';

export const usePartnerCount = (userId: string) =>
  useLiveQuery(
    () =>
      db.entries
        .where('kind')
        .equals('partner')
        .filter(
          (entry) =>
            entry.kind === 'partner' && entry.status !== 'ended' && entry.callers.includes(userId),
        )
        .count(),
    [userId],
  );
