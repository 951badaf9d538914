// The activity choice of the call and walk forms: the catalogue's activities by name, "none"
// first, and an activity that has left the catalogue stays selectable on an entry that names
// it (G11), without showing twice while it is still there.
import { render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/db/instance';
import { applyPull } from '../../src/db/pull';
import { ActivityField } from '../../src/views/entries/activity-field';
import { activity, pullResponse, theme } from '../support/fixtures';

const optionTexts = () =>
  Array.from(screen.getByRole<HTMLSelectElement>('combobox').options).map((o) => o.textContent);

async function catalogue(...names: string[]) {
  await applyPull(
    db,
    pullResponse(1, {
      reset: true,
      changes: {
        themes: [theme(1)],
        activities: names.map((name, i) => activity(`a${i}`, { name })),
      },
    }),
    0,
  );
}

const field = (current: { id: string; name: string } | null) => (
  <ActivityField
    id="test-activity"
    label="Zu welchem Angebot?"
    noneLabel="Kein bestimmtes Angebot"
    value={current?.id ?? ''}
    current={current}
    onChange={() => undefined}
  />
);

describe('ActivityField', () => {
  it('offers "none" first, then the catalogue by name', async () => {
    await catalogue('Spaziergang', 'Erzählcafé');
    render(field(null));
    await waitFor(() =>
      expect(optionTexts()).toEqual(['Kein bestimmtes Angebot', 'Erzählcafé', 'Spaziergang']),
    );
  });

  it('keeps an activity that left the catalogue selectable on the entry naming it, once', async () => {
    await catalogue('Erzählcafé');
    const { rerender } = render(field({ id: 'gone', name: 'Altes Angebot' }));
    await waitFor(() =>
      expect(optionTexts()).toEqual(['Kein bestimmtes Angebot', 'Altes Angebot', 'Erzählcafé']),
    );
    expect(screen.getByRole<HTMLSelectElement>('combobox').value).toBe('gone');
    rerender(field({ id: 'a0', name: 'Erzählcafé' }));
    await waitFor(() => expect(optionTexts()).toEqual(['Kein bestimmtes Angebot', 'Erzählcafé']));
  });
});
