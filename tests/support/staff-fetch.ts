// A browser's fetch for the staff screens' view tests, without a network: each request goes to
// the real server app in-process (`app.inject`), and a one-cookie jar keeps the staff session
// cookie the server sets (and clears), as the browser does for `credentials: 'same-origin'`.
// `offline = true` makes every request fail the way fetch fails without a connection.
import type { FastifyInstance } from 'fastify';
import type { FetchLike } from '../../src/sync/transport';

export interface StaffFetch {
  fetch: FetchLike;
  /** While true, every request fails before it reaches the server. */
  offline: boolean;
  /** The `cookie` header the next request sends ('' when the jar is empty). */
  cookie(): string;
  /** Drops every cookie (the session is then gone for this "browser"). */
  clearCookies(): void;
  /** `METHOD path` of every request that reached the server, in order. */
  requests: string[];
}

/** `name=value; Path=…; Max-Age=0` → the jar's change. */
function applySetCookie(jar: Map<string, string>, line: string): void {
  const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
  const eq = pair.indexOf('=');
  if (eq < 1) return;
  const name = pair.slice(0, eq);
  const value = pair.slice(eq + 1);
  const expired = attributes.some((attribute) => {
    const [key = '', raw = ''] = attribute.split('=');
    if (key.toLowerCase() === 'max-age') return Number(raw) <= 0;
    if (key.toLowerCase() === 'expires') return Date.parse(raw) <= Date.now();
    return false;
  });
  if (expired || value === '') jar.delete(name);
  else jar.set(name, value);
}

export function staffFetch(app: FastifyInstance): StaffFetch {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const state: StaffFetch = {
    offline: false,
    cookie,
    clearCookies: () => jar.clear(),
    requests: [],
    fetch: async (input, init = {}) => {
      if (state.offline) throw new TypeError('Failed to fetch');
      const method = (init.method ?? 'GET').toUpperCase();
      const url = new URL(input, 'http://localhost');
      const headers: Record<string, string> = {
        ...(init.headers as Record<string, string> | undefined),
      };
      if (jar.size > 0) headers.cookie = cookie();
      state.requests.push(`${method} ${url.pathname}`);
      const response = await app.inject({
        method: method as 'GET',
        url: `${url.pathname}${url.search}`,
        headers,
        ...(typeof init.body === 'string' ? { payload: init.body } : {}),
      });
      const setCookie = response.headers['set-cookie'];
      for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
        applySetCookie(jar, line);
      }
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(response.headers)) {
        if (name === 'set-cookie' || value === undefined) continue;
        responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : String(value));
      }
      const empty = response.statusCode === 204 || response.statusCode === 304;
      return new Response(empty ? null : new Uint8Array(response.rawPayload), {
        status: response.statusCode,
        headers: responseHeaders,
      });
    },
  };
  return state;
}
