// The message catalogue's part for the staff screens: sign-in, the week, follow-ups and an entry's history (issue 10). Same rules as messages.ts (German first, English must have every key);
// loaded with the staff chunk only, never on a volunteer's start screen.
export const staffDe = {
  'staff.placeholder.staff': '',
};

export type StaffMessageKey = keyof typeof staffDe;

export const staffEn: Record<StaffMessageKey, string> = {
  'staff.placeholder.staff': '',
};
