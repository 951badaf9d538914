// Themes (number and name) and institutions (name) of the catalogue: rename one, or add one.
// Each row is its own small form with the same save flow as an activity (upkeep-versioned.ts):
// a rename that meets someone else's meanwhile is shown side by side, never overwritten.
import { useState } from 'preact/hooks';
import { hasVisibleCharacter } from '../../shared/text';
import type { Institution, Theme } from '../../shared/catalogue';
import {
  createInstitution,
  createTheme,
  updateInstitution,
  updateTheme,
} from '../../sync/staff-upkeep-requests';
import { useStaffDeps } from './staff-context';
import { UpkeepFormEnd } from './upkeep-conflict';
import { TextField } from './upkeep-fields';
import { useVersionedForm } from './upkeep-versioned';
import { useStaffT, type StaffKey } from './use-staff-t';

interface RowCallbacks<Row> {
  onSaved: (row: Row) => void;
  onRefreshed: (row: Row) => void;
  onGone: () => void;
  onClose: () => void;
}

interface ThemeValues {
  number: string;
  name: string;
}

const THEME_LABELS: Record<keyof ThemeValues, StaffKey> = {
  number: 'upkeep.theme.number',
  name: 'upkeep.theme.name',
};

export function ThemeForm(
  props: {
    theme: Theme | null;
    nextNumber: number;
    /** The quarter's other themes: a number one of them has is refused at the field. */
    others: readonly Theme[];
  } & RowCallbacks<Theme>,
) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const id = `theme-${props.theme?.id ?? 'new'}`;
  const valuesOf = (theme: Theme): ThemeValues => ({
    number: String(theme.number),
    name: theme.name,
  });
  const [problems, setProblems] = useState<Partial<Record<keyof ThemeValues, string>>>({});
  const form = useVersionedForm({
    row: props.theme,
    initial: props.theme ? valuesOf(props.theme) : { number: String(props.nextNumber), name: '' },
    valuesOf,
    fields: ['number', 'name'] as const,
    t,
    onSaved: props.onSaved,
    onRefreshed: props.onRefreshed,
    onGone: props.onGone,
    send: (values, expectedVersion) => {
      const body = { number: Number(values.number), name: values.name.trim() };
      return props.theme
        ? updateTheme(props.theme.id, { ...body, expectedVersion }, deps)
        : createTheme({ ...body, expectedVersion: 0 }, deps);
    },
  });
  const submit = (event: Event) => {
    event.preventDefault();
    const found: Partial<Record<keyof ThemeValues, string>> = {};
    const number = Number(form.values.number);
    const holder = props.others.find((other) => other.number === number);
    if (!/^\d{1,3}$/.test(form.values.number.trim()) || number < 1) {
      found.number = t('upkeep.theme.numberBad');
    } else if (holder) {
      found.number = t('upkeep.theme.numberTaken', { number, name: holder.name });
    }
    if (!hasVisibleCharacter(form.values.name)) found.name = t('upkeep.nameMissing');
    setProblems(found);
    const first = (Object.keys(found) as (keyof ThemeValues)[])[0];
    if (first) return document.getElementById(`${id}-${first}`)?.focus();
    void form.save();
  };
  const errorOf = (field: keyof ThemeValues) => problems[field];
  const title = props.theme
    ? t('upkeep.renameNamed', { name: props.theme.name })
    : t('upkeep.themes.add');
  return (
    <form class="upkeep-form upkeep-form-small" onSubmit={submit} noValidate aria-label={title}>
      <div class="field-row">
        <TextField
          id={`${id}-number`}
          label={t(THEME_LABELS.number)}
          inputMode="numeric"
          short
          value={form.values.number}
          error={errorOf('number')}
          onInput={(number) => form.change({ number })}
        />
        <TextField
          id={`${id}-name`}
          label={t(THEME_LABELS.name)}
          value={form.values.name}
          error={errorOf('name')}
          onInput={(name) => form.change({ name })}
        />
      </div>
      <UpkeepFormEnd
        id={id}
        form={form}
        label={(field) => t(THEME_LABELS[field])}
        onClose={props.onClose}
        show={(_field, value) => String(value)}
      />
    </form>
  );
}

interface InstitutionValues {
  name: string;
}

const INSTITUTION_LABELS: Record<keyof InstitutionValues, StaffKey> = {
  name: 'upkeep.institution.name',
};

export function InstitutionForm(
  props: { institution: Institution | null } & RowCallbacks<Institution>,
) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const id = `institution-${props.institution?.id ?? 'new'}`;
  const [problem, setProblem] = useState<StaffKey | null>(null);
  const form = useVersionedForm({
    row: props.institution,
    initial: { name: props.institution?.name ?? '' },
    valuesOf: (institution: Institution) => ({ name: institution.name }),
    fields: ['name'] as const,
    t,
    onSaved: props.onSaved,
    onRefreshed: props.onRefreshed,
    onGone: props.onGone,
    send: (values, expectedVersion) => {
      const name = values.name.trim();
      return props.institution
        ? updateInstitution(props.institution.id, { name, expectedVersion }, deps)
        : createInstitution({ name, expectedVersion: 0 }, deps);
    },
  });
  const submit = (event: Event) => {
    event.preventDefault();
    if (!hasVisibleCharacter(form.values.name)) {
      setProblem('upkeep.nameMissing');
      return document.getElementById(`${id}-name`)?.focus();
    }
    setProblem(null);
    void form.save();
  };
  const title = props.institution
    ? t('upkeep.renameNamed', { name: props.institution.name })
    : t('upkeep.institutions.add');
  return (
    <form class="upkeep-form upkeep-form-small" onSubmit={submit} noValidate aria-label={title}>
      <TextField
        id={`${id}-name`}
        label={t(INSTITUTION_LABELS.name)}
        value={form.values.name}
        error={problem ? t(problem) : undefined}
        onInput={(name) => form.change({ name })}
      />
      <UpkeepFormEnd
        id={id}
        form={form}
        label={(field) => t(INSTITUTION_LABELS[field])}
        onClose={props.onClose}
        show={(_field, value) => String(value)}
      />
    </form>
  );
}
