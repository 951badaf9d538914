// The scheduler: the only place with timers. It decides WHEN to sync; sync-once decides what.
// Triggers (G5): app start, `online`, the tab becoming visible, a write (debounced, so a burst
// of saves is one round), a short timer while changes still wait, the long period otherwise,
// and after a failure a retry with capped exponential backoff plus jitter — never sooner than
// the server's Retry-After. A watchdog abandons a round that hangs (its signal is aborted and
// its late result ignored), so one stuck request never stops sync for good. One round at a
// time per tab; across tabs src/sync/sync-lock.ts keeps it to one per device.
import { nextDelay } from '../domain/backoff';

/** What a round tells the scheduler; a round that throws counts as `{ ok: false }`. */
export interface RoundReport {
  /** false counts as a failure: the next round waits with backoff. */
  ok: boolean;
  /** The server asked to wait this long (Retry-After); no round starts before. */
  retryAfterMs?: number | undefined;
  /** Changes still wait in the outbox: come back after `pendingMs`, not the long period. */
  pending?: boolean | undefined;
}

/** `error` is set when the round threw or was abandoned by the watchdog. */
export type RoundResult = { ok: true } | { ok: false; error?: unknown };

export interface SchedulerDeps {
  run: (signal: AbortSignal) => Promise<RoundReport | void>;
  onResult: (result: RoundResult) => void;
  random?: () => number;
  now?: () => number;
  /** Refresh interval while all is well and nothing waits (reference data changes rarely). */
  periodMs?: number;
  /** Interval while changes wait in the outbox. */
  pendingMs?: number;
  /** Quiet time after a write before the round starts. */
  debounceMs?: number;
  /** A round running longer than this is abandoned. */
  watchdogMs?: number;
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  doc?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
}

export interface Scheduler {
  /** Sync now, or right after the round that is running. */
  trigger: () => void;
  /** Something was written: sync once writing has paused for `debounceMs`. */
  wrote: () => void;
  stop: () => void;
}

export class RoundAbandonedError extends Error {
  constructor(ms: number) {
    super(`Sync round still running after ${ms} ms; abandoned`);
    this.name = 'RoundAbandonedError';
  }
}

interface Round {
  controller: AbortController;
  watchdog: ReturnType<typeof setTimeout>;
}

type Outcome = RoundReport & { error?: unknown };

export function startScheduler(deps: SchedulerDeps): Scheduler {
  const target = deps.target ?? window;
  const doc = deps.doc ?? document;
  const now = deps.now ?? Date.now;
  const periodMs = deps.periodMs ?? 5 * 60_000;
  const pendingMs = deps.pendingMs ?? 30_000;
  const debounceMs = deps.debounceMs ?? 1_000;
  const watchdogMs = deps.watchdogMs ?? 2 * 60_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let current: Round | undefined;
  let again = false;
  let failures = 0;
  let notBefore = 0;
  let stopped = false;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(trigger, ms);
  };

  function trigger(): void {
    if (stopped) return;
    if (current) {
      again = true; // a trigger during a round runs one more round right after it
      return;
    }
    const wait = notBefore - now();
    if (wait > 0) schedule(wait);
    else void runRound();
  }

  async function runRound(): Promise<void> {
    clearTimeout(timer);
    const round: Round = {
      controller: new AbortController(),
      watchdog: setTimeout(() => {
        round.controller.abort();
        finish(round, { ok: false, error: new RoundAbandonedError(watchdogMs) });
      }, watchdogMs),
    };
    current = round;
    let outcome: Outcome;
    try {
      outcome = (await deps.run(round.controller.signal)) ?? { ok: true };
    } catch (error) {
      outcome = { ok: false, error };
    }
    finish(round, outcome);
  }

  function finish(round: Round, outcome: Outcome): void {
    if (current !== round) return; // abandoned earlier: its late result no longer counts
    clearTimeout(round.watchdog);
    current = undefined;
    failures = outcome.ok ? 0 : failures + 1;
    if (outcome.retryAfterMs) notBefore = Math.max(notBefore, now() + outcome.retryAfterMs);
    deps.onResult(
      outcome.ok
        ? { ok: true }
        : 'error' in outcome
          ? { ok: false, error: outcome.error }
          : { ok: false },
    );
    if (stopped) return;
    if (again) {
      again = false;
      trigger();
    } else {
      schedule(delayAfter(outcome));
    }
  }

  function delayAfter(outcome: Outcome): number {
    if (!outcome.ok) {
      return Math.max(nextDelay(failures, deps.random ?? Math.random), outcome.retryAfterMs ?? 0);
    }
    return outcome.pending ? pendingMs : periodMs;
  }

  const onVisible = () => {
    if (doc.visibilityState === 'visible') trigger();
  };
  const onOnline = () => trigger();
  target.addEventListener('online', onOnline);
  doc.addEventListener('visibilitychange', onVisible);
  trigger();

  return {
    trigger,
    wrote: () => {
      clearTimeout(debounce);
      debounce = setTimeout(trigger, debounceMs);
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(debounce);
      if (current) {
        clearTimeout(current.watchdog);
        current.controller.abort();
        current = undefined;
      }
      target.removeEventListener('online', onOnline);
      doc.removeEventListener('visibilitychange', onVisible);
    },
  };
}
