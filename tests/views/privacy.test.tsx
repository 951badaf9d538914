// The privacy notice (issue 11): reached from the settings screen and the start screen, one h1
// and headings in order, the server's current default periods (so the notice and the deletion
// rules cannot drift apart) called "Standard-Fristen" before any pull, the periods a server
// named once it has ("Diese Fristen gelten hier"), the storefront as a place to ask, and the
// same in English.
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { RETENTION_RULES } from '../../server/retention/retention-rules';
import { db } from '../../src/db/instance';
import { applyPull } from '../../src/db/pull';
import { privacyDe, privacyEn } from '../../src/i18n/messages-privacy';
import { App } from '../../src/views/app-frame';
import { parseRoute } from '../../src/views/use-route';
import { RETENTION_DEFAULT_DAYS } from '../../src/shared/retention-defaults';
import { pullResponse, storefront } from '../support/fixtures';

const show = (hash: string, lang: 'de' | 'en' = 'de') => {
  location.hash = hash;
  return render(<App initialSettings={{ textSize: 'normal', lang }} />);
};

afterEach(async () => {
  await db.delete();
  await db.open();
});
afterAll(() => db.close());

const headingLevels = () =>
  [...document.querySelectorAll('main h1, main h2, main h3')].map((h) => Number(h.tagName[1]));

describe('privacy notice', () => {
  it('opens from the settings screen, with one h1, headings in order and the default periods', async () => {
    show('#/einstellungen');
    const link = await screen.findByRole('link', {
      name: 'Datenschutz: was mit Ihren Daten geschieht',
    });
    expect(link.getAttribute('href')).toBe('#/datenschutz');
    fireEvent.click(link);
    const h1 = await screen.findByRole('heading', {
      level: 1,
      name: 'Datenschutz: was mit Ihren Daten geschieht',
    });
    // Focus moves to the heading, so a screen reader announces the new screen.
    await waitFor(() => expect(document.activeElement).toBe(h1));
    expect(document.querySelectorAll('main h1')).toHaveLength(1);
    const levels = headingLevels();
    expect(levels[0]).toBe(1);
    expect(levels.slice(1).every((level) => level === 2)).toBe(true);
    expect(screen.getByRole('heading', { level: 2, name: 'Wie lange' })).toBeTruthy();

    // The numbers the server deletes by, read from its rules, not from the notice's module.
    // Before any pull they are the defaults, and the notice says so.
    expect(await screen.findByText(/^Das sind die Standard-Fristen\./)).toBeTruthy();
    const text = document.querySelector('main')!.textContent!;
    expect(text).not.toContain('Diese Fristen gelten hier');
    const days = (kind: keyof typeof RETENTION_RULES) => RETENTION_RULES[kind].defaultDays;
    expect(text).toContain(`Notizen nach ${days('notes')} Tagen`);
    expect(text).toMatch(/Notizen nach \d+ Tagen \(etwa \d+ Monaten\)\./);
    expect(text).toContain(`Einträge nach ${days('entries')} Tagen`);
    expect(text).toContain(`Spaziergängen nach ${days('routes')} Tagen`);
    expect(text).toContain(`beendet sind, nach ${days('endedPartners')} Tagen`);
    expect(text).toContain(`Einträge nach ${days('history')} Tagen`);
    // That the operator may change them, and the rights.
    expect(text).toContain('Der Träger kann diese Fristen ändern');
    expect(text).toContain('bei der Aufsichtsbehörde für Datenschutz beschweren');
    // The placeholder the operator replaces is visible, not hidden.
    expect(text).toContain('[Name und Anschrift des Trägers]');
  });

  it('is linked from the start screen and names the storefront as a place to ask', async () => {
    await applyPull(
      db,
      pullResponse(1, {
        reset: true,
        changes: {
          storefronts: [storefront({ name: 'Quartiersbüro Mitte', address: 'Marktplatz 1' })],
        },
      }),
      0,
    );
    show('#/');
    const link = await screen.findByRole('link', { name: 'Datenschutz' });
    expect(link.getAttribute('href')).toBe('#/datenschutz');
    fireEvent.click(link);
    expect(
      await screen.findByText(
        'Sie können auch im Quartiersbüro fragen: Quartiersbüro Mitte, Marktplatz 1.',
      ),
    ).toBeTruthy();
  });

  it('shows the periods the server named with its last pull, and says they apply here', async () => {
    const named = { ...RETENTION_DEFAULT_DAYS, routes: 30, notes: 92 };
    await applyPull(db, { ...pullResponse(1, { reset: true }), retention: named }, 0);
    // A later answer without periods (an older server behind it) keeps the last ones.
    await applyPull(db, pullResponse(2), 0);
    show('#/datenschutz');
    expect(await screen.findByText(/^Diese Fristen gelten hier\./)).toBeTruthy();
    const text = document.querySelector('main')!.textContent!;
    // A month or less: the days alone, never "etwa 1 Monaten".
    expect(text).toContain('Spaziergängen nach 30 Tagen. Auch');
    expect(text).toContain('Auch dieses Gerät löscht sie dann');
    expect(text).toContain('Notizen nach 92 Tagen (etwa 3 Monaten)');
    expect(text).toContain(`Einträge nach ${RETENTION_RULES.entries.defaultDays} Tagen`);
    expect(text).not.toContain(`Spaziergängen nach ${RETENTION_RULES.routes.defaultDays} Tagen`);
    expect(text).not.toContain('Standard-Fristen');
  });

  it('works in English, with the same periods', async () => {
    show('#/datenschutz', 'en');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Privacy: what happens to your data' }),
    ).toBeTruthy();
    expect(await screen.findByText(/^These are the standard periods\./)).toBeTruthy();
    const text = document.querySelector('main')!.textContent!;
    expect(text).toContain(`Notes after ${RETENTION_RULES.notes.defaultDays} days`);
    expect(text).toContain(`walks after ${RETENTION_RULES.routes.defaultDays} days`);
    expect(text).not.toMatch(/Tagen|Datenschutz/);
  });

  it('has every German line in English, and the address opens nothing else', () => {
    expect(Object.keys(privacyEn).sort()).toEqual(Object.keys(privacyDe).sort());
    expect(parseRoute('#/datenschutz')).toEqual({ name: 'privacy' });
  });
});
