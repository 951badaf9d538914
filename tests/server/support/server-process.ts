// Runs a server entry point (main.ts, the demo:remove and admin CLIs) as a real child process, the way
// `npm start` and `npm run demo:remove` do: with tsx as the loader, or (most tests, for time)
// bundled once with esbuild, which is what tsx transforms with too.
import { spawn, type ChildProcess } from 'node:child_process';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningServer {
  url: string;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>;
}

function run(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
  loader: string[] = ['--import', 'tsx'],
): ChildProcess {
  return spawn(process.execPath, [...loader, script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Starts server/main.ts on a random port and waits until it listens: its bundle (see
 * `bundled`), or with `{ asNpmStart: true }` through tsx, exactly as `npm start` runs it.
 */
export async function startServer(
  env: Record<string, string>,
  options: { asNpmStart?: boolean } = {},
): Promise<RunningServer> {
  const serverEnv = { PORT: '0', HOST: '127.0.0.1', ...env };
  const child = options.asNpmStart
    ? run('server/main.ts', serverEnv)
    : run(await bundled('server/main.ts'), serverEnv, [], []);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: () => {
      const done = exited(child);
      child.kill('SIGTERM');
      return done;
    },
  };
}

/** Runs a script (with command-line `args`) to completion; resolves with exit code and output. */
export async function runScript(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return collect(run(script, env, args));
}

const bundles = new Map<string, Promise<string>>();

/**
 * `script` bundled once per test process with esbuild (what tsx transforms with, too; packages
 * stay external and load from node_modules), for a test file that runs it dozens of times: each
 * run then starts without transforming every module again, about twice as fast. Other tests
 * run the same script through tsx exactly as `npm run admin` does.
 */
export function bundled(script: string): Promise<string> {
  let bundle = bundles.get(script);
  if (!bundle) {
    const outfile = join(
      ROOT,
      'node_modules/.cache/quartiersbuch-tests',
      `${basename(script, '.ts')}-${process.pid}.mjs`,
    );
    bundle = build({
      entryPoints: [join(ROOT, script)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'warning',
    }).then(() => outfile);
    bundles.set(script, bundle);
  }
  return bundle;
}

/** `runScript` of the script's bundle (see `bundled`): same code, same process boundary. */
export async function runBundledScript(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return collect(run(await bundled(script), env, args, []));
}

async function collect(
  child: ChildProcess,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await exited(child);
  return { code, stdout, stderr };
}
