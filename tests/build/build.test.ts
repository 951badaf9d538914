// The production build: old-tablet syntax floor (docs/architecture.md, Old tablets), the PWA
// manifest, the service worker. Builds into a temporary folder so it never races the e2e build in
// dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, type Node } from 'acorn';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureFirstScreen } from '../../bench/first-screen-size';
import { buildApp } from '../support/build-app';

let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(path.join(tmpdir(), 'qb-build-'));
  buildApp(outDir);
}, 120_000);

type Span = { start: number; end: number; with: string };

/**
 * Where a module uses `import(…)` or `import.meta` (found by parsing, not by regex). Both are
 * newer than ES2017 on paper but part of our floor: iOS Safari 11.1+ and Chrome 63/64+ have
 * them, and Vite's lazy chunks need them.
 */
function moduleOnlySyntax(code: string): Span[] {
  const found: Span[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const node = value as Node & { meta?: { name: string } };
      if (node.type === 'ImportExpression') {
        found.push({
          start: node.start,
          end: node.start + 'import'.length,
          with: '_dynamicImport',
        });
      } else if (node.type === 'MetaProperty' && node.meta?.name === 'import') {
        found.push({ start: node.start, end: node.end, with: '_importMeta' });
      }
      Object.values(value).forEach(visit);
    }
  };
  visit(parse(code, { ecmaVersion: 'latest', sourceType: 'module' }));
  return found.sort((a, b) => b.start - a.start);
}

/**
 * es-check at ES2017 on copies of the built modules in which exactly those expressions are
 * replaced by plain names: everything else must be ES2017.
 */
function esCheck(dir: string) {
  const copy = mkdtempSync(path.join(tmpdir(), 'qb-es-copy-'));
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.js')) continue;
    let code = readFileSync(path.join(dir, file), 'utf8');
    try {
      for (const span of moduleOnlySyntax(code)) {
        code = `${code.slice(0, span.start)}${span.with}${code.slice(span.end)}`;
      }
    } catch {
      // Not even modern syntax: leave it for es-check to report.
    }
    writeFileSync(path.join(copy, file.replace(/[\\/]/g, '__')), code);
  }
  return spawnSync(
    process.execPath,
    ['node_modules/es-check/lib/cli/index.js', 'es2017', '--module', path.join(copy, '*.js')],
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
    // …while a dynamic import alone (part of the floor) passes.
    writeFileSync(
      path.join(dir, 'new.js'),
      "export const later = () => import('./x.js'); export const here = import.meta.url;\n",
    );
    expect(esCheck(dir).status).toBe(0);
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

describe('the first screen (issue 12)', () => {
  /** The source files bundled into the files the first screen loads, from their source maps. */
  const firstScreenSources = () =>
    measureFirstScreen(outDir)
      .assets.filter((asset) => asset.file.endsWith('.js'))
      .flatMap((asset) => {
        const file = path.resolve(outDir, asset.file);
        const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
        return map.sources.map((source) =>
          path.relative(process.cwd(), path.resolve(path.dirname(file), source)),
        );
      });

  // Of src/sync, only the sync phase in memory (for the connection line) and the QR link's early
  // requests are on the start path: plain fetch, no Dexie, no valibot.
  it('holds neither Dexie nor the sync engine nor valibot: they load after the first paint', () => {
    const sources = firstScreenSources();
    expect(sources).toContain('src/views/home.tsx');
    expect(sources).toContain('src/db/start-state.ts');
    const late = sources.filter((source) =>
      /node_modules\/(dexie|valibot)\/|^src\/sync\/(?!(status|early-requests)\.ts$)|^src\/db\/(instance|db|start-live)\.ts$/.test(
        source,
      ),
    );
    expect(late).toEqual([]);
  });
});
