// The scheduler: the only place with timers. It decides WHEN to sync; sync-once decides what.
// Triggers (G5): app start, `online`, the tab becoming visible, a periodic timer, and a retry
// with capped exponential backoff plus jitter after a failure. One round at a time per tab;
// cross-tab exclusion arrives with push (issue 3), pulls are idempotent meanwhile.
import { nextDelay } from '../domain/backoff';

export interface SchedulerDeps {
  run: () => Promise<unknown>;
  onResult: (result: { ok: true } | { ok: false; error: unknown }) => void;
  random?: () => number;
  /** Refresh interval while all is well (reference data changes rarely). */
  periodMs?: number;
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  doc?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
}

export function startScheduler(deps: SchedulerDeps): { trigger: () => void; stop: () => void } {
  const target = deps.target ?? window;
  const doc = deps.doc ?? document;
  const periodMs = deps.periodMs ?? 5 * 60_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let failures = 0;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(trigger, ms);
  };

  async function trigger() {
    if (running) {
      again = true; // a trigger during a round runs one more round right after it
      return;
    }
    running = true;
    try {
      await deps.run();
      failures = 0;
      deps.onResult({ ok: true });
    } catch (error) {
      failures += 1;
      deps.onResult({ ok: false, error });
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      void trigger();
    } else {
      schedule(failures ? nextDelay(failures, deps.random ?? Math.random) : periodMs);
    }
  }

  const onVisible = () => {
    if (doc.visibilityState === 'visible') void trigger();
  };
  const onOnline = () => void trigger();
  target.addEventListener('online', onOnline);
  doc.addEventListener('visibilitychange', onVisible);
  void trigger();

  return {
    trigger: () => void trigger(),
    stop: () => {
      clearTimeout(timer);
      target.removeEventListener('online', onOnline);
      doc.removeEventListener('visibilitychange', onVisible);
    },
  };
}
