// The audit log in plain words: each action (`<thing>.<verb>`, server/repos/audit.repo.ts) as
// what the person did, and the field names in its detail as the forms call them; a read
// (`read.<what>`, server/sync/read-audit.ts) with how many of each kind it showed. An action
// this screen does not know yet is shown as it is stored, rather than hidden.
import type { StaffKey, StaffT } from './use-staff-t';

const ACTIONS: Record<string, StaffKey> = {
  'activity.create': 'staffAudit.action.activity.create',
  'activity.update': 'staffAudit.action.activity.update',
  'theme.create': 'staffAudit.action.theme.create',
  'theme.update': 'staffAudit.action.theme.update',
  'institution.create': 'staffAudit.action.institution.create',
  'institution.update': 'staffAudit.action.institution.update',
  'storefront.create': 'staffAudit.action.storefront.update',
  'storefront.update': 'staffAudit.action.storefront.update',
  'opening_exception.create': 'staffAudit.action.opening_exception.create',
  'opening_exception.update': 'staffAudit.action.opening_exception.update',
  'opening_exception.delete': 'staffAudit.action.opening_exception.delete',
  'partner.create': 'staffAudit.action.partner.create',
  'partner.update': 'staffAudit.action.partner.update',
  'follow_up.update': 'staffAudit.action.follow_up.update',
  'entry.resolve_conflict': 'staffAudit.action.entry.resolve_conflict',
  'export.csv': 'staffAudit.action.export.csv',
  'report.view': 'staffAudit.action.report.view',
  'person.create': 'staffAudit.action.person.create',
  'person.pin_reset': 'staffAudit.action.person.pin_reset',
  'person.password_set': 'staffAudit.action.person.password_set',
  'person.lock': 'staffAudit.action.person.lock',
  'person.unlock': 'staffAudit.action.person.unlock',
  'device.revoke': 'staffAudit.action.device.revoke',
  'enrolment_code.create': 'staffAudit.action.enrolment_code.create',
  'staff.sign_in': 'staffAudit.action.staff.sign_in',
  'staff.sign_out': 'staffAudit.action.staff.sign_out',
  'read.partners': 'staffAudit.action.read.partners',
  'read.people': 'staffAudit.action.read.people',
  'read.week': 'staffAudit.action.read.week',
  'read.entry_history': 'staffAudit.action.read.entry_history',
  'read.pull': 'staffAudit.action.read.pull',
  'read.export_partner': 'staffAudit.action.read.export_partner',
  'read.export_person': 'staffAudit.action.read.export_person',
  'privacy.erase_partner': 'erase.action.partner',
  'privacy.erase_person': 'erase.action.person',
};

/** What a read counted (server/sync/read-audit.ts): entry lists of a pull, and the rest. */
const COUNTS: Record<string, StaffKey> = {
  calls: 'staffAudit.count.calls',
  advice: 'staffAudit.count.advice',
  walks: 'staffAudit.count.walks',
  observations: 'staffAudit.count.observations',
  partners: 'staffAudit.count.partners',
  tracks: 'staffAudit.count.tracks',
  people: 'staffAudit.count.people',
  attention: 'staffAudit.count.attention',
  changes: 'staffAudit.count.changes',
  // What an erasure touched (server/privacy/person-erasure.ts), by table.
  entries: 'erase.count.entries',
  partner: 'erase.count.partner',
  partners_unassigned: 'erase.count.partners_unassigned',
  entry_history: 'erase.count.entry_history',
  walk_track_chunks: 'staffAudit.count.tracks',
  mutation_log: 'erase.count.mutation_log',
  device_users: 'erase.count.device_users',
  person_sessions: 'erase.count.person_sessions',
  staff_sessions: 'erase.count.staff_sessions',
  sign_in_guards: 'erase.count.sign_in_guards',
  enrolment_codes: 'erase.count.enrolment_codes',
  follow_ups: 'erase.count.follow_ups',
  audit_log: 'erase.count.audit_log',
};

const FIELDS: Record<string, StaffKey> = {
  name: 'staffAudit.field.name',
  number: 'upkeep.theme.number',
  themeId: 'upkeep.activity.theme',
  description: 'upkeep.activity.description',
  schedule: 'upkeep.activity.schedule',
  place: 'upkeep.activity.place',
  contact: 'upkeep.activity.contact',
  actorIds: 'upkeep.activity.institutions',
  ampel: 'ampel.label',
  ampelCondition: 'upkeep.activity.condition',
  ampelAsOf: 'upkeep.activity.asOf',
  address: 'staffHours.address',
  weekly: 'staffHours.weekTitle',
  holidaysClosed: 'staffHours.holidaysClosed',
  date: 'staffHours.exception.date',
  closed: 'staffHours.exception.closed',
  intervals: 'staffHours.exception.hours',
  note: 'staffHours.exception.note',
  phone: 'staffPartners.phone',
  preferredTimes: 'staffPartners.preferredTimes',
  usualMinutes: 'staffPartners.usualMinutes',
  callEveryDays: 'staffPartners.callEveryDays',
  callers: 'staffPartners.callers',
  status: 'staffPartners.statusLabel',
  consentOn: 'staffPartners.consentOn',
  consentForm: 'staffPartners.consentForm',
  consentScope: 'staffPartners.consentScope',
  kind: 'staffReports.kind',
  from: 'staffReports.from',
  to: 'staffReports.to',
  month: 'staffReports.month',
  role: 'staffPeople.roleLabel',
};

export function actionWords(t: StaffT, action: string): string {
  const key = ACTIONS[action];
  return key ? t(key) : action;
}

export function fieldWord(t: StaffT, field: string): string {
  const key = FIELDS[field];
  return key ? t(key) : field;
}

function valueWords(t: StaffT, value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'boolean') return t(value ? 'upkeep.yes' : 'upkeep.valueNo');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((item) => valueWords(t, item)).join(', ');
  return JSON.stringify(value);
}

/**
 * The detail of a line as short phrases: how many a read showed ("Wie viele: Anrufe 3"), then
 * "Geändert: Name, Ampel", then the values the server kept ("Ampel: yellow"), then anything
 * else ("Monat: 2026-11"). Never personal data: the server writes only field names, ids,
 * counts and non-personal values there.
 */
export function detailWords(t: StaffT, detail: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const { fields, values, counts, ...others } = detail;
  // `people` are ids, shown by name as the line's subject (the server's `subjectLabel`).
  const rest = Object.fromEntries(Object.entries(others).filter(([key]) => key !== 'people'));
  const counted = countWords(t, counts);
  if (counted) lines.push(t('staffAudit.counts', { counts: counted }));
  if (Array.isArray(fields) && fields.length > 0) {
    lines.push(
      t('staffAudit.changed', {
        fields: fields.map((field) => fieldWord(t, String(field))).join(', '),
      }),
    );
  }
  const pairs = {
    ...(typeof values === 'object' && values !== null ? (values as Record<string, unknown>) : {}),
    ...rest,
  };
  for (const [field, value] of Object.entries(pairs)) {
    lines.push(`${fieldWord(t, field)}: ${valueWords(t, value)}`);
  }
  return lines;
}

/** "Anrufe 3, Gesprächspartner 2": how many of each kind a read showed; null: none. */
function countWords(t: StaffT, counts: unknown): string | null {
  if (typeof counts !== 'object' || counts === null || Array.isArray(counts)) return null;
  const parts = Object.entries(counts as Record<string, unknown>).map(([kind, n]) => {
    const key = COUNTS[kind];
    return `${key ? t(key) : kind} ${valueWords(t, n)}`;
  });
  return parts.length === 0 ? null : parts.join(', ');
}
