// "Hier": an observation at the spot where the guide stands — the position of the newest fix,
// however poor (then it is marked "ungenau"), or none at all. What it is (Barriere, Sitzbank,
// …) as big choices and a short note, saved as an entry of its own on the walk
// (src/db/walk-recording.ts, addObservation): offline it waits in the outbox behind its walk.
import { useEffect, useRef, useState } from 'preact/hooks';
import { appWrites } from '../../../db/app-writes';
import {
  emptyObservationForm,
  isInaccurate,
  positionOf,
  readObservationForm,
  type ObservationFormField,
} from '../../../domain/observation-form';
import { TRACK_FILTER_DEFAULTS } from '../../../domain/track-filter';
import { OBSERVATION_CATEGORIES } from '../../../shared/kinds/observation-kind';
import type { TrackPoint } from '../../../shared/walk-track';
import { Choice, ChoiceGroup } from '../entry-fields';
import { Field, Notice } from '../form-field';
import { useEntriesT } from '../use-entries-t';

/** Where and when "Hier" was tapped: the newest fix (null: none) and the device time. */
export interface Spot {
  fix: TrackPoint | null;
  at: number;
}

export function HerePanel(props: {
  walkId: string;
  author: string;
  spot: Spot;
  /** The observation's number on the walk (as in the list and on the route). */
  number: number;
  /** Saved (its number) or cancelled (null). */
  onDone: (number: number | null) => void;
}) {
  const t = useEntriesT();
  const { spot } = props;
  const [form, setForm] = useState(emptyObservationForm);
  const [errors, setErrors] = useState<ObservationFormField[]>([]);
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState(false);
  const group = useRef<HTMLDivElement>(null);
  const position = spot.fix && positionOf(spot.fix);
  const poor = isInaccurate(position, TRACK_FILTER_DEFAULTS.maxAccuracy);

  // Opened: the first choice has the focus (keyboard and screen readers start here).
  useEffect(() => group.current?.querySelector('input')?.focus(), []);
  useEffect(() => {
    if (errors.length > 0) {
      const target = errors[0] === 'category' ? group.current?.querySelector('input') : null;
      (target ?? document.getElementById('here-note'))?.focus();
    }
  }, [errors]);

  const submit = (event: Event) => {
    event.preventDefault();
    if (saving) return;
    const read = readObservationForm(form, {
      walkId: props.walkId,
      position,
      occurredAt: new Date(spot.at).toISOString(),
      concern: false,
    });
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    setErrors([]);
    setSaving(true);
    setFailed(false);
    const { walkId, category, note } = read.values;
    appWrites
      .addObservation({ walkId, category, position, note, author: props.author, now: spot.at })
      .then(
        () => props.onDone(props.number),
        (error: unknown) => {
          console.error('Beobachtung speichern fehlgeschlagen', error);
          setSaving(false);
          setFailed(true);
        },
      );
  };

  return (
    <form
      class="here"
      onSubmit={submit}
      onKeyDown={(event) => event.key === 'Escape' && props.onDone(null)}
      noValidate
    >
      {position === null ? (
        <p class="hint">{t('walk.observeNone')}</p>
      ) : (
        poor && <p class="hint">{t('walk.observePoor')}</p>
      )}
      <div ref={group}>
        <ChoiceGroup
          id="here-category"
          legend={t('walk.observe')}
          error={errors.includes('category') ? t('walk.observeMissing') : undefined}
        >
          <div class="here-choices">
            {OBSERVATION_CATEGORIES.map((category) => (
              <Choice
                key={category}
                type="radio"
                name="here-category"
                checked={form.category === category}
                label={t(`observation.category.${category}`)}
                onChange={() => setForm({ ...form, category })}
              />
            ))}
          </div>
        </ChoiceGroup>
      </div>
      <Field
        id="here-note"
        label={t('walk.observeNote')}
        error={errors.includes('note') ? t('observation.error.note') : undefined}
      >
        {(describedBy, invalid) => (
          <textarea
            id="here-note"
            class="input"
            rows={2}
            maxLength={500}
            value={form.note}
            onInput={(event) => setForm({ ...form, note: event.currentTarget.value })}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      {failed && <Notice kind="error">{t('walk.failed')}</Notice>}
      <div class="walk-row">
        <button class="walk-button primary" type="submit" disabled={saving}>
          {t('walk.observeSave')}
        </button>
        <button class="walk-button" type="button" onClick={() => props.onDone(null)}>
          {t('walk.observeCancel')}
        </button>
      </div>
    </form>
  );
}
