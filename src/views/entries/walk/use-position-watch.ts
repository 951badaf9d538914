// Following the device's position while a walk is recorded: `watchPosition` with high accuracy,
// each fix handed to `onFix`. A hidden page gets no fixes (browsers stop them, iOS suspends the
// page), so the watch is dropped while hidden and armed again when the page is visible; each
// arming first calls `onArm` (the recorder marks a gap there: the time the page was hidden is
// never drawn or counted as a straight walked line). A refused permission or a device without
// geolocation is said plainly; the walk can be logged without a route.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TrackPoint } from '../../../shared/walk-track';

/** Why there is no route: the person refused the location, or the device has none. */
export type GeoProblem = 'denied' | 'missing' | null;

export interface PositionWatch {
  problem: GeoProblem;
  /** The newest fix and the device time it arrived (any accuracy), or null. */
  latest: { fix: TrackPoint; at: number } | null;
}

/** A position from the Geolocation API as a track point (device time: data only, G9). */
export function fixOf(position: GeolocationPosition): TrackPoint {
  return {
    t: new Date(position.timestamp).toISOString(),
    lat: position.coords.latitude,
    lon: position.coords.longitude,
    accuracy: position.coords.accuracy,
  };
}

export function usePositionWatch(
  active: boolean,
  handlers: { onFix: (fix: TrackPoint) => void; onArm: () => void },
): PositionWatch {
  const [problem, setProblem] = useState<GeoProblem>(null);
  const [latest, setLatest] = useState<PositionWatch['latest']>(null);
  const current = useRef(handlers);
  current.current = handlers;

  useEffect(() => {
    if (!active) return;
    const geolocation = typeof navigator === 'undefined' ? undefined : navigator.geolocation;
    if (!geolocation) {
      setProblem('missing');
      return;
    }
    let watchId: number | null = null;
    const disarm = () => {
      if (watchId !== null) geolocation.clearWatch(watchId);
      watchId = null;
    };
    const arm = () => {
      if (watchId !== null || document.visibilityState === 'hidden') return;
      current.current.onArm();
      watchId = geolocation.watchPosition(
        (position) => {
          const fix = fixOf(position);
          setProblem(null);
          setLatest({ fix, at: Date.now() });
          current.current.onFix(fix);
        },
        (error) => {
          // A timeout or a lost signal passes; only a refusal ends the watch.
          if (error.code === error.PERMISSION_DENIED) {
            setProblem('denied');
            disarm();
          }
        },
        { enableHighAccuracy: true, maximumAge: 0 },
      );
    };
    const onVisibility = () => (document.visibilityState === 'hidden' ? disarm() : arm());
    arm();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      disarm();
    };
  }, [active]);

  return { problem, latest };
}
