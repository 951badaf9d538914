// Deleting an entry: "Eintrag löschen" asks first; "Ja, löschen" holds the deletion for a few
// seconds with "Rückgängig" (pending-deletes.ts) and only then writes it: the entry goes from
// the device and an `<kind>.delete` waits in the outbox, in one transaction (G1), together
// with the entry's draft. Should the server refuse it, the entry comes back with the next
// full pull and shows under "Braucht Aufmerksamkeit".
import { useEffect, useRef } from 'preact/hooks';
import { appWrites } from '../../db/app-writes';
import { ConfirmStep } from './confirm-step';
import { holdDelete, undoDelete, useDeletePhases } from './pending-deletes';
import { useEntriesT } from './use-entries-t';

export function DeleteSection(props: { entryId: string; author: string; formId: string }) {
  const t = useEntriesT();
  const { entryId, author, formId } = props;
  return (
    <section class="danger-zone" aria-label={t('entry.delete')}>
      <ConfirmStep
        id="delete"
        label={t('entry.delete')}
        question={t('entry.deleteConfirm')}
        yes={t('entry.deleteYes')}
        no={t('entry.deleteNo')}
        onConfirm={() => {
          const now = Date.now();
          holdDelete(entryId, async () => {
            await appWrites.deleteEntry(entryId, { author, now });
            await appWrites.discardDraft(formId);
          });
        }}
      />
    </section>
  );
}

/**
 * "Eintrag gelöscht. Rückgängig" for each deletion still held (`only`: for that entry only).
 * `focus`: the undo button takes the focus (the screen the person deleted from).
 */
export function UndoDeletes(props: { only?: string; focus?: boolean }) {
  const t = useEntriesT();
  const phases = useDeletePhases();
  const button = useRef<HTMLButtonElement>(null);
  const held = [...phases]
    .filter(([id, phase]) => phase === 'held' && (props.only === undefined || id === props.only))
    .map(([id]) => id);
  useEffect(() => {
    if (props.focus) button.current?.focus();
  }, []);
  return (
    <div role="status">
      {held.map((id, index) => (
        <p key={id} class="notice notice-ok undo">
          <span class="undo-text">{t('entry.deletedUndo')}</span>
          <button
            ref={index === 0 ? button : undefined}
            class="button"
            type="button"
            onClick={() => {
              undoDelete(id);
              // The button goes away with the notice: the screen's heading takes the focus.
              document.querySelector<HTMLElement>('main h1')?.focus();
            }}
          >
            {t('entry.undo')}
          </button>
        </p>
      ))}
    </div>
  );
}
