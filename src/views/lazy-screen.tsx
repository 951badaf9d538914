// Screens that the start screen does not need (entries, sign-in, sync state) load on first use, so
// the first screen stays small (docs/benchmarks.md, budgets). The service worker precaches their
// chunk, so they open offline too. While loading: one calm line; if loading fails (an old cached
// page after an update), a plain request to reload.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from './settings-context';

export function lazyScreen<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function LazyScreen(props: P) {
    const t = useT();
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Screen) return;
      load().then(
        (component) => {
          loaded = component;
          setScreen(() => component);
        },
        (error: unknown) => {
          console.error('Bildschirm laden fehlgeschlagen', error);
          setFailed(true);
        },
      );
    }, []);
    if (Screen) return <Screen {...props} />;
    return <p role="status">{failed ? t('app.loadFailed') : t('app.loading')}</p>;
  };
}
