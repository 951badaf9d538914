// German wording for the admin CLI: role names, and one line per person, device or session.
// Text that came from elsewhere (a device's label, a name) goes through `printable`
// (server/console-text.ts) before it reaches the admin's terminal.
import type { Role } from '../../src/shared/identity';
import type { Device } from '../repos/device.repo';
import type { PersonSessionListing } from '../repos/person-session.repo';
import type { User } from '../repos/user.repo';
import { formatDateTime, printable } from '../console-text';

export const ROLE_LABELS: Record<Role, string> = {
  volunteer: 'Ehrenamtliche:r',
  staff: 'Mitarbeiter:in',
  admin: 'Administrator:in',
};

export function describeUser(user: User, signInLocked = false): string {
  const parts = [
    printable(user.name),
    ROLE_LABELS[user.role],
    user.has_pin ? 'mit PIN' : 'ohne PIN',
  ];
  if (user.disabled_at) parts.push(`deaktiviert seit ${formatDateTime(user.disabled_at)}`);
  if (signInLocked) parts.push('ANMELDUNG GESPERRT (zu viele falsche PINs; unlock hebt es auf)');
  return `  ${parts.join(' · ')} · ${printable(user.id)}`;
}

export function describeDevice(device: Device): string {
  const parts = [
    printable(device.id),
    printable(device.label) || '(ohne Bezeichnung)',
    `angemeldet ${formatDateTime(device.created_at)}`,
    device.last_seen_at
      ? `zuletzt gesehen ${formatDateTime(device.last_seen_at)}`
      : 'noch nie gesehen',
  ];
  if (device.revoked_at) parts.push(`GESPERRT seit ${formatDateTime(device.revoked_at)}`);
  return `  ${parts.join(' · ')}`;
}

export function describeSession(session: PersonSessionListing): string {
  const parts = [
    printable(session.id),
    `${printable(session.userName)} auf ${printable(session.deviceLabel) || '(ohne Bezeichnung)'}`,
    `Gerät ${printable(session.deviceId)}`,
    `angemeldet ${formatDateTime(session.createdAt)}`,
    session.lastUsedAt
      ? `zuletzt benutzt ${formatDateTime(session.lastUsedAt)}`
      : 'noch nie benutzt',
  ];
  if (session.revokedAt) parts.push(`BEENDET seit ${formatDateTime(session.revokedAt)}`);
  return `  ${parts.join(' · ')}`;
}
