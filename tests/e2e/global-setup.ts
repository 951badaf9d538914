// Builds the PWA once into dist/ for all browser tests (the server serves it like in production).
import { buildApp } from '../support/build-app';

export default function setup() {
  if (process.env.E2E_SKIP_BUILD !== '1') buildApp('dist');
}
