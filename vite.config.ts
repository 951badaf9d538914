import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Browser floor (docs/architecture.md, Old tablets): iOS/iPadOS Safari 12.2 and Chrome 71. Syntax
 * is lowered to ES2017 for both; tests/build/es-syntax.test.ts fails if anything newer slips into
 * dist/.
 */
export const BUILD_TARGET = ['es2017', 'safari12', 'chrome71'];

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
  },
  server: {
    proxy: { '/api': `http://localhost:${apiPort}` },
  },
});
