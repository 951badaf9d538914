// Small helpers every measure shares: bounded waits, medians, and Chromium on a fresh profile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/requirements';

/** Rejects when `promise` takes longer than `ms`, naming what timed out. */
export async function withTimeout<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Runs `use` in Chromium on a fresh, on-disk profile (IndexedDB, Cache Storage and the service
 * worker persist like on a device; a plain `newContext()` keeps IndexedDB in memory), then
 * closes the browser and deletes the profile, whatever happens.
 */
export async function withFreshProfile<T>(use: (context: BrowserContext) => Promise<T>) {
  const profile = mkdtempSync(path.join(tmpdir(), 'qb-bench-profile-'));
  let context: BrowserContext | undefined;
  try {
    context = await withTimeout(
      'launching Chromium',
      30_000,
      chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
        viewport: { width: 768, height: 1024 },
        locale: 'de-DE',
        timezoneId: 'Europe/Berlin',
      }),
    );
    return await use(context);
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}
