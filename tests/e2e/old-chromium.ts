// The browser floor's own engines (issue 12): Chromium 71.0.3563 and 72.0.3582, as the npm
// packages chrome-aws-lambda@1.9.1 and @1.10.1 ship them (a brotli-compressed binary in their
// `bin/`, installed here as devDependencies `chromium-71` and `chromium-72`), driven through
// puppeteer-core@1.10 (`puppeteer-core-1`), which speaks their DevTools protocol. The binary is
// unpacked once into node_modules/.cache/old-chromium (Node's zlib reads brotli). Missing
// packages skip with a message — except under CI=true, where they fail (requirements.ts).
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { requirement } from '../support/requirements';

const require = createRequire(import.meta.url);

export type OldEngine = 'chromium-71' | 'chromium-72';

/** The puppeteer of 2018 (types of our own: only what the tests use). */
export interface OldPage {
  goto(url: string): Promise<unknown>;
  reload(): Promise<unknown>;
  /** A script that runs in every document from its first byte on. */
  evaluateOnNewDocument(source: string): Promise<void>;
  evaluate<T>(fn: string | ((...args: never[]) => T), ...args: unknown[]): Promise<T>;
  waitForFunction(fn: string, options?: { timeout?: number }, ...args: unknown[]): Promise<unknown>;
  setOfflineMode(offline: boolean): Promise<void>;
  setViewport(viewport: { width: number; height: number }): Promise<void>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  on(event: 'console', listener: (message: { type(): string; text(): string }) => void): void;
}

export interface OldBrowser {
  newPage(): Promise<OldPage>;
  version(): Promise<string>;
  close(): Promise<void>;
}

interface Puppeteer {
  launch(options: {
    executablePath: string;
    args: string[];
    headless: boolean;
  }): Promise<OldBrowser>;
}

/** Flags as for Debian's Chromium (requirements.ts), minus what these builds do not know. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function packageDir(name: string): string | undefined {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

/** Whether the engine and puppeteer-core@1.10 are installed (else skip, or fail in CI). */
export function oldEngineAvailable(engine: OldEngine): boolean {
  return requirement(
    `Old ${engine}`,
    packageDir(engine) !== undefined && packageDir('puppeteer-core-1') !== undefined,
    'npm ci installs the devDependencies chromium-71, chromium-72 and puppeteer-core-1',
  );
}

/** The engine's executable, unpacked on first use. */
export function oldEnginePath(engine: OldEngine): string {
  const dir = packageDir(engine);
  if (!dir) throw new Error(`${engine} is not installed`);
  const packed = readdirSync(path.join(dir, 'bin')).find((file) => file.endsWith('.br'));
  if (!packed) throw new Error(`${engine}: no compressed binary in bin/`);
  const cache = path.resolve('node_modules/.cache/old-chromium');
  const binary = path.join(cache, packed.replace(/\.br$/, ''));
  if (!existsSync(binary) || statSync(binary).size === 0) {
    mkdirSync(cache, { recursive: true });
    writeFileSync(binary, brotliDecompressSync(readFileSync(path.join(dir, 'bin', packed))));
    chmodSync(binary, 0o755);
  }
  return binary;
}

export function launchOldEngine(engine: OldEngine): Promise<OldBrowser> {
  const puppeteer = require('puppeteer-core-1') as Puppeteer;
  return puppeteer.launch({ executablePath: oldEnginePath(engine), args: ARGS, headless: true });
}
