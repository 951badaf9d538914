// The commands behind `npm run admin -- <command>`. Each takes parsed options and returns the
// lines to print; wrong input throws AdminInputError with a German message (exit code 2).
// Users and devices are not synced data, so nothing here waits for or affects devices' outboxes.
import type { Kysely } from 'kysely';
import { ROLES, type Role } from '../../src/shared/identity';
import type { Database } from '../db/tables';
import { PIN_PATTERN } from '../identity/pin-hash';
import { listDevices, revokeDevice } from '../repos/device.repo';
import { createEnrolmentCode } from '../repos/enrolment-code.repo';
import { findFirstQuarter, findQuarter, type Quarter } from '../repos/quarter.repo';
import { createUser, listUsers, setUserPin } from '../repos/user.repo';
import { describeDevice, describeUser, formatDateTime, ROLE_LABELS } from './admin-format';

export class AdminInputError extends Error {
  override name = 'AdminInputError';
}

export interface AdminOptions {
  name?: string | undefined;
  role?: string | undefined;
  quarter?: string | undefined;
  pin?: string | undefined;
  positionals: string[];
}

export interface AdminContext {
  db: Kysely<Database>;
  /** DEFAULT_QUARTER from the server's configuration. */
  defaultQuarter: string | undefined;
}

type Command = (ctx: AdminContext, options: AdminOptions) => Promise<string[]>;

export const COMMANDS: Record<string, Command> = {
  'create-user': async (ctx, options) => {
    const name = requireName(options.name);
    const role = requireRole(options.role);
    const pin = options.pin === undefined ? undefined : requirePin(options.pin);
    const quarter = await resolveQuarter(ctx, options.quarter);
    const user = await createUser(ctx.db, { quarterId: quarter.id, name, role, pin });
    if (!user) throw new AdminInputError(`Im ${quarterLabel(quarter)} gibt es schon „${name}“.`);
    return [
      `Angelegt: ${name} (${ROLE_LABELS[role]}) im ${quarterLabel(quarter)}.`,
      pin === undefined
        ? `Noch keine PIN: Anmelden geht erst nach: npm run admin -- set-pin --name "${name}" --pin …`
        : 'PIN gesetzt.',
      ...(await codeLines(ctx, quarter)),
    ];
  },
  'enrol-code': async (ctx, options) => codeLines(ctx, await resolveQuarter(ctx, options.quarter)),
  'set-pin': async (ctx, options) => {
    const name = requireName(options.name);
    const pin = requirePin(options.pin);
    const quarter = await resolveQuarter(ctx, options.quarter);
    if (!(await setUserPin(ctx.db, quarter.id, name, pin))) {
      throw new AdminInputError(`Im ${quarterLabel(quarter)} gibt es niemanden namens „${name}“.`);
    }
    return [`Neue PIN für ${name} gesetzt.`];
  },
  'list-users': async (ctx, options) => {
    const quarter = await resolveQuarter(ctx, options.quarter);
    const users = await listUsers(ctx.db, quarter.id);
    return [`Personen im ${quarterLabel(quarter)}: ${users.length}`, ...users.map(describeUser)];
  },
  'list-devices': async (ctx, options) => {
    const quarter = await resolveQuarter(ctx, options.quarter);
    const devices = await listDevices(ctx.db, quarter.id);
    return [
      `Geräte im ${quarterLabel(quarter)}: ${devices.length}`,
      ...devices.map(describeDevice),
    ];
  },
  'revoke-device': async (ctx, options) => {
    const [id, ...extra] = options.positionals;
    if (!id || extra.length > 0) {
      throw new AdminInputError('Bitte genau eine Geräte-Kennung angeben (siehe list-devices).');
    }
    const result = await revokeDevice(ctx.db, id);
    if (result === 'unknown') throw new AdminInputError(`Kein Gerät mit der Kennung ${id}.`);
    if (result === 'already-revoked') return [`Gerät ${id} war schon gesperrt.`];
    return [
      `Gerät ${id} gesperrt. Es braucht einen neuen Anmeldecode;`,
      'noch nicht übertragene Einträge bleiben auf dem Gerät erhalten.',
    ];
  },
};

async function codeLines(ctx: AdminContext, quarter: Quarter): Promise<string[]> {
  const { code, expiresAt } = await createEnrolmentCode(ctx.db, quarter.id);
  return [
    `Anmeldecode für ein Gerät: ${code}`,
    `Gültig bis ${formatDateTime(expiresAt)} Uhr, nur einmal verwendbar.`,
  ];
}

async function resolveQuarter(ctx: AdminContext, requested: string | undefined): Promise<Quarter> {
  const id = requested ?? ctx.defaultQuarter;
  const quarter = id ? await findQuarter(ctx.db, id) : await findFirstQuarter(ctx.db);
  if (quarter) return quarter;
  throw new AdminInputError(
    id
      ? `Das Quartier „${id}“ gibt es nicht.`
      : 'Auf diesem Server ist noch kein Quartier angelegt.',
  );
}

function quarterLabel(quarter: Quarter): string {
  return `Quartier „${quarter.name}“ (${quarter.id})`;
}

function requireName(raw: string | undefined): string {
  const name = raw?.trim() ?? '';
  if (name.length === 0) throw new AdminInputError('Bitte einen Namen angeben: --name "Erika M."');
  if (name.length > 80) throw new AdminInputError('Der Name ist zu lang (höchstens 80 Zeichen).');
  return name;
}

function requireRole(raw: string | undefined): Role {
  const role = ROLES.find((candidate) => candidate === raw?.trim());
  if (role) return role;
  const allowed = ROLES.map((r) => `${r} (${ROLE_LABELS[r]})`).join(', ');
  if (raw === undefined) throw new AdminInputError(`Bitte eine Rolle angeben: --role ${ROLES[0]}.`);
  throw new AdminInputError(`Unbekannte Rolle „${raw}“. Erlaubt: ${allowed}.`);
}

function requirePin(raw: string | undefined): string {
  if (raw !== undefined && PIN_PATTERN.test(raw)) return raw;
  throw new AdminInputError('Die PIN muss aus 4 bis 8 Ziffern bestehen, z. B. --pin 4711.');
}
