// The activity detail shows the day the Ampel was judged (issue 10): "Stand: 15. November 2026"
// beside the Ampel, in the device's language; a row without a date (older server, or staff did
// not say) shows no such line. Filled through the real pull-apply path, as a device gets it.
import { render, screen } from '@testing-library/preact';
import { afterAll, afterEach, expect, it } from 'vitest';
import { db } from '../../src/db/instance';
import { applyPull } from '../../src/db/pull';
import type { Lang } from '../../src/i18n/messages';
import { App } from '../../src/views/app-frame';
import { activity, pullResponse, theme } from '../support/fixtures';

async function showActivity(asOf: string | null | undefined, lang: Lang = 'de') {
  const judged = asOf === undefined ? {} : { ampelAsOf: asOf };
  await applyPull(
    db,
    pullResponse(1, {
      reset: true,
      changes: {
        themes: [theme(1)],
        activities: [activity('a1', { name: 'Bewegungstreff', ampel: 'red', ...judged })],
      },
    }),
    0,
  );
  location.hash = '#/angebote/a1';
  render(<App initialSettings={{ textSize: 'normal', lang }} />);
  await screen.findByRole('heading', { level: 1, name: 'Bewegungstreff' });
}

afterEach(async () => {
  await db.delete();
  await db.open();
});
afterAll(() => db.close());

it('shows the Ampel’s date in words', async () => {
  await showActivity('2026-11-15');
  expect(screen.getByText('Stand: 15. November 2026')).toBeTruthy();
  // Inside the Ampel's box, so it is read as the Ampel's date, not the row's.
  const box = screen.getByRole('heading', { name: 'Ampel' }).parentElement;
  expect(box?.textContent).toContain('Stand: 15. November 2026');
});

it('in English too', async () => {
  await showActivity('2026-03-01', 'en');
  expect(screen.getByText('As of: 1 March 2026')).toBeTruthy();
});

it('shows no date when staff did not say', async () => {
  await showActivity(null);
  expect(screen.queryByText(/^Stand: \d/)).toBeNull();
});

it('shows no date for a row from an older server, which lacks the field', async () => {
  await showActivity(undefined);
  expect(screen.queryByText(/^Stand: \d/)).toBeNull();
  expect(screen.getByText(/Zuletzt geändert:/)).toBeTruthy();
});
