// The bench's first-screen measure (bench/first-screen-size.ts) counts each file the first
// screen loads once, however it is reached (a module script, a modulepreload link, a static
// import), and leaves lazy chunks out; the dist folder given as a relative path, as the bench
// gives it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { measureFirstScreen } from '../../bench/first-screen-size';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('counts a chunk that is preloaded and imported once, and no lazy chunk', () => {
  dir = mkdtempSync(path.join(tmpdir(), 'first-screen-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(
    path.join(dir, 'index.html'),
    '<script type="module" src="/assets/index.js"></script>' +
      '<link rel="modulepreload" href="/assets/shared.js">' +
      '<link rel="stylesheet" href="/assets/index.css">',
  );
  writeFileSync(
    path.join(dir, 'assets/index.js'),
    'import { a } from "./shared.js"; const lazy = () => import("./lazy.js"); a(lazy);',
  );
  writeFileSync(path.join(dir, 'assets/shared.js'), 'export const a = (f) => f;');
  writeFileSync(path.join(dir, 'assets/lazy.js'), 'export default 1;');
  writeFileSync(path.join(dir, 'assets/index.css'), 'body { margin: 0 }');

  const size = measureFirstScreen(path.relative(process.cwd(), dir));
  expect(size.assets.map((asset) => asset.file).sort()).toEqual([
    'assets/index.css',
    'assets/index.js',
    'assets/shared.js',
  ]);
  expect(size.gzipBytes).toBe(size.assets.reduce((sum, asset) => sum + asset.gzipBytes, 0));
});
