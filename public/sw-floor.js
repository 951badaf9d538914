/* global FetchEvent */
// Imported first into the service worker (vite.config.ts, workbox `importScripts`). One early
// Chromium 72 build (72.0.3582, the one tests/e2e/old-engines.test.ts runs) fails every page
// and script the service worker answers from its cache with net::ERR_UNKNOWN_URL_SCHEME:
// responses backed by stored data fail, streamed ones do not (shown with a ten-line page in
// the test's notes). On that build only, each answer is passed on as a stream. ES5 only.
(function () {
  if (!/Chrome\/72\.0\.3582\./.test(self.navigator.userAgent)) return;
  var respondWith = FetchEvent.prototype.respondWith;
  FetchEvent.prototype.respondWith = function (answer) {
    return respondWith.call(
      this,
      Promise.resolve(answer).then(function (response) {
        return response && response.body && response.type === 'basic'
          ? new Response(response.body, response)
          : response;
      }),
    );
  };
})();
