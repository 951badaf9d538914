// A lazy screen that will not load must never strand a volunteer (issue 12): it is tried again,
// then the app reloads itself once, and only then a message with a button "App neu laden".
// A marker in sessionStorage (jsdom's, real) keeps the automatic reload from ever looping;
// each call of `lazyScreen` below stands for one page load (its own start time). Pauses and the
// reload are handed in (no timers, jsdom cannot reload); drafts are real Dexie on
// fake-indexeddb: a reload waits until the last keystrokes are stored.
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { ComponentType } from 'preact';
import { useState } from 'preact/hooks';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../src/db/instance';
import { anyFormDirty } from '../../src/sw/dirty-forms';
import { useDraftForm } from '../../src/views/entries/use-draft-form';
import { lazyScreen, RELOAD_MARK, type LoadRecovery } from '../../src/views/lazy-screen';

const MINUTE = 60_000;
const LOADING = 'Wird geladen …';
const FAILED = /Diese Seite konnte nicht geladen werden/;

function Opened() {
  return <h1>Meine Einträge</h1>;
}

/** A loader that fails `failures` times (Infinity: always), then gives the screen. */
function flakyLoader(failures: number) {
  let calls = 0;
  const load = () =>
    ++calls > failures
      ? Promise.resolve<ComponentType>(Opened)
      : Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
  return { load, calls: () => calls };
}

/** One page load at `pageStart` (ms), whose clock then reads `pageStart + 1000`. */
function page(pageStart: number, overrides: Partial<LoadRecovery> = {}) {
  const pauses: number[] = [];
  const reloads: number[] = [];
  const recovery: Partial<LoadRecovery> = {
    pause: (ms) => {
      pauses.push(ms);
      return Promise.resolve();
    },
    reload: () => void reloads.push(pageStart),
    now: () => pageStart + 1000,
    pageStart,
    ...overrides,
  };
  return { recovery, pauses, reloads };
}

/** Renders a lazy screen on one page whose loader fails `failures` times. */
function open(failures: number, at: ReturnType<typeof page>) {
  const loader = flakyLoader(failures);
  const Screen = lazyScreen(loader.load, at.recovery);
  render(<Screen />);
  return loader;
}

const pressReload = () => fireEvent.click(screen.getByRole('button', { name: 'App neu laden' }));

beforeEach(() => {
  sessionStorage.clear();
  // Each failed try is logged (for the console of a tablet in the shop); kept out of the output.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('a lazy screen that does not load at first', () => {
  it('fails once: tried again after a short pause, opens, no reload', async () => {
    const at = page(10 * MINUTE);
    const loader = open(1, at);
    expect(screen.getByRole('status').textContent).toBe(LOADING);
    await screen.findByRole('heading', { name: 'Meine Einträge' });
    expect(loader.calls()).toBe(2);
    expect(at.pauses).toEqual([1000]);
    expect(at.reloads).toEqual([]);
    expect(sessionStorage.getItem(RELOAD_MARK)).toBeNull();
  });

  it('fails twice: the third try opens it, the pauses grow', async () => {
    const at = page(10 * MINUTE);
    open(2, at);
    await screen.findByRole('heading', { name: 'Meine Einträge' });
    expect(at.pauses).toEqual([1000, 2000]);
    expect(at.reloads).toEqual([]);
  });

  it('fails always: three tries, one reload (still the calm line), then the message and its button', async () => {
    const first = page(10 * MINUTE);
    const loader = open(Infinity, first);
    await waitFor(() => expect(first.reloads).toHaveLength(1));
    expect(loader.calls()).toBe(3);
    expect(first.pauses).toEqual([1000, 2000]);
    expect(sessionStorage.getItem(RELOAD_MARK)).toBe(String(10 * MINUTE + 1000));
    expect(screen.getByRole('status').textContent).toBe(LOADING);
    expect(screen.queryByText(FAILED)).toBeNull();

    // The reloaded page, a few seconds later: the screen still fails; no second reload.
    document.body.innerHTML = '';
    const reloaded = page(10 * MINUTE + 3000);
    const again = open(Infinity, reloaded);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Diese Seite konnte nicht geladen werden.');
    expect(alert.textContent).toContain('Ihre Einträge bleiben auf diesem Gerät.');
    expect(again.calls()).toBe(3);
    expect(reloaded.reloads).toEqual([]);
    expect(screen.queryByText(LOADING)).toBeNull();

    // The button reloads when pressed.
    pressReload();
    expect(reloaded.reloads).toHaveLength(1);
  });

  it('the marker never loops: pages started after the reload only show the button', async () => {
    const first = page(10 * MINUTE);
    open(Infinity, first);
    await waitFor(() => expect(first.reloads).toHaveLength(1));
    // The person presses "App neu laden" again and again within the next minutes.
    for (const started of [10 * MINUTE + 5000, 12 * MINUTE, 14 * MINUTE]) {
      document.body.innerHTML = '';
      const next = page(started);
      open(Infinity, next);
      await screen.findByRole('button', { name: 'App neu laden' });
      expect(next.reloads).toEqual([]);
    }
    expect(sessionStorage.getItem(RELOAD_MARK)).toBe(String(10 * MINUTE + 1000));
  });

  it('a failure long after the last automatic reload (a new deployment) reloads once again', async () => {
    sessionStorage.setItem(RELOAD_MARK, String(10 * MINUTE));
    const later = page(70 * MINUTE);
    open(Infinity, later);
    await waitFor(() => expect(later.reloads).toHaveLength(1));
    expect(sessionStorage.getItem(RELOAD_MARK)).toBe(String(70 * MINUTE + 1000));
  });

  it('without a place for the marker (storage refused) it never reloads by itself', async () => {
    const noStorage = page(10 * MINUTE, {
      storage: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    open(Infinity, noStorage);
    await screen.findByRole('button', { name: 'App neu laden' });
    expect(noStorage.reloads).toEqual([]);
  });

  it('left while it was being tried (another screen opened): no reload behind the back', async () => {
    const waiting: (() => void)[] = [];
    const at = page(10 * MINUTE, {
      pause: () => new Promise<void>((resolve) => waiting.push(resolve)),
    });
    const loader = flakyLoader(Infinity);
    const Failing = lazyScreen(loader.load, at.recovery);
    const view = render(<Failing />);
    await waitFor(() => expect(waiting).toHaveLength(1));
    view.rerender(<h1>Was möchten Sie tun?</h1>);
    waiting[0]?.();
    await waitFor(() => expect(waiting).toHaveLength(2));
    waiting[1]?.();
    await waitFor(() => expect(console.error).toHaveBeenCalledTimes(3));
    await new Promise((resolve) => setTimeout(resolve, 0)); // the last failure is handled
    expect(loader.calls()).toBe(3);
    expect(at.reloads).toEqual([]);
    expect(sessionStorage.getItem(RELOAD_MARK)).toBeNull();
    expect(screen.getByRole('heading').textContent).toBe('Was möchten Sie tun?');
  });

  it('a marker that is not a time (tampered) still allows just one reload', async () => {
    sessionStorage.setItem(RELOAD_MARK, 'kaputt');
    const at = page(10 * MINUTE);
    open(Infinity, at);
    await waitFor(() => expect(at.reloads).toHaveLength(1));
    document.body.innerHTML = '';
    const next = page(10 * MINUTE + 3000);
    open(Infinity, next);
    await screen.findByRole('button', { name: 'App neu laden' });
    expect(next.reloads).toEqual([]);
  });
});

describe('the reload keeps what was typed', () => {
  const FORM_ID = 'call-new@u-erika';
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.drafts.clear();
  });

  function NoteForm() {
    const draft = useDraftForm<{ note: string }>(FORM_ID, () => ({ note: '' }));
    if (!draft.form) return null;
    return (
      <label>
        Notiz
        <input
          value={draft.form.note}
          onInput={(event) => draft.change({ note: event.currentTarget.value })}
        />
      </label>
    );
  }

  it('typed, then at once to a screen that fails: the reload comes after the draft is stored', async () => {
    const at = page(10 * MINUTE);
    let dirtyAtReload: boolean | undefined;
    at.recovery.reload = () => {
      dirtyAtReload = anyFormDirty();
      at.reloads.push(1);
    };
    const Failing = lazyScreen(flakyLoader(Infinity).load, at.recovery);
    function World() {
      const [away, setAway] = useState(false);
      return away ? (
        <Failing />
      ) : (
        <>
          <NoteForm />
          <button type="button" onClick={() => setAway(true)}>
            Meine Einträge
          </button>
        </>
      );
    }
    render(<World />);
    const note = await screen.findByLabelText('Notiz');
    // The last keystroke: its autosave (400 ms) has not run yet when the form closes.
    fireEvent.input(note, { target: { value: 'Frau M. hat sich sehr gefreut' } });
    expect(await db.drafts.get(FORM_ID)).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: 'Meine Einträge' }));
    await waitFor(() => expect(at.reloads).toHaveLength(1));
    expect(dirtyAtReload).toBe(false);
    expect((await db.drafts.get(FORM_ID))?.data).toEqual({ note: 'Frau M. hat sich sehr gefreut' });
    expect(sessionStorage.getItem(RELOAD_MARK)).not.toBeNull();
  });
});
