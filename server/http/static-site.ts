// Serves the built PWA from STATIC_DIR (when it exists) and answers everything no route takes.
// Caching: Vite's hashed files under /assets never change → immutable for a year. Everything
// else (index.html, sw.js, manifest.webmanifest, icons) → no-cache, i.e. revalidate with ETag
// every time, so a deploy reaches devices on their next start and a stale service worker can
// never pin an old app.
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX } from '../../src/shared/protocol';
import { pathOnly } from './logging';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export async function installStaticSite(app: FastifyInstance, dir: string): Promise<void> {
  // STATIC_DIR may be relative (default ./dist): resolved against the working directory.
  const staticDir = resolve(dir);
  const hasSite = existsSync(join(staticDir, 'index.html'));
  if (hasSite) {
    const assets = join(staticDir, 'assets') + sep;
    await app.register(fastifyStatic, {
      root: staticDir,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', path.startsWith(assets) ? IMMUTABLE : REVALIDATE);
      },
    });
  }
  app.setNotFoundHandler((request, reply) => notFound(request, reply, hasSite));
}

function notFound(request: FastifyRequest, reply: FastifyReply, hasSite: boolean) {
  const path = pathOnly(request.url) ?? '/';
  if (hasSite && isAppRoute(request.method, path)) {
    // Client-side routes (/wochenuebersicht, /anrufe/123) load the app shell.
    return reply.header('cache-control', REVALIDATE).sendFile('index.html');
  }
  const api = path === API_PREFIX || path.startsWith(`${API_PREFIX}/`) || path.startsWith('/api/');
  return reply
    .code(404)
    .header('cache-control', 'no-store')
    .send({
      error: 'not_found',
      message: api ? 'Diesen API-Endpunkt gibt es nicht.' : 'Diese Seite gibt es nicht.',
    });
}

/** GET/HEAD of a path outside /api whose last segment has no file extension. */
function isAppRoute(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (path === '/api' || path.startsWith('/api/')) return false;
  // A missing /assets/x.js must be a 404, not HTML the browser would try to run as script.
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}
