// The device's database. Every schema version lives here, in order, and never changes once
// released: a new version is a new `this.version(n)` block (Dexie upgrades old tablets in place).
import Dexie, { type EntityTable } from 'dexie';
import type {
  Activity,
  Institution,
  OpeningException,
  Storefront,
  Theme,
} from '../shared/catalogue';

/** What the device knows about its last pull (one row, key 'pull'). */
export interface PullState {
  key: 'pull';
  /** Opaque cookie to send with the next pull. */
  cookie: string;
  epoch: string;
  /** Server version the replica is complete up to; never decreases within an epoch (G4). */
  head: number;
  quarterId: string;
  quarterName: string;
  /** Device time of the last successful pull, epoch ms (for "Zuletzt aktualisiert"). */
  pulledAt: number;
  /** Server time of that pull, ISO (data only; used to warn about clock skew later). */
  serverTime: string;
}

export class QuartiersbuchDb extends Dexie {
  themes!: EntityTable<Theme, 'id'>;
  institutions!: EntityTable<Institution, 'id'>;
  activities!: EntityTable<Activity, 'id'>;
  storefronts!: EntityTable<Storefront, 'id'>;
  openingExceptions!: EntityTable<OpeningException, 'id'>;
  syncState!: EntityTable<PullState, 'key'>;

  constructor(name = 'quartiersbuch') {
    super(name);
    this.version(1).stores({
      themes: 'id, number',
      institutions: 'id',
      activities: 'id, themeId',
      storefronts: 'id',
      openingExceptions: 'id, storefrontId, date',
      syncState: 'key',
    });
  }
}
