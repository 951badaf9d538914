// The form around every kind's fields (src/views/entries/kinds/): the notices, "Speichern",
// "Entwurf verwerfen" (asks first) and, for an entry that exists, delete with undo.
import type { ComponentChildren } from 'preact';
import { href } from '../use-route';
import { ConfirmStep } from './confirm-step';
import { DeleteSection } from './delete-section';
import { Notice } from './form-field';
import type { DraftForm } from './use-draft-form';
import { useEntriesT, type EntriesKey } from './use-entries-t';
import type { EntrySave, KindFormProps } from './use-entry-save';
import type { EntryKindName } from '../../shared/entry-kinds';

/** The form around a kind's fields: notices, "Speichern", "Entwurf verwerfen", delete. */
export function EntryFormFrame<K extends EntryKindName, F, E extends string>(
  props: KindFormProps<K> & {
    draft: DraftForm<F>;
    save: EntrySave<F, E>;
    /** "Auf diesem Gerät gespeichert. Der Anruf wird übertragen, …" */
    savedText: EntriesKey;
    children: ComponentChildren;
  },
) {
  const t = useEntriesT();
  const { draft, save, existing } = props;
  return (
    <>
      {draft.restored && draft.unsaved && <Notice kind="ok">{t('entry.draftRestored')}</Notice>}
      <form onSubmit={save.submit} noValidate>
        {props.children}
        {save.errors.length > 0 && <Notice kind="error">{t('entry.checkFields')}</Notice>}
        {save.status === 'saved' && <Notice kind="ok">{t(props.savedText)}</Notice>}
        {save.status === 'failed' && <Notice kind="error">{t('entry.saveFailed')}</Notice>}
        {save.status === 'discarded' && <Notice kind="ok">{t('entry.discarded')}</Notice>}
        <p class="actions">
          <button class="button primary" type="submit" disabled={save.status === 'saving'}>
            {save.status === 'saving'
              ? t('entry.saving')
              : existing
                ? t('entry.saveChanges')
                : t('entry.save')}
          </button>
          <a class="button" href={href.entries}>
            {t('entries.title')}
          </a>
        </p>
      </form>
      {draft.unsaved && (
        <div class="actions">
          <ConfirmStep
            id="discard"
            label={t('entry.discard')}
            question={existing ? t('entry.discardEditConfirm') : t('entry.discardConfirm')}
            yes={t('entry.discardYes')}
            no={t('entry.discardNo')}
            onConfirm={() => void save.discard()}
          />
        </div>
      )}
      {existing && (
        <DeleteSection entryId={existing.id} author={props.author} formId={draft.formId} />
      )}
    </>
  );
}
