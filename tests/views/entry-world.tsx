// The world of the entry screens' tests: real Dexie (fake-indexeddb) with topics and an
// institution pulled, an enrolled device, Erika signed in; the app rendered at an address; and
// short ways to fill in a form as a person would.
import { fireEvent, render, screen } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { saveEnrolment, saveSession } from '../../src/db/device-identity';
import { db } from '../../src/db/instance';
import { applyPull } from '../../src/db/pull';
import type { Lang } from '../../src/i18n/messages';
import { App } from '../../src/views/app-frame';
import { pullResponse } from '../support/fixtures';

export const ERIKA = {
  userId: 'u-erika',
  name: 'Erika Beispiel',
  role: 'volunteer' as const,
  session: 's-erika.abcdefghijklmnopqrstuvwxyz',
};
/** Change options for entries of Erika's. */
export const mine = { author: ERIKA.userId, now: 0 };

export const show = (hash: string, lang: Lang = 'de') => {
  location.hash = hash;
  return render(<App initialSettings={{ textSize: 'normal', lang }} />);
};

const topic = (n: number, name: string) => ({ id: `topic-${n}`, number: n, name, version: 1 });

/** Call once at the top of a test file. */
export function useEntryWorld(): void {
  // The entry screens are a lazy chunk; loading it once up front keeps the first test's wait
  // for its heading from counting the module's first transform.
  beforeAll(() => import('../../src/views/entries/screens'));
  beforeEach(async () => {
    await applyPull(
      db,
      pullResponse(1, {
        reset: true,
        changes: {
          topics: [topic(1, 'Wohnen'), topic(2, 'Pflege'), topic(3, 'Geld und Anträge')],
          institutions: [{ id: 'i1', name: 'Seniorenbeirat Stadt Krefeld', version: 1 }],
        },
      }),
      0,
    );
    await saveEnrolment(
      db,
      { deviceId: 'd1', credential: 'secret', quarter: { id: 'q', name: 'Südliche Innenstadt' } },
      0,
    );
    await saveSession(db, ERIKA, 0);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await db.delete();
    await db.open();
  });
  afterAll(() => db.close());
}

export const type = (label: string | RegExp, value: string) =>
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
export const tick = (name: string) => fireEvent.click(screen.getByRole('radio', { name }));
export const tickBox = (name: string) => fireEvent.click(screen.getByRole('checkbox', { name }));
export const press = (name: string) => fireEvent.click(screen.getByRole('button', { name }));
export const valueOf = (label: string | RegExp) =>
  (screen.getByLabelText(label) as HTMLInputElement).value;
export const outboxNames = async () =>
  (await db.outbox.orderBy('seq').toArray()).map((row) => row.name);
