// `npm start`: builds the PWA when dist/ is missing or older than its sources, then starts the
// server (API + PWA on one port). Set SKIP_BUILD=1 to never build (e.g. a read-only deploy).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestMtime(path.join(entry, name))),
    stat.mtimeMs,
  );
}

function needsBuild(staticDir: string): boolean {
  const built = path.join(staticDir, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > builtAt);
}

const staticDir = process.env.STATIC_DIR ?? 'dist';
if (process.env.SKIP_BUILD !== '1' && needsBuild(staticDir)) {
  console.log('Baue die App (dist/) …');
  await build({ logLevel: 'warn', build: { outDir: staticDir } });
}
await import('../server/main');
