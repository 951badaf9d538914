// The commands behind `npm run admin -- <command>`. Each takes parsed options and returns the
// lines to print; wrong input throws AdminInputError with a German message (exit code 2).
// Users and devices are not synced data, so nothing here waits for or affects devices' outboxes.
// Call partners are synced entries: their commands (partner-commands.ts) write through the
// push's mutation handlers, as the quarter's console identity.
import type { Kysely } from 'kysely';
import { ROLES, type Role } from '../../src/shared/identity';
import { pinProblem } from '../../src/shared/pin-rules';
import type { Database } from '../db/tables';
import { DEMO_INSTITUTIONS, DEMO_QUARTER, DEMO_THEMES } from '../demo/demo-facts';
import { putInstitution, putTheme } from '../repos/catalogue.repo';
import { listDevices, revokeDevice } from '../repos/device.repo';
import { createEnrolmentCode } from '../repos/enrolment-code.repo';
import { listPersonSessions, revokePersonSession } from '../repos/person-session.repo';
import { createQuarter, findFirstQuarter, findQuarter, type Quarter } from '../repos/quarter.repo';
import { beginWrite } from '../repos/quarter-version.repo';
import { lockedSignInNames, unlockSignIn } from '../repos/sign-in-guard.repo';
import {
  createUser,
  InvalidNameError,
  listUsers,
  setUserPassword,
  setUserPin,
} from '../repos/user.repo';
import { InvalidPasswordError } from '../repos/user-password.repo';
import { recordAudit } from '../repos/audit.repo';
import { describeDevice, describeSession, describeUser, ROLE_LABELS } from './admin-format';
import { formatDateTime, printable } from '../console-text';
import { putDefaultTopics } from '../quarters/default-topics';
import { runRetention } from '../retention/retention.job';
import {
  loadRetention,
  RETENTION_KINDS,
  type RetentionDays,
  type RetentionKind,
} from '../retention/retention-rules';
import { PARTNER_COMMANDS, PartnerInputError, type PartnerOptions } from './partner-commands';

export class AdminInputError extends Error {
  override name = 'AdminInputError';
}

export interface AdminOptions extends PartnerOptions {
  name?: string | undefined;
  role?: string | undefined;
  quarter?: string | undefined;
  pin?: string | undefined;
  /** create-user: ask for a staff password on standard input (never given on the command line). */
  password?: boolean | undefined;
  positionals: string[];
}

export interface AdminContext {
  db: Kysely<Database>;
  /** DEFAULT_QUARTER from the server's configuration. */
  defaultQuarter: string | undefined;
  /** Reads a password from standard input (admin/read-secret.ts); tests pass their own. */
  readSecret?: (prompt: string) => Promise<string>;
  /** The retention periods of the configuration (RETENTION_<KIND>_DAYS); defaults if absent. */
  retention?: RetentionDays;
  /** "Now" for the retention command (tests move it). */
  now?: Date;
}

type Command = (ctx: AdminContext, options: AdminOptions) => Promise<string[]>;

/** The partner commands, in the quarter of `--quarter` (or the default one). */
const partnerCommands: Record<string, Command> = Object.fromEntries(
  Object.entries(PARTNER_COMMANDS).map(([name, command]) => [
    name,
    async (ctx: AdminContext, options: AdminOptions) => {
      const quarter = await resolveQuarter(ctx, options.quarter);
      try {
        return await command(ctx.db, quarter, options, new Date());
      } catch (error) {
        if (error instanceof PartnerInputError) throw new AdminInputError(error.message);
        throw error;
      }
    },
  ]),
);

export const COMMANDS: Record<string, Command> = {
  ...partnerCommands,
  'create-user': async (ctx, options) => {
    const name = requireName(options.name);
    const role = requireRole(options.role);
    const pin = options.pin === undefined ? undefined : requirePin(options.pin);
    if (options.password && role === 'volunteer') throw new AdminInputError(NO_VOLUNTEER_PASSWORD);
    const quarter = await resolveQuarter(ctx, options.quarter);
    const password = options.password ? await readPassword(ctx) : undefined;
    const user = await createUser(ctx.db, {
      quarterId: quarter.id,
      name,
      role,
      ...(pin === undefined ? {} : { pin }),
      ...(password === undefined ? {} : { password }),
    }).catch((error: unknown) => {
      if (error instanceof InvalidNameError || error instanceof InvalidPasswordError) {
        throw new AdminInputError(error.message);
      }
      throw error;
    });
    if (!user) throw new AdminInputError(`Im ${quarterLabel(quarter)} gibt es schon „${name}“.`);
    return [
      `Angelegt: ${name} (${ROLE_LABELS[role]}) im ${quarterLabel(quarter)}.`,
      pin === undefined
        ? `Noch keine PIN: Anmelden geht erst nach: npm run admin -- set-pin --name "${name}" --pin …`
        : 'PIN gesetzt.',
      ...(password === undefined ? [] : ['Passwort für die Team-Ansicht gesetzt.']),
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
    return [`Neue PIN für ${name} gesetzt; eine Sperre der Anmeldung ist aufgehoben.`];
  },
  'set-password': async (ctx, options) => {
    const [positional, ...extra] = options.positionals;
    if (extra.length > 0 || (positional !== undefined && options.name !== undefined)) {
      throw new AdminInputError('Bitte genau einen Namen angeben: set-password "Petra L."');
    }
    const name = requireName(options.name ?? positional);
    const quarter = await resolveQuarter(ctx, options.quarter);
    const user = (await listUsers(ctx.db, quarter.id)).find((candidate) => candidate.name === name);
    if (!user) {
      throw new AdminInputError(`Im ${quarterLabel(quarter)} gibt es niemanden namens „${name}“.`);
    }
    if (user.role === 'volunteer') throw new AdminInputError(NO_VOLUNTEER_PASSWORD);
    const password = await readPassword(ctx);
    const now = new Date();
    await setUserPassword(ctx.db, quarter.id, user.id, password, { now }).catch(
      (error: unknown) => {
        if (error instanceof InvalidPasswordError) throw new AdminInputError(error.message);
        throw error;
      },
    );
    await recordAudit(
      ctx.db,
      {
        quarterId: quarter.id,
        actor: { userId: null, name: CONSOLE_ACTOR },
        action: 'person.password_set',
        subjectType: 'person',
        subjectId: user.id,
        detail: { own: false },
      },
      now,
    );
    return [
      `Neues Passwort für ${name} gesetzt. Anmeldungen in der Team-Ansicht mit dem alten sind`,
      'beendet; eine Sperre nach falschen Passwörtern ist aufgehoben.',
    ];
  },
  unlock: async (ctx, options) => {
    const name = requireName(options.name);
    const quarter = await resolveQuarter(ctx, options.quarter);
    const users = await listUsers(ctx.db, quarter.id);
    if (!users.some((user) => user.name === name)) {
      throw new AdminInputError(`Im ${quarterLabel(quarter)} gibt es niemanden namens „${name}“.`);
    }
    return (await unlockSignIn(ctx.db, quarter.id, name))
      ? [`Anmeldung für ${name} entsperrt. Falsche PINs zählen von vorn.`]
      : [`Die Anmeldung für ${name} war nicht gesperrt; falsche PINs zählen von vorn.`];
  },
  'list-users': async (ctx, options) => {
    const quarter = await resolveQuarter(ctx, options.quarter);
    const users = await listUsers(ctx.db, quarter.id);
    const locked = await lockedSignInNames(ctx.db, quarter.id);
    return [
      `Personen im ${quarterLabel(quarter)}: ${users.length}`,
      ...users.map((user) => describeUser(user, locked.has(user.name))),
    ];
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
  'list-sessions': async (ctx, options) => {
    const quarter = await resolveQuarter(ctx, options.quarter);
    const sessions = await listPersonSessions(ctx.db, quarter.id);
    return [
      `Anmeldungen von Personen auf Geräten im ${quarterLabel(quarter)}: ${sessions.length}`,
      ...sessions.map(describeSession),
    ];
  },
  'revoke-session': async (ctx, options) => {
    const [id, ...extra] = options.positionals;
    if (!id || extra.length > 0) {
      throw new AdminInputError(
        'Bitte genau eine Anmeldungs-Kennung angeben (siehe list-sessions).',
      );
    }
    const result = await revokePersonSession(ctx.db, id);
    if (result === 'unknown') throw new AdminInputError(`Keine Anmeldung mit der Kennung ${id}.`);
    if (result === 'already-revoked') return [`Anmeldung ${id} war schon beendet.`];
    return [
      `Anmeldung ${id} beendet: Das Gerät kann für diese Person nichts mehr senden oder zeigen,`,
      'bis sie sich dort wieder anmeldet; ihre noch nicht übertragenen Einträge bleiben erhalten.',
    ];
  },
  // The server runs this every hour; here it runs now, for every quarter.
  retention: async (ctx) => {
    const days = ctx.retention ?? loadRetention({});
    const report = await runRetention(ctx.db, days, ctx.now ?? new Date());
    return [
      'Gelöscht, was seine Frist überschritten hat (docs/loeschkonzept.md):',
      ...RETENTION_KINDS.map(
        (kind) => `  ${RETENTION_WORDS[kind]} (nach ${days[kind]} Tagen): ${report[kind]}`,
      ),
    ];
  },
  'create-quarter': async (ctx, options) => {
    const id = requireQuarterId(options.quarter);
    const name = requireName(options.name);
    if (id === DEMO_QUARTER.id) {
      throw new AdminInputError(`Die Kennung „${id}“ ist für das Demo-Quartier reserviert.`);
    }
    const now = new Date();
    // The quarter and its facts in one go: a half-created quarter would never be completed.
    const created = await ctx.db.transaction().execute(async (tx) => {
      if (!(await createQuarter(tx, { id, name }, now))) return false;
      const w = await beginWrite(tx, id, now);
      for (const theme of DEMO_THEMES) await putTheme(w, theme);
      for (const institution of DEMO_INSTITUTIONS) await putInstitution(w, institution);
      await putDefaultTopics(w);
      return true;
    });
    if (!created) throw new AdminInputError(`Das Quartier „${id}“ gibt es schon.`);
    return [
      `Quartier „${name}“ (${id}) angelegt, mit den fünf Themen und den beteiligten`,
      'Einrichtungen aus dem Projektbericht 2018 und den Themen für Beratungen.',
      'Als Nächstes: create-user --quarter ' + id,
    ];
  },
};

/** What each retention kind deletes, in the words of docs/loeschkonzept.md. */
const RETENTION_WORDS: Record<RetentionKind, string> = {
  notes: 'Notizen in Einträgen geleert',
  entries: 'Einträge ohne Inhalt (nur noch gezählt)',
  history: 'frühere Werte',
  endedPartners: 'beendete Gesprächspersonen',
  routes: 'GPS-Wegstücke',
  pushLog: 'Zeilen des Übertragungsprotokolls',
  audit: 'Zeilen des Änderungsprotokolls',
  readAudit: 'Zeilen des Protokolls der Lesezugriffe',
};

const NO_VOLUNTEER_PASSWORD =
  'Ehrenamtliche melden sich mit ihrer PIN am Tablet an und bekommen kein Passwort. ' +
  'Für die Team-Ansicht bitte die Rolle staff oder admin wählen.';

/** Who the audit log names for changes made here. */
const CONSOLE_ACTOR = 'Server-Konsole (npm run admin)';

/** The password from standard input (never from the command line), checked later by the repo. */
async function readPassword(ctx: AdminContext): Promise<string> {
  if (!ctx.readSecret) throw new AdminInputError('Hier kann kein Passwort eingegeben werden.');
  try {
    return await ctx.readSecret('Neues Passwort (mindestens 10 Zeichen)');
  } catch (error) {
    if (error instanceof Error && error.name === 'SecretInputError') {
      throw new AdminInputError(error.message);
    }
    throw error;
  }
}

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
  return `Quartier „${printable(quarter.name)}“ (${printable(quarter.id)})`;
}

/** Quarter ids appear in pull cookies (dot-separated) and URLs: lower-case letters, digits, -. */
function requireQuarterId(raw: string | undefined): string {
  const id = raw?.trim() ?? '';
  if (/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) return id;
  throw new AdminInputError(
    'Bitte eine Kennung für das Quartier angeben, aus Kleinbuchstaben, Ziffern und -: ' +
      '--quarter krefeld-sued',
  );
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

/** 4–6 digits and not trivial (src/shared/pin-rules.ts); the message says what is wrong. */
function requirePin(raw: string | undefined): string {
  if (raw === undefined) throw new AdminInputError('Bitte eine PIN angeben, z. B. --pin 4711.');
  const problem = pinProblem(raw);
  if (problem === undefined) return raw;
  throw new AdminInputError(`${problem} Bitte eine andere wählen, z. B. --pin 4711.`);
}
