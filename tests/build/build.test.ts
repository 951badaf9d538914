// The production build: old-tablet syntax floor (DESIGN.md §4), the PWA manifest, the
// service worker. Builds into a temporary folder so it never races the e2e build in dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../support/build-app';

let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'qb-build-'));
  buildApp(outDir);
}, 120_000);

function esCheck(dir: string) {
  return spawnSync(
    process.execPath,
    ['node_modules/es-check/lib/cli/index.js', 'es2017', path.join(dir, '**/*.js')],
    { encoding: 'utf8' },
  );
}

describe('built JavaScript', () => {
  it('contains no syntax newer than ES2017 (iOS Safari 12.2, Chrome 71)', () => {
    const result = esCheck(outDir);
    expect(result.stderr + result.stdout).toContain('passed');
    expect(result.status).toBe(0);
  });

  it('the checker does catch newer syntax (so the test above can fail)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qb-es-'));
    writeFileSync(
      path.join(dir, 'new.js'),
      'const { a, ...rest } = globalThis; export const b = a?.c;\n',
    );
    expect(esCheck(dir).status).not.toBe(0);
  });
});

describe('built-ins missing on iOS Safari 12.2', () => {
  // Syntax is checked above; these library calls would parse fine and then throw on an old
  // iPad. Feature-detected uses (`typeof structuredClone`) don't match these call patterns.
  it.each([
    ['String#replaceAll', /\.replaceAll\(/],
    ['Array#at', /\]\.at\(|\)\.at\(/],
    ['structuredClone', /[^.\w]structuredClone\(/],
    ['Object.hasOwn', /Object\.hasOwn\(/],
    ['crypto.randomUUID', /crypto\.randomUUID\(/],
    ['Array#findLast', /\.findLast(Index)?\(/],
    ['String#matchAll', /\.matchAll\(/],
  ])('%s is not called', (_, pattern) => {
    const assets = readdirSync(path.join(outDir, 'assets')).filter((file) => file.endsWith('.js'));
    for (const file of assets) {
      expect(readFileSync(path.join(outDir, 'assets', file), 'utf8')).not.toMatch(pattern);
    }
  });
});

describe('PWA', () => {
  it('has an installable German manifest with 192, 512 and maskable icons', () => {
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'manifest.webmanifest'), 'utf8'));
    expect(manifest).toMatchObject({
      lang: 'de',
      display: 'standalone',
      start_url: '/',
      short_name: 'Quartiersbuch',
      theme_color: expect.stringMatching(/^#/),
    });
    const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];
    expect(icons.map((icon) => `${icon.sizes} ${icon.purpose}`).sort()).toEqual([
      '192x192 any',
      '512x512 any',
      '512x512 maskable',
    ]);
    for (const icon of icons) expect(existsSync(path.join(outDir, icon.src))).toBe(true);
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toContain('rel="manifest"');
  });

  it('precaches the app shell and falls back to index.html for navigations', () => {
    const sw = readFileSync(path.join(outDir, 'sw.js'), 'utf8');
    expect(sw).toContain('index.html');
    expect(sw).toMatch(/NavigationRoute/);
    const assets = readdirSync(path.join(outDir, 'assets')).filter((file) => file.endsWith('.js'));
    for (const asset of assets) expect(sw).toContain(`assets/${asset}`);
  });

  it('is a production build whose page registers the service worker', () => {
    const assets = readdirSync(path.join(outDir, 'assets')).filter((file) => file.endsWith('.js'));
    const code = assets.map((file) => readFileSync(path.join(outDir, 'assets', file), 'utf8'));
    expect(code.some((text) => text.includes('/sw.js'))).toBe(true);
  });
});
