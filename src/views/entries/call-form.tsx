// Logging a call, or changing one. Offline first: "Speichern" writes the call and its outbox
// row in one IndexedDB transaction and only then says "Auf diesem Gerät gespeichert" (G1).
// What is typed is autosaved as a draft (never synced), so a closed tab loses at most the
// last keystrokes; the draft goes away in the same transaction as the save. An edit sends
// only the changed fields (per-field last writer wins on the server, G6).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { appWrites } from '../../db/app-writes';
import { useCatalogue } from '../../db/use-catalogue';
import { useCall } from '../../db/use-entries';
import { useSession } from '../../db/use-identity';
import {
  callFormFrom,
  changedCallFields,
  emptyCallForm,
  readCallForm,
  type CallForm,
  type CallFormField,
} from '../../domain/call-form';
import { setFormDirty } from '../../sw/dirty-forms';
import { Page } from '../page';
import { href } from '../use-route';
import { Field, Notice } from './form-field';
import { useEntriesT, type EntriesKey } from './use-entries-t';

const AUTOSAVE_MS = 400;

const FIELD_LABELS: Record<CallFormField, EntriesKey> = {
  partner: 'call.partner',
  when: 'call.when',
  duration: 'call.duration',
  note: 'call.note',
};

type Status = 'idle' | 'saving' | 'saved' | 'failed' | 'deleted';

function useActivityOptions() {
  const catalogue = useCatalogue();
  return useMemo(() => {
    if (!catalogue) return [];
    const themeName = new Map(catalogue.themes.map((theme) => [theme.id, theme.name]));
    return catalogue.activities
      .map((activity) => ({
        id: activity.id,
        name: activity.name,
        themeName: themeName.get(activity.themeId) ?? '',
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  }, [catalogue]);
}

/** `id` set: change that call; otherwise a new one. */
export function CallScreen(props: { id?: string }) {
  const t = useEntriesT();
  const session = useSession();
  const existing = useCall(props.id ?? '');
  const activities = useActivityOptions();
  const formId = props.id ? `call-edit:${props.id}` : 'call-new';
  const [form, setForm] = useState<CallForm | null>(null);
  const [errors, setErrors] = useState<CallFormField[]>([]);
  const [status, setStatus] = useState<Status>('idle');
  const [restored, setRestored] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const autosave = useRef<ReturnType<typeof setTimeout>>();

  // Start from the draft if there is one, else from the call (edit) or an empty form.
  useEffect(() => {
    if (form || (props.id && existing === undefined)) return;
    let cancelled = false;
    void appWrites.readDraft(formId).then((draft) => {
      if (cancelled) return;
      if (draft) {
        setForm(draft.data as CallForm);
        setRestored(true);
        setFormDirty(formId, true);
      } else {
        setForm(existing ? callFormFrom(existing) : emptyCallForm(Date.now()));
      }
    });
    return () => {
      cancelled = true;
    };
  }, [existing, formId]);

  useEffect(() => () => clearTimeout(autosave.current), []);

  if (session === undefined || (props.id && existing === undefined)) return null;
  const title = props.id ? t('call.editTitle') : t('call.title');
  if (session === null) {
    return (
      <Page title={title}>
        <p class="lead">{t('call.needSignIn')}</p>
        <a class="button primary" href={href.signIn}>
          {t('signin.title')}
        </a>
      </Page>
    );
  }
  if (status === 'deleted') {
    return (
      <Page title={title}>
        <Notice kind="ok">{t('call.deleted')}</Notice>
        <a href={href.calls}>{t('calls.title')}</a>
      </Page>
    );
  }
  if (props.id && existing === null) {
    return (
      <Page title={title}>
        <p class="lead">{t('call.notFound')}</p>
        <a href={href.calls}>{t('calls.title')}</a>
      </Page>
    );
  }
  if (!form) return null;

  const change = (patch: Partial<CallForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    setStatus('idle');
    setFormDirty(formId, true);
    clearTimeout(autosave.current);
    autosave.current = setTimeout(() => void appWrites.saveDraft(formId, next), AUTOSAVE_MS);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const read = readCallForm(
      form,
      (id) => activities.find((activity) => activity.id === id),
      existing ?? undefined,
    );
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    setErrors([]);
    setStatus('saving');
    clearTimeout(autosave.current);
    const options = { author: session.userId, now: Date.now() };
    try {
      if (existing) {
        const fields = changedCallFields(existing, read.call);
        if (Object.keys(fields).length > 0)
          await appWrites.updateCall(existing.id, fields, options);
        await appWrites.discardDraft(formId);
      } else {
        await appWrites.saveCall(read.call, { ...options, draftId: formId });
        setForm(emptyCallForm(Date.now()));
      }
      setFormDirty(formId, false);
      setRestored(false);
      setStatus('saved');
    } catch (error) {
      console.error('Anruf speichern fehlgeschlagen', error);
      setStatus('failed');
    }
  };

  const remove = async () => {
    if (!existing) return;
    await appWrites.deleteCall(existing.id, { author: session.userId, now: Date.now() });
    await appWrites.discardDraft(formId);
    setFormDirty(formId, false);
    setStatus('deleted');
  };

  const error = (field: CallFormField) =>
    errors.includes(field) ? t('call.invalid', { fields: t(FIELD_LABELS[field]) }) : undefined;

  return (
    <Page title={title}>
      {restored && <Notice kind="ok">{t('call.draftRestored')}</Notice>}
      <form onSubmit={submit} noValidate>
        <Field
          id="call-partner"
          label={t('call.partner')}
          hint={t('call.partnerHint')}
          error={error('partner')}
        >
          {(describedBy, invalid) => (
            <input
              id="call-partner"
              class="input"
              value={form.partner}
              maxLength={80}
              autoComplete="off"
              onInput={(event) => change({ partner: event.currentTarget.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <fieldset class="choices">
          <legend>{t('call.when')}</legend>
          {error('when') && <p class="field-error">{error('when')}</p>}
          <div class="field-row">
            <Field id="call-day" label={t('call.date')}>
              {() => (
                <input
                  id="call-day"
                  class="input"
                  type="date"
                  value={form.day}
                  onInput={(event) => change({ day: event.currentTarget.value })}
                  aria-invalid={Boolean(error('when'))}
                />
              )}
            </Field>
            <Field id="call-time" label={t('call.time')}>
              {() => (
                <input
                  id="call-time"
                  class="input"
                  type="time"
                  value={form.time}
                  onInput={(event) => change({ time: event.currentTarget.value })}
                  aria-invalid={Boolean(error('when'))}
                />
              )}
            </Field>
          </div>
        </fieldset>
        <fieldset class="choices">
          <legend>{t('call.reached')}</legend>
          {[true, false].map((reached) => (
            <label key={String(reached)} class="choice">
              <input
                type="radio"
                name="call-reached"
                checked={form.reached === reached}
                onChange={() => change({ reached })}
              />
              <span>{reached ? t('call.reachedYes') : t('call.reachedNo')}</span>
            </label>
          ))}
        </fieldset>
        <Field id="call-duration" label={t('call.duration')} error={error('duration')}>
          {(describedBy, invalid) => (
            <input
              id="call-duration"
              class="input input-short"
              inputMode="numeric"
              pattern="[0-9]*"
              value={form.duration}
              onInput={(event) => change({ duration: event.currentTarget.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <label class="choice choice-box">
          <input
            type="checkbox"
            checked={form.concern}
            onChange={(event) => change({ concern: event.currentTarget.checked })}
            aria-describedby="call-concern-hint"
          />
          <span>{t('call.concern')}</span>
        </label>
        <p id="call-concern-hint" class="hint">
          {t('call.concernHint')}
        </p>
        <Field id="call-activity" label={t('call.activity')}>
          {() => (
            <select
              id="call-activity"
              class="input"
              value={form.activityId}
              onChange={(event) => change({ activityId: event.currentTarget.value })}
            >
              <option value="">{t('call.activityNone')}</option>
              {existing?.activity &&
                !activities.some((activity) => activity.id === existing.activity?.id) && (
                  <option value={existing.activity.id}>{existing.activity.name}</option>
                )}
              {activities.map((activity) => (
                <option key={activity.id} value={activity.id}>
                  {activity.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="call-note" label={t('call.note')} error={error('note')}>
          {(describedBy, invalid) => (
            <textarea
              id="call-note"
              class="input"
              rows={4}
              maxLength={2000}
              value={form.note}
              onInput={(event) => change({ note: event.currentTarget.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        {status === 'saved' && <Notice kind="ok">{t('call.saved')}</Notice>}
        {status === 'failed' && <Notice kind="error">{t('call.saveFailed')}</Notice>}
        <p class="actions">
          <button class="button primary" type="submit" disabled={status === 'saving'}>
            {status === 'saving'
              ? t('call.saving')
              : existing
                ? t('call.saveChanges')
                : t('call.save')}
          </button>
          <a class="button" href={href.calls}>
            {t('calls.title')}
          </a>
        </p>
      </form>
      {existing && (
        <section class="danger-zone" aria-label={t('call.delete')}>
          {confirmDelete ? (
            <>
              <p role="alert">{t('call.deleteConfirm')}</p>
              <button class="button danger" type="button" onClick={() => void remove()}>
                {t('call.deleteYes')}
              </button>
              <button class="button" type="button" onClick={() => setConfirmDelete(false)}>
                {t('call.deleteNo')}
              </button>
            </>
          ) : (
            <button class="button" type="button" onClick={() => setConfirmDelete(true)}>
              {t('call.delete')}
            </button>
          )}
        </section>
      )}
    </Page>
  );
}
