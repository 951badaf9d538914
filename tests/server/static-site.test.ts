// Serving the built PWA: files, SPA fallback, and caching that lets updates through.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildTestApp } from './support/test-app';
import { describeEachDialect, useFreshDatabase } from './support/test-database';

const INDEX = '<!doctype html><title>Quartiersbuch</title><div id="app"></div>';
const IMMUTABLE = 'public, max-age=31536000, immutable';

describeEachDialect('static site', (dialect) => {
  const fresh = useFreshDatabase(dialect);
  let staticDir: string;
  let app: FastifyInstance;

  beforeEach(async () => {
    staticDir = mkdtempSync(join(tmpdir(), 'qb-static-'));
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), INDEX);
    writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(staticDir, 'manifest.webmanifest'), '{"name":"Quartiersbuch"}');
    writeFileSync(join(staticDir, 'assets', 'index-3f2a1b.js'), 'console.log(1);');
    writeFileSync(join(staticDir, 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    // Relative, like the default ./dist.
    app = (await buildTestApp(fresh().db, { staticDir: relative(process.cwd(), staticDir) })).app;
  });

  afterEach(() => rmSync(staticDir, { recursive: true, force: true }));

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('serves index.html at / without long-term caching', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(INDEX);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("worker-src 'self'");
  });

  it('revalidates sw.js and the manifest on every load', async () => {
    const sw = await get('/sw.js');
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['content-type']).toMatch(/javascript/);
    expect(sw.headers['cache-control']).toBe('no-cache');
    const manifest = await get('/manifest.webmanifest');
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/application\/manifest\+json/);
    expect(manifest.headers['cache-control']).toBe('no-cache');
    expect((await get('/icon-192.png')).headers['cache-control']).toBe('no-cache');
  });

  it('caches hashed assets for a year, immutable', async () => {
    const response = await get('/assets/index-3f2a1b.js');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('logs static paths without their query string', async () => {
    const { app: logged, logs } = await buildTestApp(fresh().db, { staticDir });
    await logged.inject({ method: 'GET', url: '/sw.js?v=geheim' });
    expect(logs.join('\n')).toContain('"url":"/sw.js"');
    expect(logs.join('\n')).not.toContain('geheim');
  });

  it('falls back to index.html for client-side routes', async () => {
    for (const url of ['/wochenuebersicht', '/anrufe/123?tab=neu']) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(INDEX);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('answers missing files, API paths and other methods with 404, not the app shell', async () => {
    for (const [method, url] of [
      ['GET', '/assets/index-alt.js'],
      ['GET', '/favicon.ico'],
      ['GET', '/api/v1/gibt-es-nicht'],
      ['POST', '/wochenuebersicht'],
    ] as const) {
      const response = await app.inject({ method, url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ error: 'not_found' });
    }
  });

  it('serves no site when STATIC_DIR has no build', async () => {
    const { app: bare } = await buildTestApp(fresh().db, { staticDir: join(staticDir, 'nope') });
    const response = await bare.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'not_found', message: 'Diese Seite gibt es nicht.' });
  });
});
