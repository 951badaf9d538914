// C2's staff screens (issue 10), each `(props: { me: StaffMe })`, for the staff shell's router
// (staff-screen.tsx): upkeep of the catalogue and Ampel, opening hours, call partners, people
// and devices, the reports and the audit log. All load with the staff chunk only.
import './upkeep.css';

export { StaffAuditScreen } from './audit-screen';
export { StaffDevicesScreen } from './devices-screen';
export { StaffHoursScreen } from './hours-screen';
export { StaffPartnersScreen } from './partners-admin-screen';
export { StaffPeopleScreen } from './people-screen';
export { StaffReportsScreen } from './reports-screen';
export { StaffCatalogueScreen } from './upkeep-catalogue-screen';
