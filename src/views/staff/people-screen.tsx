// "Personen": everyone of the quarter with role, PIN yes/no and whether they are locked
// (people-person.tsx has each one's actions), and "Neue Person" (people-create-form.tsx).
// Staff screens never see a PIN or a password, only whether one is set.
import { useState } from 'preact/hooks';
import type { StaffPerson } from '../../shared/staff/staff-people';
import type { StaffMe } from '../../shared/staff/staff-session';
import { loadPeople } from '../../sync/staff-upkeep-requests';
import { Notice } from '../entries/form-field';
import { StaffPage } from './staff-page';
import { PersonCreateForm } from './people-create-form';
import { PersonCard } from './people-person';
import { useStaffLoad } from './upkeep-load';
import { LoadState } from './upkeep-state';
import { useStaffT } from './use-staff-t';

export function StaffPeopleScreen(props: { me: StaffMe }) {
  const t = useStaffT();
  const load = useStaffLoad(loadPeople);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const title = t('staffPeople.title');
  if (load.state.status !== 'ready') {
    return <LoadState title={title} state={load.state} onRetry={load.reload} />;
  }
  const put = (person: StaffPerson) =>
    load.set((people) =>
      people.some((p) => p.id === person.id)
        ? people.map((p) => (p.id === person.id ? person : p))
        : [...people, person],
    );
  const people = [...load.state.data].sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return (
    <StaffPage title={title}>
      <p class="hint">{t('staffPeople.lead')}</p>
      {notice && <Notice kind="ok">{notice}</Notice>}
      {creating ? (
        <PersonCreateForm
          me={props.me}
          onCreated={(person) => {
            put(person);
            setCreating(false);
            setNotice(t('staffPeople.created', { name: person.name }));
          }}
          onClose={() => setCreating(false)}
        />
      ) : (
        <button
          class="button primary"
          type="button"
          onClick={() => {
            setNotice(null);
            setCreating(true);
          }}
        >
          {t('staffPeople.add')}
        </button>
      )}
      <h2>{t('staffPeople.listTitle', { count: people.length })}</h2>
      <ul class="upkeep-list">
        {people.map((person) => (
          <PersonCard
            key={person.id}
            person={person}
            me={props.me}
            onChanged={(changed, message) => {
              put(changed);
              setNotice(message);
            }}
            onErased={(message) => {
              load.set((all) => all.filter((p) => p.id !== person.id));
              setNotice(message);
            }}
          />
        ))}
      </ul>
    </StaffPage>
  );
}
