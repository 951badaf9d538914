// Setting up a device: trade the one-time code from the storefront for a device credential.
// Needs a connection once; says so plainly when there is none. Enrolling again after a 401
// keeps everything on the device (the outbox is sent once the new credential is stored).
// Opened from the QR code staff show (`#/geraet/<code>`), src/views/qr-enrol.tsx enrols at once
// and goes on to the start screen; this screen then shows only if that failed.
import { useEffect, useState } from 'preact/hooks';
import { useDevice } from '../../db/use-device';
import { enrolDevice } from '../../sync/identity-requests';
import { SyncError } from '../../sync/transport';
import { Page } from '../page';
import { href } from '../use-route';
import { Field, Notice } from './form-field';
import { useEntriesT, type EntriesKey } from './use-entries-t';

type Outcome = { kind: 'idle' } | { kind: 'busy' } | { kind: 'error'; message: EntriesKey };

export function enrolErrorMessage(error: unknown): EntriesKey {
  if (!(error instanceof SyncError)) return 'enrol.failed';
  if (error.kind === 'network') return 'enrol.offline';
  if (error.status === 429) return 'enrol.tooMany';
  if (error.status === 400 || error.status === 401 || error.status === 404)
    return 'enrol.wrongCode';
  return 'enrol.failed';
}

/**
 * `failure`: the QR link's enrolment failed (src/views/qr-enrol.tsx): this screen shows why,
 * with the code filled in, and does not try again by itself.
 */
export function EnrolScreen(props: { code?: string; failure?: unknown }) {
  const t = useEntriesT();
  const device = useDevice();
  const [code, setCode] = useState(props.code ?? '');
  const [label, setLabel] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(
    props.failure === undefined
      ? { kind: 'idle' }
      : { kind: 'error', message: enrolErrorMessage(props.failure) },
  );
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const enrol = async () => {
    setOutcome({ kind: 'busy' });
    try {
      const enrolled = await enrolDevice(code, label.trim() || undefined);
      setCode('');
      setOutcome({ kind: 'idle' });
      if (props.code) location.replace(href.home);
      else setDone(enrolled.quarter.name);
    } catch (error) {
      // Not the server's answer but a fault here (the database, a bug): in the log too.
      if (!(error instanceof SyncError)) console.error('Einrichten fehlgeschlagen', error);
      setOutcome({ kind: 'error', message: enrolErrorMessage(error) });
    }
  };

  useEffect(() => {
    if (props.code && props.failure === undefined) void enrol();
  }, [props.code]);

  const submit = (event: Event) => {
    event.preventDefault();
    if (code.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    void enrol();
  };

  if (done) {
    return (
      <Page title={t('enrol.title')}>
        <Notice kind="ok">{t('enrol.done', { quarter: done })}</Notice>
        <p>
          <a class="button primary" href={href.signIn}>
            {t('signin.title')}
          </a>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('enrol.title')}>
      <p class="lead">{device?.needsEnrolment ? t('enrol.again') : t('enrol.intro')}</p>
      <form onSubmit={submit} noValidate>
        <Field
          id="enrol-code"
          label={t('enrol.code')}
          hint={t('enrol.codeHint')}
          error={missing ? t('enrol.missing') : undefined}
        >
          {(describedBy, invalid) => (
            <input
              id="enrol-code"
              class="input input-code"
              value={code}
              onInput={(event) => setCode(event.currentTarget.value)}
              autoComplete="off"
              autoCapitalize="characters"
              spellcheck={false}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field id="enrol-label" label={t('enrol.label')} hint={t('enrol.labelHint')}>
          {(describedBy) => (
            <input
              id="enrol-label"
              class="input"
              value={label}
              maxLength={80}
              onInput={(event) => setLabel(event.currentTarget.value)}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        {outcome.kind === 'error' && <Notice kind="error">{t(outcome.message)}</Notice>}
        <button class="button primary" type="submit" disabled={outcome.kind === 'busy'}>
          {outcome.kind === 'busy' ? t('enrol.busy') : t('enrol.submit')}
        </button>
      </form>
    </Page>
  );
}
