// Screens that the start screen does not need (entries, sign-in, sync state) load on first use, so
// the first screen stays small (docs/benchmarks.md, budgets). The service worker precaches their
// chunk, so they open offline too. While loading: one calm line. A load that fails (a flaky
// network, an old cached page after an update, a browser bug) must never strand a volunteer:
// it is tried twice more after short pauses, then the app reloads itself once (the route is in
// the hash and stays; drafts are in IndexedDB, and it waits until no form is dirty: a form that
// closed is dirty until its last draft write is done, src/sw/dirty-forms.ts), and only then
// a plain message with a button.
// A marker in sessionStorage (this tab only) stops a second automatic reload, so it never
// loops. Some browsers keep a failed `import()` of one URL as failed until the page reloads
// (whatwg/html#6768): there the retries cannot help and the reload does. This file is on the
// start path: keep it tiny.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { anyFormDirty, onDirtyChange } from '../sw/dirty-forms';
import { loadPatiently, sleep } from '../shared/load-patiently';
import { useT } from './settings-context';

/** Pauses before the second and third try. */
const PAUSES_MS = [1000, 2000];
/** sessionStorage key: when this tab last reloaded itself because a screen would not load. */
export const RELOAD_MARK = 'qb.screenReloadAt';
/** A page started this soon after such a reload is that reload's page: it does not reload again. */
const RELOADED_PAGE_MS = 5 * 60_000;

/** What a failed load may do. Tests pass their own pauses, reload and clock. */
export interface LoadRecovery {
  pause: (ms: number) => Promise<void>;
  reload: () => void;
  now: () => number;
  /** When this page started (the module's first evaluation). */
  pageStart: number;
  storage: () => Pick<Storage, 'getItem' | 'setItem'>;
}

const browser: LoadRecovery = {
  pause: sleep,
  reload: () => location.reload(),
  now: () => Date.now(),
  pageStart: Date.now(),
  storage: () => sessionStorage,
};

/** Reloads the page unless a form is dirty or this page is the result of such a reload. */
function reloadOnce(recovery: LoadRecovery): boolean {
  if (anyFormDirty()) return false;
  try {
    const storage = recovery.storage();
    if (Number(storage.getItem(RELOAD_MARK)) > recovery.pageStart - RELOADED_PAGE_MS) return false;
    storage.setItem(RELOAD_MARK, String(recovery.now()));
  } catch {
    return false; // no marker, no automatic reload: it could loop
  }
  recovery.reload();
  return true;
}

export function lazyScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
  options: Partial<LoadRecovery> = {},
): ComponentType<P> {
  const recovery: LoadRecovery = Object.assign({}, browser, options);
  let loaded: ComponentType<P> | undefined;
  return function LazyScreen(props: P) {
    const t = useT();
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Screen) return;
      // Left before the tries ended (another screen opened): no reload behind the person's back.
      let here = true;
      let stop = () => {};
      loadPatiently(load, PAUSES_MS, recovery.pause).then(
        (component) => {
          loaded = component;
          if (here) setScreen(() => component);
        },
        () => {
          if (!here || reloadOnce(recovery)) return;
          setFailed(true);
          // A form still writing its draft: reload once that is done (the message shows meanwhile).
          if (anyFormDirty()) {
            stop = onDirtyChange(() => {
              if (!anyFormDirty()) {
                stop();
                reloadOnce(recovery);
              }
            });
          }
        },
      );
      return () => {
        here = false;
        stop();
      };
    }, []);
    if (Screen) return <Screen {...props} />;
    if (!failed) return <p role="status">{t('app.loading')}</p>;
    return (
      <div role="alert">
        <p>{t('app.loadFailed')}</p>
        <button type="button" class="button primary" onClick={() => recovery.reload()}>
          {t('app.reload')}
        </button>
      </div>
    );
  };
}
