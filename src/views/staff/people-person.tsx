// One person on "Personen": role, whether a PIN and a password are set, whether they are
// locked (by staff, or after too many wrong PINs or passwords), and what staff may do: set a
// new PIN (also lifts a PIN lock), set a password (one's own, or anyone's as an admin), lock
// and unlock (after a "Ja"; nobody locks themselves). The server checks the same rules again.
import { useState } from 'preact/hooks';
import { formatInstantBerlin } from '../../domain/dates';
import { pinProblem } from '../../shared/pin-rules';
import type { StaffPerson } from '../../shared/staff/staff-people';
import { passwordProblem, type StaffMe } from '../../shared/staff/staff-session';
import {
  lockPerson,
  resetPersonPin,
  setPersonPassword,
  unlockPerson,
} from '../../sync/staff-upkeep-requests';
import { ConfirmStep } from '../entries/confirm-step';
import { useSettings } from '../settings-context';
import { useStaffDeps } from './staff-context';
import { ROLE_LABEL } from './people-create-form';
import { PrivacyErase } from './privacy-erase';
import { PrivacyExportButton } from './privacy-export-button';
import { FormProblem, TextField } from './upkeep-fields';
import { problemText } from './upkeep-load';
import { useStaffT } from './use-staff-t';

type Secret = 'pin' | 'password';

export function PersonCard(props: {
  person: StaffPerson;
  me: StaffMe;
  /** The person as the server answered, and what to tell ("Neue PIN gespeichert."). */
  onChanged: (person: StaffPerson, message: string) => void;
  /** Erased on the server (privacy-erase.tsx): drop the card, tell `message`. */
  onErased: (message: string) => void;
}) {
  const t = useStaffT();
  const deps = useStaffDeps();
  const { lang } = useSettings().settings;
  const { person, me } = props;
  const [editing, setEditing] = useState<Secret | null>(null);
  const [secret, setSecret] = useState('');
  const [fieldProblem, setFieldProblem] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `person-${person.id}`;
  const self = person.id === me.userId;
  const mayActOn = person.role !== 'admin' || me.role === 'admin' || self;
  const locked = person.disabledAt !== null || person.pinLocked || person.passwordLocked;

  const run = async (action: () => Promise<StaffPerson>, message: string) => {
    setBusy(true);
    setProblem(null);
    try {
      const changed = await action();
      setEditing(null);
      setSecret('');
      props.onChanged(changed, message);
    } catch (error) {
      setProblem(problemText(t, error));
    } finally {
      setBusy(false);
    }
  };

  const saveSecret = (event: Event) => {
    event.preventDefault();
    const issue = editing === 'pin' ? pinProblem(secret) : passwordProblem(secret, person.name);
    setFieldProblem(issue);
    if (issue) return document.getElementById(`${id}-${editing}`)?.focus();
    void run(
      () =>
        editing === 'pin'
          ? resetPersonPin(person.id, secret, deps)
          : setPersonPassword(person.id, secret, deps),
      t(editing === 'pin' ? 'staffPeople.pinSaved' : 'staffPeople.passwordSaved', {
        name: person.name,
      }),
    );
  };

  const lockText = person.disabledAt
    ? t('staffPeople.lockedSince', {
        when: formatInstantBerlin(Date.parse(person.disabledAt), lang),
      })
    : person.pinLocked
      ? t('staffPeople.pinLocked')
      : person.passwordLocked
        ? t('staffPeople.passwordLocked')
        : t('upkeep.valueNo');

  return (
    <li class="upkeep-item">
      <p class="upkeep-item-title">
        {person.name}
        {self && ` ${t('staffPeople.you')}`}
      </p>
      <dl class="upkeep-facts">
        <div>
          <dt>{t('staffPeople.roleLabel')}</dt>
          <dd>{t(ROLE_LABEL[person.role])}</dd>
        </div>
        <div>
          <dt>{t('staffPeople.hasPin')}</dt>
          <dd>{t(person.hasPin ? 'upkeep.yes' : 'upkeep.valueNo')}</dd>
        </div>
        {person.role !== 'volunteer' && (
          <div>
            <dt>{t('staffPeople.hasPassword')}</dt>
            <dd>{t(person.hasPassword ? 'upkeep.yes' : 'upkeep.valueNo')}</dd>
          </div>
        )}
        <div>
          <dt>{t('staffPeople.locked')}</dt>
          <dd class={locked ? 'upkeep-flag' : undefined}>
            {locked && <span aria-hidden="true">🔒 </span>}
            {lockText}
          </dd>
        </div>
      </dl>
      {editing && (
        <form class="upkeep-form upkeep-form-small" onSubmit={saveSecret} noValidate>
          <TextField
            id={`${id}-${editing}`}
            label={t(editing === 'pin' ? 'staffPeople.newPin' : 'staffPeople.newPassword', {
              name: person.name,
            })}
            hint={t(editing === 'pin' ? 'staffPeople.pinHint' : 'staffPeople.passwordHint')}
            type={editing === 'pin' ? 'text' : 'password'}
            inputMode={editing === 'pin' ? 'numeric' : 'text'}
            autoComplete={editing === 'pin' ? 'off' : 'new-password'}
            short={editing === 'pin'}
            value={secret}
            error={fieldProblem}
            onInput={setSecret}
          />
          <div class="upkeep-actions">
            <button class="button primary" type="submit" disabled={busy}>
              {busy ? t('upkeep.saving') : t('upkeep.save')}
            </button>
            <button
              class="button"
              type="button"
              onClick={() => {
                setEditing(null);
                setSecret('');
                setFieldProblem(undefined);
              }}
            >
              {t('upkeep.cancel')}
            </button>
          </div>
        </form>
      )}
      <FormProblem text={problem} />
      {!editing && mayActOn && (
        <div class="upkeep-actions">
          <button class="button" type="button" onClick={() => setEditing('pin')}>
            {t('staffPeople.resetPin', { name: person.name })}
          </button>
          {person.role !== 'volunteer' && (self || me.role === 'admin') && (
            <button class="button" type="button" onClick={() => setEditing('password')}>
              {t('staffPeople.setPassword', { name: person.name })}
            </button>
          )}
          {!self && person.disabledAt === null && (
            <ConfirmStep
              id={`${id}-lock`}
              label={t('staffPeople.lock', { name: person.name })}
              question={t('staffPeople.lockQuestion', { name: person.name })}
              yes={t('staffPeople.lockYes')}
              no={t('upkeep.no')}
              onConfirm={() =>
                void run(
                  () => lockPerson(person.id, deps),
                  t('staffPeople.lockDone', { name: person.name }),
                )
              }
            />
          )}
          {locked && (
            <ConfirmStep
              id={`${id}-unlock`}
              label={t('staffPeople.unlock', { name: person.name })}
              question={t('staffPeople.unlockQuestion', { name: person.name })}
              yes={t('staffPeople.unlockYes')}
              no={t('upkeep.no')}
              onConfirm={() =>
                void run(
                  () => unlockPerson(person.id, deps),
                  t('staffPeople.unlockDone', { name: person.name }),
                )
              }
            />
          )}
        </div>
      )}
      {!editing && <PrivacyExportButton collection="people" id={person.id} name={person.name} />}
      {!editing && !self && mayActOn && (
        <PrivacyErase
          collection="people"
          id={person.id}
          name={person.name}
          onErased={props.onErased}
        />
      )}
    </li>
  );
}
