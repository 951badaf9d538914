// German wording for the admin CLI: role names and dates the way staff read them
// (Europe/Berlin, e.g. "Mittwoch, 2. Dezember 2026 um 14:30").
import type { Role } from '../../src/shared/identity';
import type { Device } from '../repos/device.repo';
import type { User } from '../repos/user.repo';

export const ROLE_LABELS: Record<Role, string> = {
  volunteer: 'Ehrenamtliche:r',
  staff: 'Mitarbeiter:in',
  admin: 'Administrator:in',
};

const dateTime = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  dateStyle: 'full',
  timeStyle: 'short',
});

export function formatDateTime(at: Date | string): string {
  return dateTime.format(typeof at === 'string' ? new Date(at) : at);
}

export function describeUser(user: User): string {
  const parts = [user.name, ROLE_LABELS[user.role], user.has_pin ? 'mit PIN' : 'ohne PIN'];
  if (user.disabled_at) parts.push(`deaktiviert seit ${formatDateTime(user.disabled_at)}`);
  return `  ${parts.join(' · ')} · ${user.id}`;
}

export function describeDevice(device: Device): string {
  const parts = [
    device.id,
    device.label || '(ohne Bezeichnung)',
    `angemeldet ${formatDateTime(device.created_at)}`,
    device.last_seen_at
      ? `zuletzt gesehen ${formatDateTime(device.last_seen_at)}`
      : 'noch nie gesehen',
  ];
  if (device.revoked_at) parts.push(`GESPERRT seit ${formatDateTime(device.revoked_at)}`);
  return `  ${parts.join(' · ')}`;
}
