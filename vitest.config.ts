import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Three projects by where the code runs: Node (domain, db on fake-indexeddb, server on real
// SQLite/PostgreSQL), jsdom (views), and real Chromium (e2e, one file at a time).
export default defineConfig({
  test: {
    // Three at a time on two cores: most files wait on disks, databases, child processes or
    // Chromium, not on the CPU (one worker, vitest's default there, took 21 minutes; with two,
    // a CI run on a slow machine used 60 % of the CPU and took 23 minutes).
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/{domain,db,sync,sw,server,build}/**/*.test.ts'],
          setupFiles: ['tests/support/setup-node.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [preact()],
        test: {
          name: 'views',
          environment: 'jsdom',
          include: ['tests/views/**/*.test.tsx'],
          setupFiles: ['tests/support/setup-views.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
