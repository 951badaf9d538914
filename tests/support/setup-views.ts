import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { options } from 'preact';
import { afterEach } from 'vitest';

// preact/hooks runs effects "after the next frame": a requestAnimationFrame raced against a
// 100 ms timer, whose callback calls cancelAnimationFrame. A timer left over from a file's last
// render can fire after vitest has torn the jsdom window down, and then cancelAnimationFrame no
// longer exists (an uncaught ReferenceError that fails the whole run, seen once in CI). A timer
// alone has nothing to cancel; act() in @testing-library/preact still flushes as before.
options.requestAnimationFrame = (flush) => setTimeout(flush, 16);

afterEach(() => cleanup());
