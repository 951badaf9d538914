// The scheduler's triggers and backoff, with fake timers and fake event targets passed in.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BACKOFF_CAP_MS, nextDelay } from '../../src/domain/backoff';
import { startScheduler } from '../../src/sync/scheduler';

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
});
