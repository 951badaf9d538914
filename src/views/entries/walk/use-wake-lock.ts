// Keeping the screen on while a walk is recorded: a locked screen stops the GPS fixes. The
// Wake Lock API holds it where it exists; the browser releases the lock whenever the page is
// hidden, so it is asked for again when the page is visible. Where it does not exist (old
// iPads) or is refused (battery saver), the screen says plainly that it must stay on.
import { useEffect, useState } from 'preact/hooks';

/** 'held': the screen stays on; 'unavailable': the person must keep it on. */
export type WakeLockState = 'idle' | 'held' | 'unavailable';

interface Sentinel {
  release: () => Promise<void>;
  addEventListener: (type: 'release', listener: () => void) => void;
}

type WakeLockNavigator = Navigator & {
  wakeLock?: { request: (type: 'screen') => Promise<Sentinel> };
};

export function useWakeLock(active: boolean): WakeLockState {
  const [state, setState] = useState<WakeLockState>('idle');
  useEffect(() => {
    if (!active) {
      setState('idle');
      return;
    }
    const wakeLock = (navigator as WakeLockNavigator).wakeLock;
    if (!wakeLock) {
      setState('unavailable');
      return;
    }
    let sentinel: Sentinel | null = null;
    let ended = false;
    const request = () => {
      if (sentinel || document.visibilityState === 'hidden') return;
      wakeLock.request('screen').then(
        (lock) => {
          if (ended) {
            void lock.release();
            return;
          }
          sentinel = lock;
          setState('held');
          lock.addEventListener('release', () => {
            sentinel = null;
          });
        },
        () => {
          if (!ended) setState('unavailable');
        },
      );
    };
    const onVisibility = () => document.visibilityState === 'visible' && request();
    request();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      ended = true;
      document.removeEventListener('visibilitychange', onVisibility);
      void sentinel?.release();
      sentinel = null;
    };
  }, [active]);
  return state;
}
