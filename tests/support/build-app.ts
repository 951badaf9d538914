// Builds the PWA in a child process, exactly like `npm run build`. (Building inside the test
// process would inherit vitest's NODE_ENV=test and produce a development build.)
import { execFileSync } from 'node:child_process';

export function buildApp(outDir = 'dist'): void {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  delete env.VITEST;
  execFileSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { env, stdio: 'inherit' },
  );
}
