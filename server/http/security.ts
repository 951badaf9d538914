// Security headers via helmet. The CSP fits the PWA as Vite builds it: scripts, styles,
// workers and the manifest from our own origin only; images may also be data: URIs (inline
// SVG icons). No 'unsafe-inline': Preact sets styles through the DOM (allowed by CSP), and the
// service worker must be registered from a file (vite-plugin-pwa `injectRegister: 'script'` or
// an import), not an inline script.
// `securityHeaders` are the same headers as a plain list, for the answers Fastify writes before
// any hook runs (a bad URL, a header too large, a request that timed out: http/error-handler.ts).
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

const OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'worker-src': ["'self'"],
      'manifest-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
      // No 'upgrade-insecure-requests': TLS ends at the reverse proxy, and on plain-HTTP
      // test setups it would break every request.
    },
  },
} satisfies HelmetOptions;

export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, OPTIONS);
}

/** The headers helmet sets with these options (lower-case names), e.g. for a raw 431 answer. */
export const securityHeaders: Readonly<Record<string, string>> = captureHeaders();

function captureHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  // Helmet's middleware is synchronous and only sets headers.
  helmet(OPTIONS)({} as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return headers;
}
