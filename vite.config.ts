import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Browser floor (docs/architecture.md, Old tablets): iOS/iPadOS Safari 12.2 and Chrome 71. Syntax
 * is lowered to ES2017 for both; tests/build/es-syntax.test.ts fails if anything newer slips into
 * dist/.
 */
export const BUILD_TARGET = ['es2017', 'safari12', 'chrome71'];

/**
 * Issue 12: chunks in few files, not thirty. On a slow network every request waits its round
 * trip and a browser opens six at a time, so the QR link's first visit lost half a second
 * queueing small chunks. Three groups, the first taken first:
 * - `start`: everything main.tsx imports statically (the first screen; the entry needs it all);
 * - `data`: Dexie, valibot and the device's data, sync and domain code that loads after the
 *   first paint;
 * - `entries`: the entry screens and their messages.
 * The staff screens, the privacy notice and the catalogue keep their own lazy chunks.
 */
const ENTRY = fileURLToPath(new URL('./src/main.tsx', import.meta.url));
const DATA =
  /[\\/]node_modules[\\/](dexie|valibot)[\\/]|[\\/]src[\\/](db|sync|shared)[\\/](?!staff)/;
const ENTRIES = /[\\/]src[\\/](views[\\/]entries[\\/]|i18n[\\/]messages-(entries|walks))/;

interface Graph {
  getModuleInfo(id: string): { importedIds: readonly string[] } | null;
}
const startOf = new WeakMap<Graph, Set<string>>();
/** The modules main.tsx reaches through static imports (once per build). */
function startModules(graph: Graph): Set<string> {
  let found = startOf.get(graph);
  if (!found) {
    found = new Set();
    const queue = [ENTRY];
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      if (found.has(id)) continue;
      found.add(id);
      queue.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
    }
    startOf.set(graph, found);
  }
  return found;
}
const later = (group: string, pattern: RegExp) => (id: string, graph: Graph) =>
  pattern.test(id) && !startModules(graph).has(id) ? group : null;
export const CHUNK_GROUPS = [
  {
    debugName: 'start',
    name: (id: string, graph: Graph) =>
      id !== ENTRY && startModules(graph).has(id) ? 'start' : null,
    priority: 3,
  },
  { debugName: 'data', name: later('data', DATA), priority: 2 },
  { debugName: 'entries', name: later('entries', ENTRIES), priority: 1 },
];

/** The API lives on the same origin; in `npm run dev` Vite forwards it to the server. */
const apiPort = Number(process.env.PORT ?? 8080);

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      // The page side is ours (src/sw/register.ts, workbox-window) so we control when an
      // update applies: never while a form is dirty.
      injectRegister: false,
      registerType: 'prompt',
      // Set VITE_SW=off at build time to build without a service worker (docs/architecture.md).
      disable: process.env.VITE_SW === 'off',
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Quartiersbuch – Südliche Innenstadt',
        short_name: 'Quartiersbuch',
        description: 'Angebote, Öffnungszeiten und Einträge für das Quartier – auch ohne Internet.',
        lang: 'de',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#fffdf8',
        theme_color: '#0b3d6e',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: 'icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        // The service worker serves the app shell only; data lives in IndexedDB
        // (docs/architecture.md).
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // Runs before Workbox: copes with one old Chromium build's cache bug (public/sw-floor.js).
        importScripts: ['sw-floor.js'],
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
  ],
  build: {
    target: BUILD_TARGET,
    cssTarget: ['safari12', 'chrome71'],
    sourcemap: true,
    rolldownOptions: { output: { codeSplitting: { groups: CHUNK_GROUPS } } },
  },
  server: {
    proxy: { '/api': `http://localhost:${apiPort}` },
  },
});
