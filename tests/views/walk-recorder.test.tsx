// Recording a walk on the screen, against real Dexie (fake-indexeddb) and a fake geolocation
// the test feeds: start, fixes kept and dropped ("GPS ungenau"), a hidden page as a gap in the
// route with the tracking re-armed, the screen kept on (or the plain note where it cannot be),
// no location at all, pause, resume and stop (asked first), a recording that goes on after the
// app was closed, and "Hier" for an observation at the spot — with the keyboard too.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntryOf } from '../../src/db/db';
import { db } from '../../src/db/instance';
import { startWalk } from '../../src/db/walk-recording';
import { ERIKA, outboxNames, press, show, type, useEntryWorld } from './entry-world';
import {
  installGeolocation,
  installWakeLock,
  setVisibility,
  type FakeGeolocation,
} from './walk-world';

useEntryWorld();

let gps: FakeGeolocation;
beforeEach(() => {
  gps = installGeolocation();
  installWakeLock();
});
afterEach(() => setVisibility('visible'));

/** The figure under a heading of the figures ("Strecke", "Punkte", "Standort"). */
const figure = (name: string) =>
  screen.getByText(name, { selector: 'dt' }).nextElementSibling?.textContent;

const walkOf = async () =>
  (await db.entries.where('kind').equals('walk').first()) as EntryOf<'walk'>;
const pointsOf = async () => db.walkPoints.toArray();

async function startRecording() {
  show('#/spaziergang');
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Spaziergang aufzeichnen' }),
  ).toBeTruthy();
  press('Start');
  await screen.findByText('Die Aufzeichnung läuft.');
  await waitFor(() => expect(gps.watchers.size).toBe(1));
}

describe('recording a walk', () => {
  it('starts the walk, follows the position with high accuracy and keeps good fixes', async () => {
    await startRecording();
    expect(gps.options[0]).toMatchObject({ enableHighAccuracy: true });
    const walk = await walkOf();
    expect(walk).toMatchObject({ author: ERIKA.userId, endedAt: null });
    expect(await outboxNames()).toEqual(['walk.create']);
    expect(figure('Standort')).toBe('kein GPS');

    gps.fix(0, 0, 8);
    await waitFor(() => expect(figure('Punkte')).toBe('1'));
    expect(figure('Standort')).toBe('GPS gut');
    gps.fix(40, 30, 6);
    await waitFor(() => expect(figure('Punkte')).toBe('2'));
    expect(figure('Strecke')).toBe('0,04 km');
  });

  it('drops a poor fix and says so: "GPS ungenau"', async () => {
    await startRecording();
    gps.fix(0, 0, 8);
    await waitFor(() => expect(figure('Punkte')).toBe('1'));
    gps.fix(40, 30, 80);
    await waitFor(() => expect(figure('Standort')).toBe('GPS ungenau'));
    await waitFor(async () => expect((await db.recordings.toArray())[0]?.dropped).toBe(1));
    expect(figure('Punkte')).toBe('1');
    expect(await pointsOf()).toHaveLength(1);
  });

  it('a hidden page is a gap in the route, and tracking is armed again when it is visible', async () => {
    await startRecording();
    gps.fix(0, 0);
    gps.fix(40, 30);
    await waitFor(() => expect(figure('Punkte')).toBe('2'));

    setVisibility('hidden');
    expect(gps.watchers.size).toBe(0);
    expect(gps.cleared).toBe(1);
    setVisibility('visible');
    expect(gps.watchers.size).toBe(1);
    expect(gps.armed).toBe(2);
    expect(gps.options[1]).toMatchObject({ enableHighAccuracy: true });

    // 300 m further on, ten minutes later: walked while hidden, never a straight line.
    gps.fix(340, 630);
    gps.fix(380, 660);
    await waitFor(() => expect(figure('Punkte')).toBe('4'));
    const points = await pointsOf();
    expect(points.map((point) => point.gap ?? false)).toEqual([false, false, true, false]);
    // Two segments of 40 m each; the 300 m between them do not count.
    expect(figure('Strecke')).toBe('0,08 km');
  });

  it('asks for the screen to stay on, again when the page is visible again', async () => {
    const wakeLock = installWakeLock();
    await startRecording();
    await waitFor(() => expect(wakeLock.request).toHaveBeenCalledWith('screen'));
    expect(screen.queryByText(/Bitte lassen Sie den Bildschirm an/)).toBeNull();
    setVisibility('hidden');
    wakeLock.releaseAll();
    setVisibility('visible');
    await waitFor(() => expect(wakeLock.request).toHaveBeenCalledTimes(2));
  });

  it('says plainly that the screen must stay on where there is no wake lock (old iPads)', async () => {
    installWakeLock(false);
    await startRecording();
    expect(
      await screen.findByText('Bitte lassen Sie den Bildschirm an, sonst stockt die Aufzeichnung.'),
    ).toBeTruthy();
  });

  it('without permission for the location, says so and still saves the walk, without a route', async () => {
    await startRecording();
    gps.deny();
    expect(await screen.findByText(/Das Gerät darf den Standort nicht benutzen/)).toBeTruthy();
    expect(gps.watchers.size).toBe(0);
    press('Beenden');
    press('Ja, beenden');
    expect(await screen.findByText(/Der Spaziergang ist beendet/)).toBeTruthy();
    expect(await walkOf()).toMatchObject({ distanceMetres: 0 });
    expect(
      await screen.findByText('Für diesen Spaziergang gibt es keine Route auf diesem Gerät.'),
    ).toBeTruthy();
  });

  it('on a device without geolocation, says so before the start', async () => {
    installGeolocation(false);
    show('#/spaziergang');
    expect(await screen.findByText(/kann den Standort nicht bestimmen/)).toBeTruthy();
    press('Start');
    expect(await screen.findByText('Die Aufzeichnung läuft.')).toBeTruthy();
  });
});

describe('pause, resume and stop', () => {
  it('pauses (fixes ignored), resumes with a new segment, and stops only after asking', async () => {
    await startRecording();
    gps.fix(0, 0);
    gps.fix(40, 30);
    await waitFor(() => expect(figure('Punkte')).toBe('2'));

    press('Pause');
    expect(await screen.findByText('Pause – es wird nichts aufgezeichnet.')).toBeTruthy();
    gps.fix(80, 60);
    await waitFor(async () => expect((await db.recordings.toArray())[0]?.status).toBe('paused'));
    press('Weiter');
    expect(await screen.findByText('Die Aufzeichnung läuft.')).toBeTruthy();
    gps.fix(200, 300);
    await waitFor(() => expect(figure('Punkte')).toBe('3'));
    expect((await pointsOf())[2]?.gap).toBe(true);

    // "Beenden" asks first; the safe answer has the focus and keeps recording.
    press('Beenden');
    expect(screen.getByRole('alert').textContent).toBe(
      'Spaziergang beenden? Danach wird nichts mehr aufgezeichnet.',
    );
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Nein, weiter' }));
    press('Nein, weiter');
    expect(await db.recordings.count()).toBe(1);

    press('Beenden');
    press('Ja, beenden');
    expect(await screen.findByText(/Der Spaziergang ist beendet/)).toBeTruthy();
    expect(await db.recordings.count()).toBe(0);
    const walk = await walkOf();
    expect(walk.endedAt).not.toBeNull();
    expect(walk.distanceMetres).toBe(40);
    expect(await outboxNames()).toEqual(['walk.create', 'walk.update', 'walk.track']);
    const track = (await db.outbox.toArray()).find((row) => row.name === 'walk.track');
    expect((track?.args as { points: { gap?: true }[] }).points.map((p) => p.gap ?? false)).toEqual(
      [false, false, true],
    );
    expect(gps.watchers.size).toBe(0);
  });

  it('asks for the details after stopping, and checks the counts against the participants', async () => {
    await startRecording();
    press('Beenden');
    press('Ja, beenden');
    await screen.findByText(/Der Spaziergang ist beendet/);
    await screen.findByLabelText('Wie viele haben mitgemacht?');
    type('Wie viele haben mitgemacht?', '6');
    type('Davon mit Gehhilfe (Rollator, Stock)', '7');
    type('Titel (freiwillig)', 'Rund um den Marktplatz');
    press('Änderung speichern');
    const error = await screen.findByText(/nicht größer ist als die Zahl der Teilnehmenden/);
    expect(error.id).toBe('walk-walking-aids-error');
    expect(document.activeElement).toBe(
      screen.getByLabelText('Davon mit Gehhilfe (Rollator, Stock)'),
    );
    type('Davon mit Gehhilfe (Rollator, Stock)', '2');
    type('Davon im Rollstuhl', '1');
    press('Änderung speichern');
    await screen.findByText(/^Auf diesem Gerät gespeichert\. Der Spaziergang/);
    const update = (await db.outbox.toArray()).at(-1);
    expect(update?.args).toMatchObject({
      fields: {
        title: 'Rund um den Marktplatz',
        participants: 6,
        withWalkingAids: 2,
        withWheelchairs: 1,
      },
    });
  });

  it('goes on with a walk that was still recorded when the app closed', async () => {
    const walkId = await startWalk(db, { author: ERIKA.userId, now: Date.now() - 600_000 });
    show('#/spaziergang');
    expect(
      await screen.findByText(
        'Ein Spaziergang war noch nicht beendet. Die Aufzeichnung geht weiter.',
      ),
    ).toBeTruthy();
    await waitFor(() => expect(gps.watchers.size).toBe(1));
    expect(figure('Gehzeit')).toBe('10 Min.');
    gps.fix(0, 0);
    await waitFor(async () =>
      expect(await db.walkPoints.where('walkId').equals(walkId).count()).toBe(1),
    );
  });
});

describe('"Hier": an observation at the spot', () => {
  it('saves what is here with the current position, marked when the fix is poor', async () => {
    await startRecording();
    gps.fix(0, 0, 8);
    gps.fix(10, 20, 60);
    await waitFor(() => expect(figure('Standort')).toBe('GPS ungenau'));
    fireEvent.click(screen.getByRole('button', { name: /^Hier/ }));
    expect(screen.getByText(/Der Standort ist ungenau/)).toBeTruthy();
    // The first choice has the focus: one hand, or the keyboard, goes on from there.
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Barriere' }));
    const group = screen.getByRole('group', { name: 'Was ist hier?' });
    expect(
      within(group)
        .getAllByRole('radio')
        .map((radio) => radio.parentElement?.textContent),
    ).toEqual(['Barriere', 'Sitzbank', 'Toilette', 'Treffpunkt', 'Gefahrenstelle', 'Sonstiges']);

    press('Beobachtung speichern');
    expect(await screen.findByText('Bitte wählen Sie, was hier ist.')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Sitzbank' }));
    type('Kurze Notiz (freiwillig)', 'Bank ohne Lehne');
    fireEvent.submit(
      screen.getByRole('button', { name: 'Beobachtung speichern' }).closest('form')!,
    );
    expect(await screen.findByText('Beobachtung 1 gespeichert.')).toBeTruthy();
    const hier = screen.getByRole('button', { name: /^Hier/ });
    await waitFor(() => expect(document.activeElement).toBe(hier));
    const [observation] = await db.entries.where('kind').equals('observation').toArray();
    expect(observation).toMatchObject({
      walkId: (await walkOf()).id,
      category: 'bench',
      note: 'Bank ohne Lehne',
      position: { accuracy: 60 },
    });
    expect(await outboxNames()).toEqual(['walk.create', 'observation.create']);
  });

  it('without any fix, saves it without a place; Escape closes without saving', async () => {
    await startRecording();
    fireEvent.click(screen.getByRole('button', { name: /^Hier/ }));
    expect(screen.getByText(/Gerade kein Standort/)).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('radio', { name: 'Barriere' }), { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Was ist hier?' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /^Hier/ }));
    fireEvent.click(screen.getByRole('radio', { name: 'Gefahrenstelle' }));
    press('Beobachtung speichern');
    expect(await screen.findByText('Beobachtung 1 gespeichert.')).toBeTruthy();
    const [observation] = await db.entries.where('kind').equals('observation').toArray();
    expect(observation).toMatchObject({ category: 'hazard', position: null });
  });
});
