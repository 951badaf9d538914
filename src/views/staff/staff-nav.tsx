// The staff screens' menu: every screen one link (the current one marked for screen readers
// and by a line, not by colour alone), who is signed in, and "Abmelden".
import { href } from '../use-route';
import type { StaffKey } from './use-staff-t';
import { useStaffT } from './use-staff-t';

/** The first path segment of each staff screen (`#/team/<segment>`), in menu order. */
export const STAFF_SECTIONS: readonly { segment: string; label: StaffKey }[] = [
  { segment: 'woche', label: 'staff.nav.week' },
  { segment: 'berichte', label: 'staff.nav.reports' },
  { segment: 'angebote', label: 'staff.nav.catalogue' },
  { segment: 'oeffnungszeiten', label: 'staff.nav.hours' },
  { segment: 'partner', label: 'staff.nav.partners' },
  { segment: 'personen', label: 'staff.nav.people' },
  { segment: 'geraete', label: 'staff.nav.devices' },
  { segment: 'protokoll', label: 'staff.nav.audit' },
];

export function StaffNav(props: {
  /** The current path's first segment ('woche' for the start and an entry's history). */
  current: string;
  /** Who is signed in, or null offline without a kept name. */
  who: { name: string; quarter: string } | null;
  /** Null while there is no connection to end the session with. */
  onSignOut: (() => void) | null;
  busy: boolean;
}) {
  const t = useStaffT();
  return (
    <div class="staff-bar">
      <nav aria-label={t('staff.nav.label')}>
        <ul class="staff-nav">
          {STAFF_SECTIONS.map((section) => (
            <li key={section.segment}>
              <a
                href={href.staff(section.segment)}
                aria-current={props.current === section.segment ? 'page' : undefined}
              >
                {t(section.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="staff-who">
        {props.who && (
          <p>{t('staff.nav.signedIn', { name: props.who.name, quarter: props.who.quarter })}</p>
        )}
        {props.onSignOut && (
          <button class="button" type="button" disabled={props.busy} onClick={props.onSignOut}>
            {t('staff.nav.signOut')}
          </button>
        )}
      </div>
    </div>
  );
}
