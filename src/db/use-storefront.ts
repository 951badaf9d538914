// The storefront and its dated exceptions; null before the first pull. On the start path:
// from the start snapshot first, then live (src/db/start-state.ts).
import { useStart } from './start-state';

export const useStorefront = () => useStart('storefront');
