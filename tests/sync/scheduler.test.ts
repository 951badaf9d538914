// The scheduler's triggers and backoff, with fake timers and fake event targets passed in.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKOFF_CAP_MS, nextDelay } from '../../src/domain/backoff';
import { RoundAbandonedError, startScheduler, type RoundResult } from '../../src/sync/scheduler';

function fakeTargets() {
  const window = new EventTarget();
  const doc = Object.assign(new EventTarget(), {
    visibilityState: 'visible' as DocumentVisibilityState,
  });
  return { window, doc };
}

afterEach(() => vi.useRealTimers());

describe('backoff', () => {
  it.each([
    [1, 0, 1_000],
    [1, 1, 2_000],
    [3, 1, 8_000],
    [20, 1, BACKOFF_CAP_MS],
    [20, 0, BACKOFF_CAP_MS / 2],
  ])('after %i failures with random %f waits %i ms', (failures, random, expected) => {
    expect(nextDelay(failures, () => random)).toBe(expected);
  });
});

describe('scheduler', () => {
  it('runs on start, on online and when the tab becomes visible', async () => {
    vi.useFakeTimers();
    const { window, doc } = fakeTargets();
    const run = vi.fn(async () => undefined);
    const scheduler = startScheduler({ run, onResult: () => undefined, target: window, doc });
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2);
    doc.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(3);
    scheduler.stop();
  });

  it('retries with growing delays after failures, then returns to the period', async () => {
    vi.useFakeTimers();
    const { window, doc } = fakeTargets();
    let fail = true;
    const run = vi.fn(async () => {
      if (fail) throw new Error('offline');
    });
    const results: boolean[] = [];
    const scheduler = startScheduler({
      run,
      onResult: (result) => results.push(result.ok),
      random: () => 1,
      periodMs: 60_000,
      target: window,
      doc,
    });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(2_000); // first retry after 2 s
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3_999); // second retry waits 4 s
    expect(run).toHaveBeenCalledTimes(2);
    fail = false;
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(4);
    expect(results).toEqual([false, false, true, true]);
    scheduler.stop();
  });

  it('never runs two rounds at once; a trigger during a round runs one more after it', async () => {
    vi.useFakeTimers();
    const { window, doc } = fakeTargets();
    let active = 0;
    let maxActive = 0;
    const run = vi.fn(async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setTimeout(resolve, 100));
      active -= 1;
    });
    const scheduler = startScheduler({ run, onResult: () => undefined, target: window, doc });
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(250);
    expect(maxActive).toBe(1);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('a write starts a round once writing has paused for a second', async () => {
    vi.useFakeTimers();
    const { window, doc } = fakeTargets();
    const run = vi.fn(async () => undefined);
    const scheduler = startScheduler({ run, onResult: () => undefined, target: window, doc });
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1); // app start
    scheduler.wrote();
    await vi.advanceTimersByTimeAsync(600);
    scheduler.wrote(); // a burst of saves is one round
    await vi.advanceTimersByTimeAsync(999);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('comes back after 30 s while changes wait, after the long period once all is sent', async () => {
    vi.useFakeTimers();
    const { window, doc } = fakeTargets();
    let pending = true;
    const run = vi.fn(async () => ({ ok: true, pending }));
    const scheduler = startScheduler({ run, onResult: () => undefined, target: window, doc });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(run).toHaveBeenCalledTimes(2);
    pending = false;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(run).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
    expect(run).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(4);
    scheduler.stop();
  });

  it('honours Retry-After: no round starts sooner, not even on `online`', async () => {
    vi.useFakeTimers();
    const { window, doc } = fakeTargets();
    let busy = true;
    const run = vi.fn(async () => (busy ? { ok: false, retryAfterMs: 60_000 } : { ok: true }));
    const scheduler = startScheduler({
      run,
      onResult: () => undefined,
      random: () => 1,
      target: window,
      doc,
    });
    await vi.advanceTimersByTimeAsync(0);
    busy = false;
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(59_999); // backoff alone would have retried after 2 s
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('abandons a round that hangs past the watchdog; its late end changes nothing', async () => {
    vi.useFakeTimers();
    const { window, doc } = fakeTargets();
    const signals: AbortSignal[] = [];
    let release = () => undefined as void;
    const run = vi.fn(async (signal: AbortSignal) => {
      signals.push(signal);
      if (signals.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const results: RoundResult[] = [];
    const scheduler = startScheduler({
      run,
      onResult: (result) => results.push(result),
      random: () => 1,
      periodMs: 60 * 60_000,
      target: window,
      doc,
    });
    await vi.advanceTimersByTimeAsync(2 * 60_000 - 1);
    expect(signals[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(signals[0]?.aborted).toBe(true);
    expect(results).toEqual([{ ok: false, error: expect.any(RoundAbandonedError) }]);
    window.dispatchEvent(new Event('online')); // a new round may start at once
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2);
    expect(results).toHaveLength(2);
    release(); // the hung round ends after all
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(results).toHaveLength(2);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('stops: no more rounds, and a running one is aborted', async () => {
    vi.useFakeTimers();
    const { window, doc } = fakeTargets();
    let signal: AbortSignal | undefined;
    const run = vi.fn(async (s: AbortSignal) => {
      signal = s;
      await new Promise(() => undefined);
    });
    const scheduler = startScheduler({ run, onResult: () => undefined, target: window, doc });
    await vi.advanceTimersByTimeAsync(0);
    scheduler.stop();
    expect(signal?.aborted).toBe(true);
    window.dispatchEvent(new Event('online'));
    scheduler.wrote();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
