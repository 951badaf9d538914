// Which staff screen a `#/team/…` path shows: `[]` and `['woche', '2026-W48']` the week,
// `['eintrag', id]` an entry's history, `['auskunft', 'partner' | 'person', id]` the printable
// Auskunft (a lazy chunk of its own), the rest one screen each of upkeep-screens.ts (C2's).
// Unknown paths show the week. Without a connection only the kept week can be shown.
import type { ComponentType } from 'preact';
import type { StaffMe } from '../../shared/staff/staff-session';
import { lazyScreen } from '../lazy-screen';
import type { AuskunftSubject } from './auskunft-screen';
import { EntryHistoryScreen } from './entry-history-screen';
import { STAFF_SECTIONS } from './staff-nav';
import { StaffPage } from './staff-page';
import {
  StaffAuditScreen,
  StaffCatalogueScreen,
  StaffDevicesScreen,
  StaffHoursScreen,
  StaffPartnersScreen,
  StaffPeopleScreen,
  StaffReportsScreen,
} from './upkeep-screens';
import { useStaffT } from './use-staff-t';
import { WeekScreen } from './week-screen';

const AuskunftScreen = lazyScreen<{ subject: AuskunftSubject; id: string; me: StaffMe }>(() =>
  import('./auskunft-screen').then((m) => m.AuskunftScreen),
);

/** The screens behind the menu's other links, by their path segment. */
const UPKEEP: Record<string, ComponentType<{ me: StaffMe }>> = {
  berichte: StaffReportsScreen,
  angebote: StaffCatalogueScreen,
  oeffnungszeiten: StaffHoursScreen,
  partner: StaffPartnersScreen,
  personen: StaffPeopleScreen,
  geraete: StaffDevicesScreen,
  protokoll: StaffAuditScreen,
};

export function StaffScreen(props: { path: string[]; me: StaffMe | null; offline: boolean }) {
  const t = useStaffT();
  const [first = 'woche', second, third] = props.path;
  if (first === 'auskunft' && (second === 'partner' || second === 'person') && third) {
    if (props.offline || !props.me) {
      return (
        <StaffPage title={t(second === 'partner' ? 'staff.nav.partners' : 'staff.nav.people')}>
          <p>{t('staff.needsConnection')}</p>
        </StaffPage>
      );
    }
    return <AuskunftScreen key={`${second}/${third}`} subject={second} id={third} me={props.me} />;
  }
  const Upkeep = UPKEEP[first];
  if (!Upkeep) {
    if (first === 'eintrag' && second && !props.offline) {
      return <EntryHistoryScreen key={second} id={second} />;
    }
    const weekId = first === 'woche' ? second : undefined;
    return (
      <WeekScreen key={weekId ?? 'now'} weekId={weekId} me={props.me} offline={props.offline} />
    );
  }
  if (props.offline || !props.me) {
    const section = STAFF_SECTIONS.find((s) => s.segment === first);
    return (
      <StaffPage title={t(section?.label ?? 'staff.nav.week')}>
        <p>{t('staff.needsConnection')}</p>
      </StaffPage>
    );
  }
  return <Upkeep key={first} me={props.me} />;
}
