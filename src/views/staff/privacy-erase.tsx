// "Endgültig löschen" on a call partner's and a person's card (issue 11, Art. 17 DSGVO): one
// button opens a group that says in plain words what goes and what stays, and asks for the
// name to be typed (as the server checks it, src/shared/staff/staff-erasure.ts); a name that
// does not match is said at the field and nothing is sent. Focus goes to the name field, Escape or "Abbrechen" closes the
// group and gives focus back. While the request runs the button says so; a refusal (a name the
// server does not accept, no connection) is said in the group and nothing is erased; a session
// that ended brings the sign-in back. On success the card's screen drops the row and says so.
import { useEffect, useRef, useState } from 'preact/hooks';
import { confirmsName } from '../../shared/staff/staff-erasure';
import { erasePersonData } from '../../sync/staff-upkeep-requests';
import { useStaffDeps } from './staff-context';
import { FormProblem, TextField } from './upkeep-fields';
import { problemText } from './upkeep-load';
import { useStaffT } from './use-staff-t';

export function PrivacyErase(props: {
  collection: 'partners' | 'people';
  id: string;
  name: string;
  /** After the server erased it; `text` is the German notice to show. */
  onErased: (text: string) => void;
}) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const closed = useRef(false);
  const id = `erase-${props.collection}-${props.id}`;

  useEffect(() => {
    if (open) document.getElementById(`${id}-name`)?.focus();
    else if (closed.current) opener.current?.focus();
  }, [open, id]);

  const close = () => {
    closed.current = true;
    setOpen(false);
    setTyped('');
    setProblem(null);
    setMismatch(false);
  };

  const erase = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!confirmsName(typed, props.name)) {
      setMismatch(true);
      document.getElementById(`${id}-name`)?.focus();
      return;
    }
    setMismatch(false);
    setBusy(true);
    setProblem(null);
    try {
      await erasePersonData(props.collection, props.id, typed, deps);
      props.onErased(t('erase.done', { name: props.name }));
    } catch (error) {
      setProblem(problemText(t, error));
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <div class="upkeep-actions">
        <button ref={opener} class="button" type="button" onClick={() => setOpen(true)}>
          {t('erase.open', { name: props.name })}
        </button>
      </div>
    );
  }
  return (
    <form
      class="erase"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => void erase(event)}
      onKeyDown={(event) => event.key === 'Escape' && !busy && close()}
    >
      <p id={`${id}-title`} class="erase-title">
        <strong>{t('erase.title', { name: props.name })}</strong>
      </p>
      <p>{t(props.collection === 'partners' ? 'erase.partner' : 'erase.person')}</p>
      <p>{t('erase.final')}</p>
      <TextField
        id={`${id}-name`}
        label={t('erase.confirmLabel', { name: props.name })}
        hint={t('erase.confirmHint')}
        value={typed}
        onInput={setTyped}
        error={mismatch ? t('erase.mismatch', { name: props.name }) : undefined}
      />
      <FormProblem text={problem} />
      <div class="upkeep-actions">
        <button class="button danger" type="submit" disabled={busy}>
          {t(busy ? 'erase.busy' : 'erase.yes')}
        </button>
        <button class="button" type="button" disabled={busy} onClick={close}>
          {t('erase.cancel')}
        </button>
      </div>
    </form>
  );
}
