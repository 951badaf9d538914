// Two things the oldest browsers of the floor (Chrome 71 and 72, docs/architecture.md) lack and
// the app needs before its first module runs: `Object.fromEntries` (Chrome 73; our shared code
// builds tables with it when it loads) and `queueMicrotask` (listed for Chrome 71, missing in
// its early builds; Dexie calls it for every query). A classic script, so it runs before the
// deferred module scripts; ES5 only. Tested on those engines by tests/e2e/old-engines.test.ts.
(function () {
  if (typeof Object.fromEntries !== 'function') {
    Object.fromEntries = function (entries) {
      var result = {};
      var iterator = entries[Symbol.iterator]();
      for (var step = iterator.next(); !step.done; step = iterator.next()) {
        result[step.value[0]] = step.value[1];
      }
      return result;
    };
  }
  // Through the browser's own promise job queue, so it keeps its place among `await`s exactly
  // as the real one would (Dexie relies on that to carry its transactions along). The `then`
  // is taken now, before Dexie loads: Dexie wraps promise callbacks later, and a polyfill
  // going through the wrapped `then` would call itself in circles.
  if (typeof self.queueMicrotask !== 'function') {
    var resolved = Promise.resolve();
    var then = resolved.then;
    self.queueMicrotask = function (callback) {
      then.call(then.call(resolved, callback), undefined, function (error) {
        setTimeout(function () {
          throw error;
        });
      });
    };
  }
})();
