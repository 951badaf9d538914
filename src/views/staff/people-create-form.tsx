// A new person: a volunteer with a name and a PIN (for the tablets), or staff with a name and
// a password (for these screens; at least 10 characters, by the one rule of
// `passwordProblem`). Only an admin may make an admin (the server says so too). The PIN and
// password rules are the server's own functions, checked at the field before sending.
import { useState } from 'preact/hooks';
import type { Role } from '../../shared/identity';
import { pinProblem } from '../../shared/pin-rules';
import type { StaffPerson } from '../../shared/staff/staff-people';
import { passwordProblem, type StaffMe } from '../../shared/staff/staff-session';
import { hasVisibleCharacter } from '../../shared/text';
import { createPerson } from '../../sync/staff-upkeep-requests';
import { useStaffDeps } from './staff-context';
import { FormProblem, RadioGroup, TextField } from './upkeep-fields';
import { problemText } from './upkeep-load';
import { useStaffT, type StaffKey } from './use-staff-t';

export const ROLE_LABEL: Record<Role, StaffKey> = {
  volunteer: 'staffPeople.role.volunteer',
  staff: 'staffPeople.role.staff',
  admin: 'staffPeople.role.admin',
};

type Problems = Partial<Record<'name' | 'pin' | 'password', string>>;

export function PersonCreateForm(props: {
  me: StaffMe;
  onCreated: (person: StaffPerson) => void;
  onClose: () => void;
}) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('volunteer');
  const [pin, setPin] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const roles: Role[] =
    props.me.role === 'admin' ? ['volunteer', 'staff', 'admin'] : ['volunteer', 'staff'];
  const volunteer = role === 'volunteer';

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Problems = {};
    if (!hasVisibleCharacter(name)) found.name = t('upkeep.nameMissing');
    if (volunteer) {
      const pinIssue = pinProblem(pin);
      if (pinIssue) found.pin = pinIssue;
    } else {
      const passwordIssue = passwordProblem(password, name);
      if (passwordIssue) found.password = passwordIssue;
    }
    setProblems(found);
    const first = (['name', 'pin', 'password'] as const).find((field) => found[field]);
    if (first) return document.getElementById(`person-new-${first}`)?.focus();
    setBusy(true);
    setProblem(null);
    try {
      const person = await createPerson(
        volunteer ? { name: name.trim(), role, pin } : { name: name.trim(), role, password },
        deps,
      );
      props.onCreated(person);
    } catch (error) {
      setProblem(problemText(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="upkeep-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="person-new-title"
    >
      <h2 id="person-new-title">{t('staffPeople.newTitle')}</h2>
      <TextField
        id="person-new-name"
        label={t('staffPeople.name')}
        hint={t('staffPeople.nameHint')}
        value={name}
        error={problems.name}
        onInput={setName}
      />
      <RadioGroup
        id="person-new-role"
        legend={t('staffPeople.roleLabel')}
        value={role}
        choices={roles.map((value) => ({ value, label: t(ROLE_LABEL[value]) }))}
        onChange={setRole}
      />
      {volunteer ? (
        <TextField
          id="person-new-pin"
          label={t('staffPeople.pin')}
          hint={t('staffPeople.pinHint')}
          inputMode="numeric"
          short
          value={pin}
          error={problems.pin}
          onInput={setPin}
        />
      ) : (
        <TextField
          id="person-new-password"
          label={t('staffPeople.password')}
          hint={t('staffPeople.passwordHint')}
          type="password"
          autoComplete="new-password"
          value={password}
          error={problems.password}
          onInput={setPassword}
        />
      )}
      <FormProblem text={problem} />
      <div class="upkeep-actions">
        <button class="button primary" type="submit" disabled={busy}>
          {busy ? t('upkeep.saving') : t('staffPeople.create')}
        </button>
        <button class="button" type="button" onClick={props.onClose}>
          {t('upkeep.close')}
        </button>
      </div>
    </form>
  );
}
