// Measure 1: the JS and CSS the first screen needs, gzipped. Starts from what dist/index.html
// loads (module scripts, modulepreload links, stylesheets) and follows the static imports of
// those chunks; dynamic `import()` (lazy screens) is not part of the first screen.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface FirstScreenSize {
  assets: AssetSize[];
  gzipBytes: number;
}

const ATTRIBUTE = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']+)["']`, 'i');

/** URLs of the scripts and styles an HTML page loads up front. */
export function entryUrls(html: string): string[] {
  const urls: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = ATTRIBUTE('src').exec(tag)?.[1];
    if (src && /\btype\s*=\s*["']module["']/i.test(tag)) urls.push(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = ATTRIBUTE('rel').exec(tag)?.[1]?.toLowerCase();
    const href = ATTRIBUTE('href').exec(tag)?.[1];
    if (href && (rel === 'modulepreload' || rel === 'stylesheet')) urls.push(href);
  }
  return urls;
}

/** Specifiers of static `import … from '…'`, `import '…'` and `export … from '…'` (not `import()`). */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  const pattern = /\b(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+)["']/g;
  for (const match of code.matchAll(pattern)) {
    const specifier = match[1];
    if (specifier && /^\.{0,2}\//.test(specifier)) found.add(specifier);
  }
  return [...found];
}

/** The absolute path of a URL in the built site (one spelling per file, so none counts twice). */
function resolveUrl(distDir: string, from: string, url: string): string {
  const clean = url.split(/[?#]/)[0] ?? url;
  if (clean.startsWith('/')) return path.resolve(distDir, `.${clean}`);
  return path.resolve(path.dirname(from), clean);
}

export function measureFirstScreen(distDir: string): FirstScreenSize {
  const indexFile = path.join(distDir, 'index.html');
  const queue = entryUrls(readFileSync(indexFile, 'utf8')).map((url) =>
    resolveUrl(distDir, indexFile, url),
  );
  const seen = new Set<string>();
  const assets: AssetSize[] = [];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const content = readFileSync(file);
    assets.push({
      file: path.relative(distDir, file),
      bytes: content.length,
      gzipBytes: gzipSync(content, { level: 9 }).length,
    });
    if (file.endsWith('.js')) {
      for (const specifier of staticImports(content.toString('utf8'))) {
        queue.push(resolveUrl(distDir, file, specifier));
      }
    }
  }
  if (assets.length === 0) throw new Error(`${indexFile} loads no scripts or styles.`);
  return { assets, gzipBytes: assets.reduce((sum, asset) => sum + asset.gzipBytes, 0) };
}
