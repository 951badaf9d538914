// The message catalogue's part for the staff screens' upkeep: catalogue and Ampel, opening hours, call partners, people, devices, reports and the audit log (issue 10). Same rules as messages.ts (German first, English must have every key);
// loaded with the staff chunk only, never on a volunteer's start screen.
export const staffUpkeepDe = {
  'staff.placeholder.staff-upkeep': '',
};

export type StaffUpkeepMessageKey = keyof typeof staffUpkeepDe;

export const staffUpkeepEn: Record<StaffUpkeepMessageKey, string> = {
  'staff.placeholder.staff-upkeep': '',
};
