// Paints the start screen at once when the app is opened again (issue 12): the picture the app
// kept of it with the start snapshot (src/views/start-picture.ts, src/db/start-state.ts), while
// the app's own modules are still loading. Only while it is still true: the start screen asked
// for, the picture of this app version and these settings, its storefront line's words not yet
// past their time, and the device clock not set back before it was taken. Otherwise nothing
// happens and the app paints as before. The app renders the same screen in its place; should it
// never start, the reload hint shows after a few seconds, as on the waiting screen.
// A classic script right after the app's root in index.html (parsed, so nothing paints before
// it); ES5 only, for the oldest tablets. Tested in tests/views/start-picture.test.tsx and in
// Chromium by tests/e2e/start-picture.test.ts.
(function () {
  try {
    var hash = location.hash;
    if (hash !== '' && hash !== '#' && hash !== '#/') return;
    var kept = JSON.parse(localStorage.getItem('qb.start') || 'null');
    var picture = kept && kept.v === 1 && kept.picture;
    if (!picture || typeof picture.html !== 'string') return;
    var now = Date.now();
    if (!(now >= picture.at && now < picture.until)) return;
    if (picture.settings !== localStorage.getItem('qb.settings')) return;
    var app = document.querySelector('script[type="module"]');
    if (!app || app.getAttribute('src') !== picture.build) return;
    var root = document.getElementById('app');
    var stuck = root.querySelector('.boot-stuck');
    document.documentElement.style.fontSize = picture.fontSize;
    document.documentElement.lang = picture.lang;
    root.innerHTML = picture.html;
    if (stuck) {
      stuck.className += ' boot-stuck-over';
      root.appendChild(stuck);
    }
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no bare `catch {`
  } catch (error) {
    // No storage, or not ours: the app paints as it always does.
  }
})();
