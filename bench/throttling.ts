// The slow device and network of the time-to-usable measure, applied per page through CDP.
import type { BrowserContext, Page } from 'playwright-core';

export const CPU_SLOWDOWN = 6;

/** Lighthouse's "Slow 4G" figures: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up. */
export const SLOW_NETWORK = {
  latencyMs: 150,
  downloadBitsPerSecond: 1_600_000,
  uploadBitsPerSecond: 750_000,
} as const;

export function describeThrottling(): string {
  const { latencyMs, downloadBitsPerSecond, uploadBitsPerSecond } = SLOW_NETWORK;
  return (
    `CPU ${CPU_SLOWDOWN}× slower (Emulation.setCPUThrottlingRate), network ${latencyMs} ms latency, ` +
    `${downloadBitsPerSecond / 1e6} Mbit/s down, ${uploadBitsPerSecond / 1e3} kbit/s up ` +
    `(Network.emulateNetworkConditions)`
  );
}

/** The page's network, switched through the session that throttles it. */
export interface ThrottledNetwork {
  /**
   * Offline or back to the slow network. Playwright's `context.setOffline` does not take here:
   * this session's network conditions override it, and the page stays online (seen in the
   * save measure, whose "offline" series went on pushing and pulling).
   */
  setOffline(offline: boolean): Promise<void>;
}

/** Must run before the page navigates; it only affects this page (not its service worker). */
export async function throttle(context: BrowserContext, page: Page): Promise<ThrottledNetwork> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await cdp.send('Network.enable');
  const conditions = (offline: boolean) =>
    cdp.send('Network.emulateNetworkConditions', {
      offline,
      latency: SLOW_NETWORK.latencyMs,
      downloadThroughput: SLOW_NETWORK.downloadBitsPerSecond / 8,
      uploadThroughput: SLOW_NETWORK.uploadBitsPerSecond / 8,
    });
  await conditions(false);
  return {
    setOffline: async (offline) => {
      await conditions(offline);
      await context.setOffline(offline);
    },
  };
}
