// Security headers via helmet. The CSP fits the PWA as Vite builds it: scripts, styles,
// workers and the manifest from our own origin only; images may also be data: URIs (inline
// SVG icons). No 'unsafe-inline': Preact sets styles through the DOM (allowed by CSP), and the
// service worker must be registered from a file (vite-plugin-pwa `injectRegister: 'script'` or
// an import), not an inline script.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
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
  });
}
