// The pull cookie: what a device sends back to say "I have everything up to here, as this view".
// Opaque to the device (protocol.ts); readable here so a support person can decode one from a
// bug report. Format 2: `2.<epoch>.<view>.<quarterId>.<version>`, where `view` fingerprints the
// device's view of entries (device-view.ts). The leading digit is the cookie format. Quarter
// ids may contain dots; epoch, view and version cannot.
// Format 1 (`1.<epoch>.<quarterId>.<version>`, before entries were pulled) still parses, with
// `view: null`: it matches no view, so its pull is a reset that brings the entries.

export interface PullCookie {
  epoch: string;
  quarterId: string;
  version: number;
  /** The view fingerprint the cookie was issued for; null for a format-1 cookie. */
  view: string | null;
}

const FORMAT = '2';
const OLD_FORMAT = '1';
const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
const VERSION = /^(?:0|[1-9]\d{0,14})$/;

export function encodeCookie(cookie: PullCookie & { view: string }): string {
  return [FORMAT, cookie.epoch, cookie.view, cookie.quarterId, String(cookie.version)].join('.');
}

/** Anything that is not a cookie this server could have issued is null (never an error). */
export function parseCookie(raw: string | undefined): PullCookie | null {
  if (!raw) return null;
  const parts = raw.split('.');
  const [format, epoch = ''] = parts;
  if (format === OLD_FORMAT) return fromParts(epoch, null, parts.slice(2));
  if (format === FORMAT) return fromParts(epoch, parts[2] ?? '', parts.slice(3));
  return null;
}

/** `rest` is the quarter id (maybe with dots) followed by the version. */
function fromParts(epoch: string, view: string | null, rest: string[]): PullCookie | null {
  if (rest.length < 2) return null;
  const version = rest[rest.length - 1] ?? '';
  const quarterId = rest.slice(0, -1).join('.');
  if (!TOKEN.test(epoch) || !VERSION.test(version)) return null;
  if (view !== null && !TOKEN.test(view)) return null;
  if (quarterId.length < 1 || quarterId.length > 64) return null;
  return { epoch, quarterId, version: Number(version), view };
}
