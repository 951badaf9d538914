// The start screen as a picture for the next start (issue 12). A tablet opened again paints,
// before any module has loaded, the HTML of the start screen as it was last shown here:
// public/start-picture.js, a classic script index.html runs right after the app's root, takes it
// from the start snapshot (src/db/start-state.ts) and paints it only while it is still true —
// the same app version and settings, no start value changed since, the storefront line's words
// still right (until its state changes, or midnight), and the start screen asked for ("#/" or no
// hash). The app then renders the same screen in its place. The picture's links work before
// the app has loaded (they change the hash, which the app reads when it starts); its buttons do
// nothing until then, a fraction of a second on a slow tablet.
// Only the start screen is ever taken: not another screen, and not while the screen is locked
// (the lock screen then stands in its place, and the lock itself changed a start value).
import { keptSettingsText } from '../db/device-settings';
import { askForStartPicture, keepStartPictures, type StartPicture } from '../db/start-state';
import { parseRoute } from './use-route';

/** What the storefront line's words are true until (src/views/storefront-state.tsx). */
const VALID_UNTIL = 'data-valid-until';

/** `root`'s start screen as a picture, or null when it does not show the start screen. */
export function pictureOf(
  root: Element,
  doc: Document,
  now: number,
  settings: string | null,
): StartPicture | null {
  if (parseRoute(doc.location.hash).name !== 'home') return null;
  const state = root.querySelector(`[${VALID_UNTIL}]`);
  const build = doc.querySelector('script[type="module"]')?.getAttribute('src');
  if (!state || !root.querySelector('nav') || !build) return null;
  const until = Number(state.getAttribute(VALID_UNTIL));
  if (!(until > now)) return null;
  // Whether the tablet is online (the connection line) is known only once the app runs: the
  // picture leaves status lines empty, one line high, rather than say what may no longer be
  // true (or have a screen reader announce it).
  const copy = root.cloneNode(true) as Element;
  copy.querySelectorAll('[role="status"]').forEach((line) => {
    line.textContent = '\u00a0';
  });
  return {
    html: copy.innerHTML,
    at: now,
    until,
    build,
    settings,
    fontSize: doc.documentElement.style.fontSize,
    lang: doc.documentElement.lang,
  };
}

/**
 * Keeps pictures of the start screen in `root`: after each change of it, and when the app is
 * left. Its changes are watched only while the start screen is open, so no other screen (a
 * form being saved, say) does any work for it.
 */
export function keepPicturesOf(root: HTMLElement): void {
  keepStartPictures(() => pictureOf(root, document, Date.now(), keptSettingsText()));
  const changes = new MutationObserver(() => askForStartPicture());
  const follow = () => {
    if (parseRoute(location.hash).name !== 'home') changes.disconnect();
    else changes.observe(root, { childList: true, subtree: true, characterData: true });
  };
  follow();
  addEventListener('hashchange', follow);
  addEventListener('pagehide', () => askForStartPicture(true));
}
