// What every request of the app has in common, free of valibot: the QR link's first requests
// are sent from the start path (src/sync/early-requests.ts), before the schemas have loaded.
import { version } from '../../package.json';

export const API_PREFIX = '/api/v1';

/** Sent as `x-app-version` with every request (the server advises updates, G10). */
export const APP_VERSION = version;

/**
 * What every request of the app sends besides its own: JSON asked for, the app's version, no
 * HTTP cache (the answers are the device's data), cookies of this origin only.
 */
export function appRequest(init: RequestInit): RequestInit {
  const headers = { accept: 'application/json', 'x-app-version': APP_VERSION, ...init.headers };
  return { ...init, headers, cache: 'no-store', credentials: 'same-origin' };
}

/** The `Authorization` header value for an enrolled device. */
export function deviceAuthorization(deviceId: string, credential: string): string {
  return `Bearer ${deviceId}.${credential}`;
}
