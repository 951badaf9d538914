// Signing in on an enrolled device with name + PIN (shared tablets: one person after another).
// The names to choose from come from the server when online; when it cannot be reached, those
// of the people who can sign in on this device offline (they signed in here online before);
// otherwise the name is typed. Offline the PIN is checked on the device (src/sync/identity.ts).
// Signing out removes the person's delivered data from the device (issue 11); unsent entries
// stay and are still sent (issue 3). Switching needs no sign-out: the next person signs in.
import { useEffect, useState } from 'preact/hooks';
import { appWrites } from '../../db/app-writes';
import { useDevice } from '../../db/use-device';
import { useSession } from '../../db/use-session';
import { useOfflinePeople } from '../../db/use-offline-people';
import type { DeviceUser } from '../../shared/identity';
import { listDeviceUsers, OfflineSignInError, signIn } from '../../sync/identity-requests';
import { SyncError } from '../../sync/transport';
import { Page } from '../page';
import { href } from '../use-route';
import { Field, Notice } from './form-field';
import { useEntriesT, type EntriesKey } from './use-entries-t';

export function signInErrorMessage(error: unknown): EntriesKey {
  if (error instanceof OfflineSignInError) {
    if (error.reason === 'wrong') return 'signin.offlineWrong';
    if (error.reason === 'locked') return 'signin.offlineLocked';
    return 'signin.offline';
  }
  if (!(error instanceof SyncError)) return 'signin.failed';
  if (error.kind === 'network') return 'signin.offline';
  // 429: too many attempts from here, or growing delays for this name; 423: the name is locked
  // until staff unlock it (docs/api.md, sign-in).
  if (error.status === 429) return 'signin.wait';
  if (error.status === 423) return 'signin.locked';
  if (error.status === 401 || error.status === 403) return 'signin.wrong';
  return 'signin.failed';
}

/** The server's list of who may sign in here; 'failed' when it could not be had (offline). */
function useDeviceUsers(enrolled: boolean): DeviceUser[] | 'failed' | undefined {
  const [users, setUsers] = useState<DeviceUser[] | 'failed' | undefined>(undefined);
  useEffect(() => {
    if (!enrolled) return;
    listDeviceUsers().then(setUsers, () => setUsers('failed'));
  }, [enrolled]);
  return users;
}

export function SignInScreen() {
  const t = useEntriesT();
  const device = useDevice();
  const session = useSession();
  const serverUsers = useDeviceUsers(Boolean(device && !device.needsEnrolment));
  const offlinePeople = useOfflinePeople();
  const offline = serverUsers === 'failed';
  // Offline, only people stored on this device can sign in: offer their names.
  const users: { id: string; name: string }[] = offline
    ? (offlinePeople ?? [])
    : (serverUsers ?? []);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<EntriesKey | null>(null);
  const [signedOut, setSignedOut] = useState(false);

  if (device === undefined || session === undefined) return null;
  if (device === null || device.needsEnrolment) {
    return (
      <Page title={t('signin.title')}>
        <p class="lead">{t('signin.needDevice')}</p>
        <a class="button primary" href={href.enrol}>
          {t('enrol.title')}
        </a>
      </Page>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    if (name.trim() === '' || pin.trim() === '') {
      setError('signin.missing');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(name.trim(), pin.trim());
      setPin('');
      location.hash = href.home;
    } catch (failure) {
      setError(signInErrorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('signin.title')}>
      {session && (
        <div class="card">
          <p>{t('signin.current', { name: session.name })}</p>
          <p class="hint">{t('signin.signOutHint')}</p>
          <button
            class="button"
            type="button"
            onClick={() => void appWrites.signOut().then(() => setSignedOut(true))}
          >
            {t('signin.signOut')}
          </button>
        </div>
      )}
      {signedOut && !session && <Notice kind="ok">{t('signin.signedOut')}</Notice>}
      <p class="lead">{t('signin.intro')}</p>
      {offline && users.length > 0 && <p>{t('signin.offlineHint')}</p>}
      <form onSubmit={submit} noValidate>
        {users.length > 0 ? (
          <fieldset class="choices">
            <legend>{t('signin.name')}</legend>
            {users.map((user) => (
              <label key={user.id} class="choice">
                <input
                  type="radio"
                  name="sign-in-name"
                  value={user.name}
                  checked={name === user.name}
                  onChange={() => setName(user.name)}
                />
                <span>{user.name}</span>
              </label>
            ))}
          </fieldset>
        ) : (
          <Field id="sign-in-name" label={t('signin.name')}>
            {() => (
              <input
                id="sign-in-name"
                class="input"
                value={name}
                autoComplete="off"
                onInput={(event) => setName(event.currentTarget.value)}
              />
            )}
          </Field>
        )}
        <Field id="sign-in-pin" label={t('signin.pin')} hint={t('signin.pinHint')}>
          {(describedBy) => (
            <input
              id="sign-in-pin"
              class="input input-pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              value={pin}
              onInput={(event) => setPin(event.currentTarget.value)}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        {error && <Notice kind="error">{t(error)}</Notice>}
        <button class="button primary" type="submit" disabled={busy}>
          {busy ? t('signin.busy') : t('signin.submit')}
        </button>
      </form>
    </Page>
  );
}
