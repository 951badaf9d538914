// The world of the staff screens' view tests: the real server app in-process on a fresh SQLite
// database (a small quarter with one activity, two staff members, a tablet with Erika signed
// in that pushes entries through the real push), and the app rendered in jsdom with a fetch
// that forwards to `app.inject` and keeps the staff cookie (tests/support/staff-fetch.ts).
// Every test fails if a screen logs an error or a warning.
import {
  cleanup,
  configure,
  fireEvent,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/preact';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi, type MockInstance } from 'vitest';
import type { Database } from '../../server/db/tables';
import { clearCachedStaffWeek } from '../../src/db/staff-week-cache';
import { db as appDb } from '../../src/db/instance';
import { pushResponseSchema, type Mutation } from '../../src/shared/push-protocol';
import type { StaffDeps } from '../../src/sync/staff-requests';
import { App } from '../../src/views/app-frame';
import { StaffDepsContext } from '../../src/views/staff/staff-context';
import { QUARTER, seedSmallQuarter } from '../server/support/fixtures';
import { enrolDevice, type EnrolledTestDevice } from '../server/support/identity-fixtures';
import { createPerson, pushAs, signInOn } from '../server/support/push-fixtures';
import { createStaffUser } from '../server/support/staff-fixtures';
import { buildTestApp } from '../server/support/test-app';
import { useFreshDatabase } from '../server/support/test-database';
import { staffFetch, type StaffFetch } from '../support/staff-fetch';

// Each wait here crosses the real server (password hashing included): allow a busy machine
// more than the default second before a wait gives up. Still a wait for a condition.
configure({ asyncUtilTimeout: 10_000 });

export const ANNA = { name: 'Anna Team', password: 'Laden-Passwort-7' };
export const BERND = { name: 'Bernd Team', password: 'Zweites-Passwort-9' };
/** The device's clock for "Stand: …": 27.11.2026, 14:05 in Berlin. */
export const NOW = Date.parse('2026-11-27T13:05:00.000Z');

/** Presses the button `name` (inside `inside`). */
export const press = (name: string | RegExp, inside: HTMLElement = document.body) =>
  fireEvent.click(within(inside).getByRole('button', { name }));

/** Types `value` into the field labelled `label` (inside `inside`). */
export const type = (label: string | RegExp, value: string, inside: HTMLElement = document.body) =>
  fireEvent.input(within(inside).getByLabelText(label), { target: { value } });

export interface StaffViewWorld {
  server: Kysely<Database>;
  app: FastifyInstance;
  /** The staff member's browser: its fetch, cookie jar and offline switch. */
  browser: StaffFetch;
  deps: StaffDeps;
  tablet: EnrolledTestDevice;
  phone: EnrolledTestDevice;
  /** Erika (volunteer), signed in on both devices. */
  erika: string;
  /** Pushes from a device (the tablet by default); fails on any rejection. */
  push(mutations: (seq: number) => Mutation[], device?: EnrolledTestDevice): Promise<void>;
  /** Renders the app at `hash` with the staff fetch. */
  show(hash: string): ReturnType<typeof render>;
  /** Fills in the staff sign-in and waits for it to go. */
  signIn(person?: { name: string; password: string }): Promise<void>;
}

export function useStaffViewWorld(): () => StaffViewWorld {
  const database = useFreshDatabase('sqlite');
  let world: StaffViewWorld | undefined;
  let consoleErrors: MockInstance;
  let consoleWarnings: MockInstance;

  // The staff screens are a lazy chunk: load it once up front, so the first test's wait does
  // not count the module's first transform.
  // Generous hook timeouts: the chunk's first transform and the password hashing of the two
  // staff members take a while on a busy machine (nothing here waits for a fixed time).
  beforeAll(() => import('../../src/views/staff/staff-screens'), 60_000);

  beforeEach(async () => {
    consoleErrors = vi.spyOn(console, 'error');
    consoleWarnings = vi.spyOn(console, 'warn');
    const server = database().db;
    await seedSmallQuarter(server);
    await createStaffUser(server, { quarterId: QUARTER.id, ...ANNA });
    await createStaffUser(server, { quarterId: QUARTER.id, ...BERND });
    const { app } = await buildTestApp(server);
    const tablet = await enrolDevice(app, server, QUARTER, 'Tablet Laden');
    const phone = await enrolDevice(app, server, QUARTER, 'Handy Erika');
    const erika = await createPerson(server, 'Erika M.');
    await signInOn(app, tablet.authorization, 'Erika M.');
    await signInOn(app, phone.authorization, 'Erika M.');
    const browser = staffFetch(app);
    const deps: StaffDeps = { fetch: browser.fetch, now: () => NOW };
    const seqs = new Map<string, number>();
    world = {
      server,
      app,
      browser,
      deps,
      tablet,
      phone,
      erika,
      push: async (mutations, device = tablet) => {
        const first = (seqs.get(device.deviceId) ?? 0) + 1;
        const batch = mutations(first);
        seqs.set(device.deviceId, first + batch.length - 1);
        const response = await pushAs(app, device.authorization, {
          clientId: `client-${device.deviceId}`,
          mutations: batch,
        });
        expect(response.statusCode, response.body).toBe(200);
        expect(v.parse(pushResponseSchema, response.json()).rejected).toEqual([]);
      },
      show: (hash) => {
        location.hash = hash;
        return render(
          <StaffDepsContext.Provider value={deps}>
            <App initialSettings={{ textSize: 'normal', lang: 'de' }} />
          </StaffDepsContext.Provider>,
        );
      },
      signIn: async (person = ANNA) => {
        await screen.findByRole('heading', { level: 1, name: 'Anmelden für das Team' });
        await screen.findByText('Quartier: Testquartier');
        fireEvent.input(screen.getByLabelText('Name'), { target: { value: person.name } });
        fireEvent.input(screen.getByLabelText('Passwort'), {
          target: { value: person.password },
        });
        fireEvent.click(screen.getByRole('button', { name: 'Anmelden' }));
        await waitFor(() => expect(screen.queryByLabelText('Passwort')).toBeNull());
      },
    };
  }, 60_000);

  afterEach(async () => {
    // Unmounted first, so no screen is left waiting on the app that closes next.
    cleanup();
    await world?.app.close();
    world = undefined;
    await clearCachedStaffWeek();
    await appDb.delete();
    await appDb.open();
    const logged = [...consoleErrors.mock.calls, ...consoleWarnings.mock.calls];
    vi.restoreAllMocks();
    // A screen that logs an error or a warning fails its test.
    expect(logged).toEqual([]);
  });
  afterAll(() => appDb.close());

  return () => {
    if (!world) throw new Error('useStaffViewWorld: only inside a test');
    return world;
  };
}

/** Files the page saves through a Blob link (download-file.ts), instead of the browser's. */
export function catchDownloads(): { name: string; blob: Blob }[] {
  const files: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = vi.fn((blob: Blob) => {
    const url = `blob:export-${blobs.size}`;
    blobs.set(url, blob);
    return url;
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    files.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  return files;
}
