// The app's version (package.json), reported by the health endpoint. Read once at start-up
// from the file next to the server folder, so it works under tsx without JSON-import flags.
import { readFileSync } from 'node:fs';

export function readAppVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : 'unbekannt';
  } catch {
    return 'unbekannt';
  }
}
