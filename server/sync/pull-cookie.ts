// The pull cookie: what a device sends back to say "I have everything up to here". Opaque to the
// device (protocol.ts); readable here so a support person can decode one from a bug report.
// Format: `1.<epoch>.<quarterId>.<version>` — the leading 1 is the cookie format, so a later
// format can be told apart. Quarter ids may contain dots; epoch and version cannot.

export interface PullCookie {
  epoch: string;
  quarterId: string;
  version: number;
}

const FORMAT = '1';
const EPOCH = /^[A-Za-z0-9_-]{1,64}$/;
const VERSION = /^(?:0|[1-9]\d{0,14})$/;

export function encodeCookie(cookie: PullCookie): string {
  return [FORMAT, cookie.epoch, cookie.quarterId, String(cookie.version)].join('.');
}

/** Anything that is not a cookie this server could have issued is null (never an error). */
export function parseCookie(raw: string | undefined): PullCookie | null {
  if (!raw) return null;
  const parts = raw.split('.');
  if (parts.length < 4 || parts[0] !== FORMAT) return null;
  const epoch = parts[1] ?? '';
  const version = parts[parts.length - 1] ?? '';
  const quarterId = parts.slice(2, -1).join('.');
  if (!EPOCH.test(epoch) || !VERSION.test(version)) return null;
  if (quarterId.length < 1 || quarterId.length > 64) return null;
  return { epoch, quarterId, version: Number(version) };
}
