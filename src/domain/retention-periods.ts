// The retention periods in force on this device (issue 11): the ones the server told with its
// last pull, or the defaults (src/shared/retention-defaults.ts) before any server has told
// some. `learned` says which, so the privacy notice can say "Diese Fristen gelten hier" or
// "Standard-Fristen". And the one rule for a walk's route on the device: it has expired once the
// walk started more than the routes' period ago — the same cutoff the server's retention job
// uses (server/retention/retention-rules.ts `cutoffs`). Pure: `now` is passed in.
import { RETENTION_DEFAULT_DAYS, type RetentionPeriods } from '../shared/retention-defaults';

const DAY_MS = 86_400_000;

export interface PeriodsInForce {
  days: RetentionPeriods;
  /** true: told by the server; false: the defaults (no server has told any yet). */
  learned: boolean;
}

export function periodsInForce(learned: RetentionPeriods | null | undefined): PeriodsInForce {
  return learned
    ? { days: { ...RETENTION_DEFAULT_DAYS, ...learned }, learned: true }
    : { days: { ...RETENTION_DEFAULT_DAYS }, learned: false };
}

/**
 * Has the route of a walk that started at `occurredAt` (ISO) outlived a routes' period of
 * `days` at `now` (epoch ms)? False for a date that does not parse: never drop on a guess.
 */
export function routeExpired(occurredAt: string, days: number, now: number): boolean {
  const start = Date.parse(occurredAt);
  return Number.isFinite(start) && start < now - days * DAY_MS;
}
