// Builds the PWA once into dist/ for all browser tests (the server serves it like in production).
import { build } from 'vite';

export default async function setup() {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  await build({ logLevel: 'warn' });
}
