// Someone saved the same row while this form was open (409 from the server, nothing was
// changed): per field that differs, "Ihre Änderung" beside "Inzwischen gespeichert", and the
// choice between "Meine übernehmen" (send mine again, over the newer version) and "Verwerfen"
// (take what is saved). Used by every upkeep form through `useVersionedForm`. The heading
// takes the focus when it appears, so a screen reader reads the choice at once.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { FormProblem } from './upkeep-fields';
import type { Conflict } from './upkeep-versioned';
import { useStaffT, type StaffKey } from './use-staff-t';

export interface UpkeepConflictProps<K extends string> {
  id: string;
  conflict: Conflict<K>;
  /** The field's label, e.g. "Name". */
  label: (field: K) => string;
  /** A value as people read it ("Grün: wird fortgeführt", "10:00–12:00 Uhr"). */
  show: (field: K, value: unknown) => ComponentChildren;
  busy: boolean;
  onTakeMine: () => void;
  onDiscard: () => void;
}

export function UpkeepConflict<K extends string>(props: UpkeepConflictProps<K>) {
  const t = useStaffT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [props.conflict]);
  const { conflict, id } = props;
  return (
    <section class="upkeep-conflict" aria-labelledby={`${id}-conflict`}>
      <h3 id={`${id}-conflict`} ref={heading} tabIndex={-1}>
        <span aria-hidden="true">⚠ </span>
        {t(conflict.gone ? 'upkeep.conflict.goneTitle' : 'upkeep.conflict.title')}
      </h3>
      <p>{t(conflict.gone ? 'upkeep.conflict.goneText' : 'upkeep.conflict.text')}</p>
      {!conflict.gone && conflict.fields.length === 0 && <p>{t('upkeep.conflict.same')}</p>}
      {conflict.fields.map(({ field, mine, theirs }) => (
        <div class="conflict-field" key={field}>
          <h4>{props.label(field)}</h4>
          <div class="conflict-pair">
            <div class="conflict-side conflict-mine">
              <p class="conflict-side-label">{t('upkeep.conflict.mine')}</p>
              <div class="conflict-value">{props.show(field, mine)}</div>
            </div>
            <div class="conflict-side conflict-theirs">
              <p class="conflict-side-label">{t('upkeep.conflict.theirs')}</p>
              <div class="conflict-value">{props.show(field, theirs)}</div>
            </div>
          </div>
        </div>
      ))}
      <div class="upkeep-actions">
        {!conflict.gone && (
          <button
            class="button primary"
            type="button"
            disabled={props.busy}
            onClick={props.onTakeMine}
          >
            {t('upkeep.conflict.takeMine')}
          </button>
        )}
        <button class="button" type="button" disabled={props.busy} onClick={props.onDiscard}>
          {t('upkeep.conflict.discard')}
        </button>
      </div>
    </section>
  );
}

/**
 * The end of every upkeep form: the conflict (when there is one), a failure, and "Speichern"
 * (or `saveLabel`) with "Schließen" when the form can be closed.
 */
export function UpkeepFormEnd<K extends string>(props: {
  id: string;
  form: {
    conflict: Conflict<K> | null;
    busy: boolean;
    problem: string | null;
    takeMine: () => unknown;
    discard: () => void;
  };
  label: (field: K) => string;
  show: (field: K, value: unknown) => ComponentChildren;
  saveLabel?: StaffKey;
  onClose?: () => void;
}) {
  const t = useStaffT();
  const { form } = props;
  return (
    <>
      {form.conflict && (
        <UpkeepConflict
          id={props.id}
          conflict={form.conflict}
          label={props.label}
          show={props.show}
          busy={form.busy}
          onTakeMine={() => void form.takeMine()}
          onDiscard={form.discard}
        />
      )}
      <FormProblem text={form.problem} />
      {!form.conflict && (
        <div class="upkeep-actions">
          <button class="button primary" type="submit" disabled={form.busy}>
            {form.busy ? t('upkeep.saving') : t(props.saveLabel ?? 'upkeep.save')}
          </button>
          {props.onClose && (
            <button class="button" type="button" onClick={props.onClose}>
              {t('upkeep.close')}
            </button>
          )}
        </div>
      )}
    </>
  );
}
