// The page side of updates, written against a minimal Workbox-like interface so it can be
// tested without a browser. A waiting service worker is announced; it takes over only when
// the person taps "Jetzt aktualisieren" and no form is dirty; the page reloads once the new
// worker controls it, and again only if no form became dirty meanwhile.

export interface WorkboxLike {
  addEventListener(type: 'waiting' | 'controlling', listener: () => void): void;
  messageSkipWaiting(): void;
  register(): Promise<unknown>;
}

export interface UpdateFlowDeps {
  workbox: WorkboxLike;
  isDirty: () => boolean;
  reload: () => void;
  onAvailable: () => void;
}

export interface UpdateFlow {
  /** Returns false (and does nothing) while a form is dirty. */
  apply(): boolean;
}

export function createUpdateFlow(deps: UpdateFlowDeps): UpdateFlow {
  let requested = false;
  deps.workbox.addEventListener('waiting', deps.onAvailable);
  deps.workbox.addEventListener('controlling', () => {
    if (requested && !deps.isDirty()) deps.reload();
  });
  void deps.workbox.register();
  return {
    apply() {
      if (deps.isDirty()) return false;
      requested = true;
      deps.workbox.messageSkipWaiting();
      return true;
    },
  };
}
