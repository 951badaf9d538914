// "Usable" as the page itself sees it: the main menu's big buttons are laid out AND the
// storefront line shows a real opening state ("Jetzt geöffnet bis …" or "Geschlossen – öffnet
// …"), which the app can only compute from pulled data in IndexedDB. The placeholder
// "Öffnungszeiten sind noch nicht auf diesem Gerät." (no data yet) never counts, whichever
// element it is in. An init script watches the DOM from the first byte and stores the time of
// the first animation frame after both hold, in ms since navigation start (performance.now()),
// so polling from Node costs the throttled page nothing and adds no delay to the figure.
// It is a string, not a function: tsx may wrap named functions in helpers the page lacks.
import { de } from '../src/i18n/messages';

export const USABLE_SELECTORS = {
  menu: 'nav[aria-label="Hauptmenü"]',
  storeState: '[data-testid="store-state"]',
} as const;

/** The fixed start of each real state text, from the app's own German messages. */
const leadOf = (message: string) => message.slice(0, message.indexOf('{')).trim();
export const REAL_STATE_LEADS = [leadOf(de['store.openUntil']), leadOf(de['store.closedOpens'])];

export const USABLE_PROBE_SCRIPT = `(() => {
  const leads = ${JSON.stringify(REAL_STATE_LEADS)};
  const check = () => {
    const menu = document.querySelector(${JSON.stringify(USABLE_SELECTORS.menu)});
    const state = document.querySelector(${JSON.stringify(USABLE_SELECTORS.storeState)});
    if (!menu || !state) return false;
    const text = (state.textContent || '').replace(/^[●○\\s]+/, '');
    if (!leads.some((lead) => text.startsWith(lead))) return false;
    const button = menu.querySelector('a');
    if (!button) return false;
    const box = button.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(button).visibility !== 'hidden';
  };
  const observer = new MutationObserver(() => {
    if (!check()) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      window.__qbUsableAt = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

declare global {
  interface Window {
    __qbUsableAt?: number;
  }
}
