// German wording for the admin CLI: role names and dates the way staff read them
// (Europe/Berlin, e.g. "Mittwoch, 2. Dezember 2026 um 14:30").
// Text that came from elsewhere (a device's label, a name) reaches the admin's terminal only
// through `printable`: control characters (C0, DEL, C1), line and paragraph separators, bidi
// overrides and lone surrogates are shown as `\u001b`, so a label can neither recolour the
// screen, move the cursor, reorder text nor fake a line of its own.
import type { Role } from '../../src/shared/identity';
import type { Device } from '../repos/device.repo';
import type { PersonSessionListing } from '../repos/person-session.repo';
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

const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` safe for a terminal: every unprintable character as `\uXXXX`. */
export function printable(text: string): string {
  return text.replace(
    UNPRINTABLE,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

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
