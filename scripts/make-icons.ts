// Renders public/favicon.svg into the PNG icons the manifest and iOS need, with Debian's
// Chromium. Run after changing the SVG: `npx tsx scripts/make-icons.ts`. The PNGs are committed.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/requirements';

const svg = readFileSync('public/favicon.svg', 'utf8');
const targets = [
  { file: 'public/icons/icon-192.png', size: 192, padding: 0 },
  { file: 'public/icons/icon-512.png', size: 512, padding: 0 },
  // Maskable: the safe zone is the inner 80 %, so the artwork shrinks onto a full background.
  { file: 'public/icons/icon-maskable-512.png', size: 512, padding: 0.12 },
  { file: 'public/apple-touch-icon.png', size: 180, padding: 0 },
];

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage();
for (const { file, size, padding } of targets) {
  await page.setViewportSize({ width: size, height: size });
  const inner = Math.round(size * (1 - 2 * padding));
  await page.setContent(
    `<body style="margin:0;background:#0b3d6e;display:grid;place-items:center;height:${size}px">` +
      `<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`,
  );
  await page.screenshot({ path: file, omitBackground: false });
}
await browser.close();
console.log(`Wrote ${targets.length} icons.`);
