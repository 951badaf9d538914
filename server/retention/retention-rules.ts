// How long personal data is kept (issue 11), as a deletion concept in the form of DIN 66398:
// each kind of data has a retention period, the event its period starts from, and the rule
// that deletes it when the period ends. The periods are days, configurable per kind through
// `RETENTION_<KIND>_DAYS`; the defaults and why are in docs/loeschkonzept.md (German, for the
// association). Pure: the server's job (retention.job.ts) asks `cutoffs` for the instants
// before which each kind has expired, given "now".
import { RETENTION_DEFAULT_DAYS as DEFAULTS } from '../../src/shared/retention-defaults';
import { ConfigError, type Env } from '../config';

export interface RetentionRule {
  /** `RETENTION_<env>_DAYS` sets it. */
  env: string;
  defaultDays: number;
  /** The shortest period allowed: below it, sync or staff's work would break. */
  minDays: number;
}

/**
 * The kinds of data with a period of their own. Entries' content and their notes start from
 * the entry's date, the history of old values from the change, an ended partner from the end,
 * routes from the walk, the push log and audit lines from when they were written.
 */
export const RETENTION_RULES = {
  /** Notes and concern texts of entries (calls, advice, walks, observations): emptied. */
  notes: { env: 'NOTES', defaultDays: DEFAULTS.notes, minDays: 7 },
  /** Entries themselves: their content goes; what they add to the figures stays. */
  entries: { env: 'ENTRIES', defaultDays: DEFAULTS.entries, minDays: 30 },
  /** Old values in an entry's history (what was edited away): deleted. */
  history: { env: 'HISTORY', defaultDays: DEFAULTS.history, minDays: 7 },
  /** Call partners whose calls have ended: deleted with their content. */
  endedPartners: { env: 'ENDED_PARTNERS', defaultDays: DEFAULTS.endedPartners, minDays: 7 },
  /** GPS routes of walks: the points go; the distance stays with the walk. */
  routes: { env: 'ROUTES', defaultDays: DEFAULTS.routes, minDays: 7 },
  /** The push log (which change arrived from which device, refusals): deleted. */
  pushLog: { env: 'PUSH_LOG', defaultDays: DEFAULTS.pushLog, minDays: 30 },
  /** Audit lines of staff's changes: deleted. */
  audit: { env: 'AUDIT', defaultDays: DEFAULTS.audit, minDays: 90 },
  /** Audit lines of reads (who looked at whose data): deleted. */
  readAudit: { env: 'READ_AUDIT', defaultDays: DEFAULTS.readAudit, minDays: 30 },
} as const satisfies Record<string, RetentionRule>;

export type RetentionKind = keyof typeof RETENTION_RULES;
export type RetentionDays = Record<RetentionKind, number>;

export const RETENTION_KINDS = Object.keys(RETENTION_RULES) as RetentionKind[];

/** The periods from the environment; a bad value stops the start, naming the variable. */
export function loadRetention(env: Env): RetentionDays {
  const days = {} as RetentionDays;
  for (const kind of RETENTION_KINDS) {
    const rule: RetentionRule = RETENTION_RULES[kind];
    const name = `RETENTION_${rule.env}_DAYS`;
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') {
      days[kind] = rule.defaultDays;
      continue;
    }
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < rule.minDays || value > 36_500) {
      throw new ConfigError(
        `${name} muss eine ganze Zahl von Tagen sein, mindestens ${rule.minDays} und höchstens 36500, ist aber "${raw}".`,
      );
    }
    days[kind] = value;
  }
  return days;
}

/** Per kind, the instant (UTC ISO) before which its data has expired at `now`. */
export function cutoffs(now: Date, days: RetentionDays): Record<RetentionKind, string> {
  const result = {} as Record<RetentionKind, string>;
  for (const kind of RETENTION_KINDS) {
    result[kind] = new Date(now.getTime() - days[kind] * 86_400_000).toISOString();
  }
  return result;
}
