// Staff sign-in: name + password of the person's own (never a device PIN), for the quarter
// this device knows from its last pull, else the server's default quarter. Online only: the
// server checks the password and sets the session cookie; nothing is kept on the device.
// Wrong name or password, too many tries (429, with the wait) and no connection are said in
// words next to the field they concern, and the focus goes there.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useDevice } from '../../db/use-device';
import { usePullState } from '../../db/use-pull-state';
import type { StaffMe } from '../../shared/staff/staff-session';
import { isUnreachable, publicQuarter, staffSignIn } from '../../sync/staff-requests';
import { SyncError } from '../../sync/transport';
import { Field, Notice } from '../entries/form-field';
import { useStaffDeps } from './staff-context';
import { StaffPage } from './staff-page';
import { useStaffT, type StaffT } from './use-staff-t';

type Quarter = { id: string; name: string };

/** The quarter to sign in to: the pulled one, the enrolled one, else the server's default. */
function useSignInQuarter(): Quarter | 'failed' | undefined {
  const deps = useStaffDeps();
  const pull = usePullState();
  const device = useDevice();
  const [fromServer, setFromServer] = useState<Quarter | 'failed' | undefined>(undefined);
  const known: Quarter | null | undefined =
    pull === undefined || device === undefined
      ? undefined
      : pull
        ? { id: pull.quarterId, name: pull.quarterName }
        : device
          ? { id: device.quarterId, name: device.quarterName }
          : null;
  useEffect(() => {
    if (known !== null) return;
    let current = true;
    publicQuarter(deps).then(
      (quarter) => current && setFromServer(quarter),
      () => current && setFromServer('failed'),
    );
    return () => {
      current = false;
    };
  }, [known === null, deps]);
  return known ?? (known === null ? fromServer : undefined);
}

type Problem = { field: 'name' | 'password' | 'form'; text: string };

function problemOf(error: unknown, t: StaffT): Problem {
  if (isUnreachable(error)) return { field: 'form', text: t('staff.signIn.offline') };
  if (error instanceof SyncError && error.status === 429) {
    const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
    return {
      field: 'form',
      text:
        minutes === 1 ? t('staff.signIn.waitOne') : t('staff.signIn.wait', { minutes: minutes }),
    };
  }
  if (error instanceof SyncError && error.status === 423) {
    return { field: 'password', text: t('staff.signIn.locked') };
  }
  if (error instanceof SyncError && [400, 401, 403].includes(error.status ?? 0)) {
    return { field: 'password', text: t('staff.signIn.wrong') };
  }
  return { field: 'form', text: t('staff.signIn.failed') };
}

export function StaffSignIn(props: { expired: boolean; onSignedIn: (me: StaffMe) => void }) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const quarter = useSignInQuarter();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const formProblem = useRef<HTMLDivElement>(null);

  // After a refusal the focus goes to what needs changing, so the message is read out there.
  useEffect(() => {
    if (!problem) return;
    if (problem.field === 'name') nameInput.current?.focus();
    else if (problem.field === 'password') {
      passwordInput.current?.focus();
      passwordInput.current?.select();
    } else formProblem.current?.focus();
  }, [problem]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy || typeof quarter !== 'object') return;
    if (name.trim() === '') return setProblem({ field: 'name', text: t('staff.signIn.noName') });
    if (password === '') {
      return setProblem({ field: 'password', text: t('staff.signIn.noPassword') });
    }
    setBusy(true);
    setProblem(null);
    try {
      const me = await staffSignIn({ quarterId: quarter.id, name: name.trim(), password }, deps);
      setPassword('');
      props.onSignedIn(me);
    } catch (error) {
      setProblem(problemOf(error, t));
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (field: Problem['field']) =>
    problem?.field === field ? problem.text : undefined;
  return (
    <StaffPage title={t('staff.signIn.title')}>
      {props.expired && <Notice kind="warn">{t('staff.signIn.expired')}</Notice>}
      {quarter === 'failed' ? (
        <Notice kind="error">{t('staff.signIn.noQuarter')}</Notice>
      ) : (
        <p class="lead">
          {quarter ? t('staff.signIn.quarter', { quarter: quarter.name }) : t('app.loading')}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <Field id="staff-name" label={t('staff.signIn.name')} error={errorOf('name')}>
          {(describedBy, invalid) => (
            <input
              id="staff-name"
              ref={nameInput}
              class="input"
              autoComplete="username"
              autoCapitalize="words"
              value={name}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onInput={(event) => setName(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="staff-password" label={t('staff.signIn.password')} error={errorOf('password')}>
          {(describedBy, invalid) => (
            <div class="staff-password">
              <input
                id="staff-password"
                ref={passwordInput}
                class="input"
                type={shown ? 'text' : 'password'}
                autoComplete="current-password"
                autoCapitalize="off"
                spellcheck={false}
                value={password}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onInput={(event) => setPassword(event.currentTarget.value)}
              />
              <button
                class="button"
                type="button"
                aria-pressed={shown}
                aria-controls="staff-password"
                onClick={() => setShown(!shown)}
              >
                {t('staff.signIn.showPassword')}
              </button>
            </div>
          )}
        </Field>
        <div ref={formProblem} tabIndex={-1}>
          {problem?.field === 'form' && <Notice kind="error">{problem.text}</Notice>}
        </div>
        <button class="button primary" type="submit" disabled={busy || typeof quarter !== 'object'}>
          {busy ? t('staff.signIn.busy') : t('staff.signIn.submit')}
        </button>
      </form>
    </StaffPage>
  );
}
