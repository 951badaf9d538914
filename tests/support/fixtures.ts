// Builders for reference data and pull responses. Each test makes its own data with these;
// entries (calls, advice sessions) come from entry-builders.ts.
import type {
  Activity,
  Institution,
  OpeningException,
  Storefront,
  Theme,
  Topic,
} from '../../src/shared/catalogue';
import type { PullResponse } from '../../src/shared/protocol';

const UPDATED = '2026-11-20T09:00:00.000Z';

export function theme(n: number, overrides: Partial<Theme> = {}): Theme {
  return { id: `theme-${n}`, number: n, name: `Thema ${n}`, version: 1, ...overrides };
}

export function topic(n: number, overrides: Partial<Topic> = {}): Topic {
  return { id: `topic-${n}`, number: n, name: `Beratungsthema ${n}`, version: 1, ...overrides };
}

export function institution(id: string, overrides: Partial<Institution> = {}): Institution {
  return { id, name: `Einrichtung ${id}`, version: 1, ...overrides };
}

export function activity(id: string, overrides: Partial<Activity> = {}): Activity {
  return {
    id,
    themeId: 'theme-1',
    name: `Angebot ${id}`,
    description: 'Beschreibung',
    actorIds: [],
    schedule: 'dienstags 10 Uhr',
    place: 'Laden',
    contact: '02151 000000',
    ampel: 'green',
    ampelCondition: '',
    isExample: false,
    updatedAt: UPDATED,
    version: 1,
    ...overrides,
  };
}

export function storefront(overrides: Partial<Storefront> = {}): Storefront {
  return {
    id: 'store-1',
    name: 'Anlaufstelle',
    address: 'Hansa Centrum',
    weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '10:00', closes: '16:00' })),
    holidaysClosed: true,
    isExample: false,
    updatedAt: UPDATED,
    version: 1,
    ...overrides,
  };
}

export function exception(id: string, overrides: Partial<OpeningException> = {}): OpeningException {
  return {
    id,
    storefrontId: 'store-1',
    date: '2026-12-24',
    closed: true,
    intervals: [],
    note: '',
    isExample: false,
    updatedAt: UPDATED,
    version: 1,
    ...overrides,
  };
}

type Tables = PullResponse['changes'];
const emptyTables = (): Tables => ({
  themes: [],
  institutions: [],
  activities: [],
  storefronts: [],
  openingExceptions: [],
  topics: [],
  calls: [],
  advice: [],
  walks: [],
  observations: [],
  partners: [],
  tracks: [],
});
const emptyIds = (): PullResponse['deleted'] => ({
  themes: [],
  institutions: [],
  activities: [],
  storefronts: [],
  openingExceptions: [],
  topics: [],
  calls: [],
  advice: [],
  walks: [],
  observations: [],
  partners: [],
});

export function pullResponse(
  head: number,
  options: {
    reset?: boolean;
    epoch?: string;
    changes?: Partial<Tables>;
    deleted?: Partial<PullResponse['deleted']>;
    client?: PullResponse['client'];
  } = {},
): PullResponse {
  const epoch = options.epoch ?? 'epoch-a';
  return {
    protocol: 1,
    cookie: `1.${epoch}.q.${head}`,
    epoch,
    head,
    reset: options.reset ?? false,
    quarter: { id: 'q', name: 'Testquartier' },
    changes: { ...emptyTables(), ...options.changes },
    deleted: { ...emptyIds(), ...options.deleted },
    client: options.client ?? null,
    serverTime: '2026-11-25T10:00:00.000Z',
    invalidSessions: [],
    erasedPeople: [],
  };
}
