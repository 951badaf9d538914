// Every Node test gets a fresh, real IndexedDB implementation (fake-indexeddb runs the real
// IndexedDB algorithms in memory); Dexie picks it up from the globals.
import 'fake-indexeddb/auto';
