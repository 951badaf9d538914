// Work that must not hold back the frame the user waits for: run after the browser has painted
// what was just rendered. Browser-only, no imports (the start path uses it).

/**
 * Runs `run` in a task after the next frame; after 100 ms at the latest (a hidden tab paints
 * no frames), and at once in a task where nothing paints (tests without a DOM).
 */
export function afterPaint(run: () => void): void {
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      setTimeout(run);
    }
  };
  const paints = typeof requestAnimationFrame === 'function';
  if (paints) requestAnimationFrame(once);
  setTimeout(once, paints ? 100 : 0);
}
