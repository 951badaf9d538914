// Bundles bench/pull-page/main.ts (with the app's Dexie schema, applyPull and transport) into one
// classic script, in memory, with the same Vite the app builds with. Nothing is written to disk.
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

const ENTRY = fileURLToPath(new URL('./pull-page/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function bundlePullPage(): Promise<string> {
  const result = await build({
    configFile: false,
    root: ROOT,
    mode: 'production',
    logLevel: 'warn',
    build: {
      write: false,
      minify: true,
      sourcemap: false,
      target: 'es2022',
      lib: { entry: ENTRY, formats: ['iife'], name: 'qbBenchPullBundle', fileName: 'pull' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  const chunk = outputs
    .flatMap((output) => output.output)
    .find((item): item is Rollup.OutputChunk => item.type === 'chunk' && item.isEntry);
  if (!chunk) throw new Error('The pull bench bundle has no entry chunk.');
  return chunk.code;
}
