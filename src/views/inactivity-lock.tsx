// The screen lock of a shared tablet (issue 11, item 3). After some minutes without input (a
// device setting, 10 by default) the screen of the person signed in locks: the app frame then
// renders this lock screen instead of any screen, so nothing personal is left in the page, not
// even hidden. It asks that person's PIN (checked on the device, so also offline:
// src/sync/screen-unlock.ts) or lets another person sign in; the lock is stored with the session
// (src/db/device-identity.ts), so a reload does not open it. A form being typed autosaves its
// draft and leaves the page with it; it is back, as typed, once the screen is open again.
// Time comes from a `LockClock` handed in, so tests drive it without waiting.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from './settings-context';
import { href } from './use-route';
import type { MessageKey } from '../i18n/messages';

// Dexie loads after the first paint (issue 12): the session writes come when they are used.
const sessionWrites = () => import('../db/session-writes').then((m) => m.sessionWrites);

/** Locks the screen now ("Sperren", or the idle time is over). */
export const lockScreenNow = (): Promise<void> => sessionWrites().then((writes) => writes.lock());

/** The lock's sense of time: the current time, and a check called every so often. */
export interface LockClock {
  now(): number;
  /** Calls `check` every `ms` milliseconds until the returned function is called. */
  every(ms: number, check: () => void): () => void;
}

export const systemClock: LockClock = {
  now: () => Date.now(),
  every: (ms, check) => {
    const timer = setInterval(check, ms);
    return () => clearInterval(timer);
  },
};

/** How often the idle time is checked; the lock may come this much later than set. */
const CHECK_EVERY_MS = 15_000;
/** What counts as someone using the tablet. */
const INPUT_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'input', 'wheel'] as const;

/**
 * Locks the screen once `minutes` pass without input while someone is signed in and the screen
 * is open. Also checked when the tablet wakes up (the page becomes visible again), since timers
 * sleep with it. The idle time starts over when the app starts.
 */
export function useInactivityLock(
  session: { userId: string; locked?: boolean } | null | undefined,
  minutes: number,
  clock: LockClock,
): void {
  const active = Boolean(session) && !session?.locked;
  useEffect(() => {
    if (!active) return;
    let last = clock.now();
    const touch = () => {
      last = clock.now();
    };
    const check = () => {
      if (clock.now() - last >= minutes * 60_000) void lockScreenNow();
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };
    for (const type of INPUT_EVENTS) {
      window.addEventListener(type, touch, { capture: true, passive: true });
    }
    document.addEventListener('visibilitychange', onVisible);
    const stop = clock.every(CHECK_EVERY_MS, check);
    return () => {
      stop();
      for (const type of INPUT_EVENTS) window.removeEventListener(type, touch, { capture: true });
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [active, session?.userId, minutes, clock]);
}

/** The lock screen: the person's name, a PIN field, and a way for someone else to sign in. */
export function LockScreen(props: { name: string }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ key: MessageKey; left?: number } | null>(null);
  // Screen readers hear at once that the screen is locked, and why.
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (pin.trim() === '') {
      setError({ key: 'lock.missing' });
      return;
    }
    setBusy(true);
    try {
      const { unlockWithPin } = await import('../sync/screen-unlock');
      const result = await unlockWithPin(pin.trim());
      setPin('');
      if (result.outcome === 'wrong') setError({ key: 'lock.wrong', left: result.left });
      else if (result.outcome === 'no-pin') setError({ key: 'lock.noPin' });
      // 'unlocked': the session no longer says locked, and the app frame shows the screen again.
    } finally {
      setBusy(false);
    }
  };

  const other = async () => {
    await (await sessionWrites()).leave();
    location.hash = href.signIn;
  };

  return (
    <section class="lock" aria-labelledby="lock-title">
      <h1 id="lock-title" ref={heading} tabIndex={-1}>
        {t('lock.title')}
      </h1>
      <p class="lead">{t('lock.intro', { name: props.name })}</p>
      <p>{t('lock.why')}</p>
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="lock-pin">{t('lock.pin')}</label>
          <input
            id="lock-pin"
            class="input input-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={pin}
            aria-describedby={error ? 'lock-error' : undefined}
            onInput={(event) => setPin(event.currentTarget.value)}
          />
        </div>
        {error && (
          <p id="lock-error" class="notice notice-error" role="alert">
            {error.left === undefined ? t(error.key) : t(error.key, { left: error.left })}
          </p>
        )}
        <button class="button primary" type="submit" disabled={busy}>
          {busy ? t('lock.busy') : t('lock.submit')}
        </button>
      </form>
      <button class="button" type="button" onClick={() => void other()}>
        {t('lock.other')}
      </button>
    </section>
  );
}
