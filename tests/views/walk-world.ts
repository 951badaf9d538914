// What the walk screens' tests pass in instead of a real device outdoors: a geolocation that
// fixes come from when the test says so, the page's visibility, and a screen wake lock that
// exists or not. Installed on `navigator` and `document` (what the screens read), never by
// mocking a module; each test installs its own.
import { act } from '@testing-library/preact';
import { vi } from 'vitest';

type Success = (position: GeolocationPosition) => void;
type Failure = (error: GeolocationPositionError) => void;

/** Metres north per degree of latitude, near enough for test routes. */
const METRES_PER_DEGREE = 111_195;

export class FakeGeolocation {
  readonly watchers = new Map<number, { success: Success; failure?: Failure | null }>();
  readonly options: (PositionOptions | undefined)[] = [];
  cleared = 0;
  private nextId = 1;

  watchPosition = (success: Success, failure?: Failure | null, options?: PositionOptions) => {
    const id = this.nextId++;
    this.watchers.set(id, { success, failure });
    this.options.push(options);
    return id;
  };

  clearWatch = (id: number) => {
    if (this.watchers.delete(id)) this.cleared += 1;
  };

  getCurrentPosition = () => undefined;

  /** How often watchPosition was called (armed). */
  get armed(): number {
    return this.options.length;
  }

  /** A fix `north` metres north of the start, at `seconds` after `startMs`. */
  fix(north: number, seconds: number, accuracy = 8, startMs = Date.UTC(2026, 10, 25, 9)) {
    this.emit({
      lat: 51.3331 + north / METRES_PER_DEGREE,
      lon: 6.5623,
      accuracy,
      timestamp: startMs + seconds * 1000,
    });
  }

  emit(fix: { lat: number; lon: number; accuracy: number; timestamp: number }) {
    const position = {
      coords: {
        latitude: fix.lat,
        longitude: fix.lon,
        accuracy: fix.accuracy,
        altitude: null,
        altitudeAccuracy: null,
        heading: null,
        speed: null,
      },
      timestamp: fix.timestamp,
    } as GeolocationPosition;
    act(() => this.watchers.forEach((watcher) => watcher.success(position)));
  }

  deny() {
    const error = {
      code: 1,
      message: 'User denied Geolocation',
      PERMISSION_DENIED: 1,
      POSITION_UNAVAILABLE: 2,
      TIMEOUT: 3,
    } as GeolocationPositionError;
    act(() => this.watchers.forEach((watcher) => watcher.failure?.(error)));
  }
}

/** Installs a fresh fake geolocation (or none: a device without one). */
export function installGeolocation(present = true): FakeGeolocation {
  const fake = new FakeGeolocation();
  Object.defineProperty(navigator, 'geolocation', {
    value: present ? fake : undefined,
    configurable: true,
  });
  return fake;
}

/** A screen wake lock whose requests the test can count and release (or none at all). */
export function installWakeLock(present = true) {
  const released: (() => void)[] = [];
  const request = vi.fn(async (_type: 'screen') => {
    const listeners: (() => void)[] = [];
    released.push(() => listeners.forEach((listener) => listener()));
    return {
      release: vi.fn(async () => undefined),
      addEventListener: (_event: 'release', listener: () => void) => listeners.push(listener),
    };
  });
  Object.defineProperty(navigator, 'wakeLock', {
    value: present ? { request } : undefined,
    configurable: true,
  });
  /** The browser releases every lock (it does so when the page is hidden). */
  const releaseAll = () => released.splice(0).forEach((release) => release());
  return { request, releaseAll };
}

let visibility: DocumentVisibilityState = 'visible';

/** The page becomes hidden or visible again, as when the screen locks or the app is switched. */
export function setVisibility(state: DocumentVisibilityState): void {
  visibility = state;
  Object.defineProperty(document, 'visibilityState', {
    get: () => visibility,
    configurable: true,
  });
  act(() => void document.dispatchEvent(new Event('visibilitychange')));
}
