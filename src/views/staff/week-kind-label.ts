// An entry kind in words for the staff screens ("Anruf", "Beratung"); a kind this app version
// does not know yet is shown by its name rather than not at all.
import type { StaffKey, StaffT } from './use-staff-t';

const KIND_LABEL: Record<string, StaffKey> = {
  call: 'staff.kind.call',
  advice: 'staff.kind.advice',
  walk: 'staff.kind.walk',
  observation: 'staff.kind.observation',
  partner: 'staff.kind.partner',
};

export function kindLabel(kind: string, t: StaffT): string {
  const key = KIND_LABEL[kind];
  return key ? t(key) : kind;
}
