// G10: an app older than MIN_GOOD_APP_VERSION is asked to update ("bitte aktualisieren"), but
// its pushes are still accepted, so nothing it holds is lost while it waits for the update.

/** Raise when the server drops support for something older apps still rely on. */
export const MIN_GOOD_APP_VERSION = '0.1.0';

/**
 * True when `appVersion` is older than `minimum`. Compares major.minor.patch as numbers and
 * ignores pre-release and build suffixes (a "0.1.0-dev" counts as 0.1.0). A version that is
 * not semver at all is not one of our builds (ours always send package.json's version), so
 * it is advised to update too.
 */
export function isUpdateAdvised(appVersion: string, minimum = MIN_GOOD_APP_VERSION): boolean {
  const app = parseVersion(appVersion);
  const min = parseVersion(minimum);
  if (!min) throw new Error(`MIN_GOOD_APP_VERSION is not semver: ${minimum}`);
  if (!app) return true;
  for (let i = 0; i < 3; i += 1) {
    if (app[i] !== min[i]) return (app[i] ?? 0) < (min[i] ?? 0);
  }
  return false;
}

function parseVersion(version: string): [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}
