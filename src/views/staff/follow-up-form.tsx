// Who looks after one item that needs a person, by when, how far it is, and a note. Saved on
// the server with the version it was loaded at: if someone changed it meanwhile (409), nothing
// is overwritten — the week is loaded again and the form says so. "Erledigt" needs a note of
// what was done (checked here first, and again by the server). A conflict is not closed here
// but in the entry's history, so it offers no "erledigt".
import { useEffect, useState } from 'preact/hooks';
import { isValidDay } from '../../domain/dates';
import {
  isNoteGiven,
  type AttentionItem,
  type FollowUpStatus,
  type StaffWeekResponse,
} from '../../shared/staff/staff-week';
import { isUnreachable, StaffSignedOut, updateFollowUp } from '../../sync/staff-requests';
import { SyncError } from '../../sync/transport';
import { Field, Notice } from '../entries/form-field';
import { useStaffDeps } from './staff-context';
import { useStaffT, type StaffKey } from './use-staff-t';

export const STATUS_LABEL: Record<FollowUpStatus, StaffKey> = {
  open: 'staff.followUp.status.open',
  in_progress: 'staff.followUp.status.in_progress',
  done: 'staff.followUp.status.done',
};

type Problem = { field: 'due' | 'note' | 'form'; key: StaffKey };

export function FollowUpForm(props: {
  item: AttentionItem;
  owners: StaffWeekResponse['owners'];
  /** Saved: `true`; changed by someone else meanwhile (reload the week): `false`. */
  onDone: (saved: boolean) => void;
  onCancel: () => void;
}) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const { item } = props;
  const id = `fu-${item.subjectType}-${item.subjectId}`;
  const [owner, setOwner] = useState(item.followUp.ownerUserId ?? '');
  const [due, setDue] = useState(item.followUp.dueDate ?? '');
  const [status, setStatus] = useState<FollowUpStatus>(item.followUp.status);
  const [note, setNote] = useState(item.followUp.note);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const statuses: FollowUpStatus[] =
    item.subjectType === 'conflict' ? ['open', 'in_progress'] : ['open', 'in_progress', 'done'];

  // Opened: the focus goes to its first field (the button that opened it is gone).
  useEffect(() => document.getElementById(`${id}-owner`)?.focus(), []);

  // The focus goes to what needs changing (or to the message), so it is read out there.
  useEffect(() => {
    if (!problem) return;
    const target = problem.field === 'form' ? `${id}-problem` : `${id}-${problem.field}`;
    document.getElementById(target)?.focus();
  }, [problem]);

  // Someone else saved first (409): the week was loaded again, and the form shows their values.
  const loaded = item.followUp;
  useEffect(() => {
    setOwner(loaded.ownerUserId ?? '');
    setDue(loaded.dueDate ?? '');
    setStatus(loaded.status);
    setNote(loaded.note);
  }, [loaded.version]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (due !== '' && !isValidDay(due))
      return setProblem({ field: 'due', key: 'staff.followUp.badDay' });
    if (status === 'done' && !isNoteGiven(note)) {
      return setProblem({ field: 'note', key: 'staff.followUp.noteNeeded' });
    }
    setBusy(true);
    setProblem(null);
    try {
      await updateFollowUp(
        item.subjectType,
        item.subjectId,
        {
          expectedVersion: item.followUp.version,
          ownerUserId: owner === '' ? null : owner,
          dueDate: due === '' ? null : due,
          status,
          note,
        },
        deps,
      );
      props.onDone(true);
    } catch (error) {
      if (error instanceof StaffSignedOut) return; // the shell shows the sign-in
      if (error instanceof SyncError && error.status === 409) {
        setProblem({ field: 'form', key: 'staff.followUp.changedMeanwhile' });
        props.onDone(false);
      } else if (isUnreachable(error)) {
        setProblem({ field: 'form', key: 'staff.followUp.offline' });
      } else if (error instanceof SyncError && error.status === 400 && status === 'done') {
        setProblem({ field: 'note', key: 'staff.followUp.noteNeeded' });
      } else {
        setProblem({ field: 'form', key: 'staff.followUp.failed' });
      }
    } finally {
      setBusy(false);
    }
  };

  const errorOf = (field: Problem['field']) =>
    problem?.field === field ? t(problem.key) : undefined;
  return (
    <form class="staff-follow-up" onSubmit={submit} noValidate>
      <Field id={`${id}-owner`} label={t('staff.followUp.owner')}>
        {() => (
          <select
            id={`${id}-owner`}
            class="input"
            value={owner}
            onChange={(event) => setOwner(event.currentTarget.value)}
          >
            <option value="">{t('staff.followUp.nobody')}</option>
            {props.owners.map((person) => (
              <option key={person.userId} value={person.userId}>
                {person.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-due`} label={t('staff.followUp.due')} error={errorOf('due')}>
        {(describedBy, invalid) => (
          <input
            id={`${id}-due`}
            class="input input-date"
            type="date"
            value={due}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onInput={(event) => setDue(event.currentTarget.value)}
          />
        )}
      </Field>
      <fieldset class="choices">
        <legend>{t('staff.followUp.status')}</legend>
        {statuses.map((value) => (
          <label key={value} class="choice">
            <input
              type="radio"
              name={`${id}-status`}
              value={value}
              checked={status === value}
              onChange={() => setStatus(value)}
            />
            <span>{t(STATUS_LABEL[value])}</span>
          </label>
        ))}
        {item.subjectType === 'conflict' && <p class="hint">{t('staff.followUp.conflictHint')}</p>}
      </fieldset>
      <Field
        id={`${id}-note`}
        label={t('staff.followUp.note')}
        hint={t('staff.followUp.noteHint')}
        error={errorOf('note')}
      >
        {(describedBy, invalid) => (
          <textarea
            id={`${id}-note`}
            class="input"
            rows={3}
            value={note}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onInput={(event) => setNote(event.currentTarget.value)}
          />
        )}
      </Field>
      <div id={`${id}-problem`} tabIndex={-1}>
        {problem?.field === 'form' && <Notice kind="error">{t(problem.key)}</Notice>}
      </div>
      <div class="actions">
        <button class="button primary" type="submit" disabled={busy}>
          {busy ? t('staff.followUp.saving') : t('staff.followUp.save')}
        </button>
        <button class="button" type="button" onClick={props.onCancel}>
          {t('staff.followUp.cancel')}
        </button>
      </div>
    </form>
  );
}
