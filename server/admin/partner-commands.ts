// The call-partner commands of `npm run admin` (staff screens come later): register a partner,
// assign and unassign callers, pause or end a partner, list them with their callers and the
// flag for three unanswered calls in a row. Partners are synced entries, so every change is a
// `partner.create` / `partner.update` applied by the same handlers as a staff member's push,
// as the quarter's console identity (sync/console-writes.ts), in one write transaction: it gets
// a quarter version, a history row per field, and reaches the callers' devices with their next
// pull (an unassigned caller's device drops the partner). A refused change writes nothing.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ValuesOf } from '../../src/shared/entry-kinds';
import { PARTNER_STATUSES, type PartnerStatus } from '../../src/shared/kinds/partner-kind';
import { formatDateTime, printable } from '../console-text';
import { readValues } from '../db/entry-row';
import type { Database } from '../db/tables';
import { findEntry } from '../repos/entry.repo';
import { writeInQuarter, type WriteContext } from '../repos/quarter-version.repo';
import type { Quarter } from '../repos/quarter.repo';
import { listUsers, type User } from '../repos/user.repo';
import { consoleWriter, type ConsoleWriter } from '../sync/console-writes';
import { MutationRejection } from '../sync/mutation-rejection';
import { partnerOverview, type PartnerOverview } from '../sync/partner-overview';
import { PARTNER_FLAG_AFTER } from '../../src/domain/partner-calls';

export class PartnerInputError extends Error {
  override name = 'PartnerInputError';
}

export interface PartnerOptions {
  name?: string | undefined;
  phone?: string | undefined;
  times?: string | undefined;
  minutes?: string | undefined;
  every?: string | undefined;
  note?: string | undefined;
  caller?: string[] | undefined;
  status?: string | undefined;
  positionals: string[];
}

export const STATUS_LABELS: Record<PartnerStatus, string> = {
  active: 'aktiv',
  paused: 'pausiert',
  ended: 'beendet',
};

/** What "Alles gut" logs and how often a call is planned, unless the command says otherwise. */
export const PARTNER_DEFAULTS = { usualMinutes: 15, callEveryDays: 7 } as const;

type PartnerCommand = (
  db: Kysely<Database>,
  quarter: Quarter,
  options: PartnerOptions,
  now: Date,
) => Promise<string[]>;

export const PARTNER_COMMANDS: Record<string, PartnerCommand> = {
  'create-partner': async (db, quarter, options, now) => {
    const name = options.name?.trim() ?? '';
    if (name === '') throw new PartnerInputError('Bitte einen Namen angeben: --name "Frau K."');
    const phone = options.phone?.trim() ?? '';
    if (phone === '') {
      throw new PartnerInputError('Bitte eine Telefonnummer angeben: --phone "02151 123456"');
    }
    const people = await listUsers(db, quarter.id);
    const callers = (options.caller ?? []).map((caller) => findCaller(people, caller).id);
    const id = randomUUID();
    const fields: ValuesOf<'partner'> = {
      occurredAt: now.toISOString(),
      concern: false,
      name,
      phone,
      preferredTimes: options.times?.trim() ?? '',
      note: options.note ?? '',
      usualMinutes: whole(options.minutes, '--minutes', PARTNER_DEFAULTS.usualMinutes),
      callEveryDays: whole(options.every, '--every', PARTNER_DEFAULTS.callEveryDays),
      callers: [...new Set(callers)],
      status: 'active',
    };
    await asConsole(db, quarter, now, (writer) =>
      writer.apply({ name: 'partner.create', v: 1, args: { id, ...fields } }),
    );
    const names = namesOf(people, fields.callers);
    return [
      `Gesprächsperson „${name}“ angelegt: ${id}`,
      names.length > 0
        ? `Anrufende: ${names.join(', ')} – ihre Geräte haben sie nach dem nächsten Abgleich.`
        : `Noch niemand ruft an: npm run admin -- assign-caller ${id} --caller "…"`,
    ];
  },
  'assign-caller': async (db, quarter, options, now) => {
    const id = partnerId(options);
    const caller = findCaller(await listUsers(db, quarter.id), requireCaller(options));
    const changed = await changePartner(db, quarter, id, now, (partner) =>
      partner.callers.includes(caller.id)
        ? undefined
        : { callers: [...partner.callers, caller.id] },
    );
    return changed
      ? [`${caller.name} ruft jetzt „${changed}“ an (nach dem nächsten Abgleich auf dem Gerät).`]
      : [`${caller.name} war schon eingetragen; nichts geändert.`];
  },
  'unassign-caller': async (db, quarter, options, now) => {
    const id = partnerId(options);
    const caller = findCaller(await listUsers(db, quarter.id), requireCaller(options));
    const changed = await changePartner(db, quarter, id, now, (partner) =>
      partner.callers.includes(caller.id)
        ? { callers: partner.callers.filter((userId) => userId !== caller.id) }
        : undefined,
    );
    return changed
      ? [
          `${caller.name} ruft „${changed}“ nicht mehr an; ihre Geräte entfernen die`,
          'Gesprächsperson beim nächsten Abgleich. Die Anrufe bleiben erhalten.',
        ]
      : [`${caller.name} war nicht eingetragen; nichts geändert.`];
  },
  'set-partner-status': async (db, quarter, options, now) => {
    const id = partnerId(options);
    const status = requireStatus(options.status);
    const changed = await changePartner(db, quarter, id, now, (partner) =>
      partner.status === status ? undefined : { status },
    );
    return changed
      ? [`„${changed}“ ist jetzt ${STATUS_LABELS[status]}.`]
      : [`Die Gesprächsperson war schon ${STATUS_LABELS[status]}; nichts geändert.`];
  },
  'list-partners': async (db, quarter) => {
    const people = await listUsers(db, quarter.id);
    const partners = await partnerOverview(db, quarter.id);
    const flagged = partners.filter((partner) => partner.flagged).length;
    return [
      `Gesprächspersonen: ${partners.length}, davon ${flagged} ${PARTNER_FLAG_AFTER}× oder öfter in Folge nicht erreicht`,
      ...partners.map((partner) => describePartner(partner, people)),
    ];
  },
};

/** One line per partner; text from the database through `printable` (admin-format.ts). */
export function describePartner(partner: PartnerOverview, people: readonly User[]): string {
  const callers = namesOf(people, partner.callers);
  const parts = [
    printable(partner.name),
    printable(partner.phone),
    STATUS_LABELS[partner.status],
    `alle ${partner.callEveryDays} Tage, ${partner.usualMinutes} Min.`,
    callers.length > 0 ? `Anrufende: ${callers.map(printable).join(', ')}` : 'niemand ruft an',
    partner.lastCallAt ? `letzter Anruf ${formatDateTime(partner.lastCallAt)}` : 'noch kein Anruf',
  ];
  if (partner.preferredTimes) parts.push(`gute Zeiten: ${printable(partner.preferredTimes)}`);
  if (partner.flagged) parts.push(`${partner.unansweredInARow}× NICHT ERREICHT`);
  return `  ${parts.join(' · ')} · ${printable(partner.id)}`;
}

/** Names of `ids` as the quarter knows them; an unknown id is shown as it is. */
function namesOf(people: readonly User[], ids: readonly string[]): string[] {
  return ids.map((id) => people.find((person) => person.id === id)?.name ?? id);
}

/** A person of the quarter by name (as sign-in has it) or id; an active one. */
function findCaller(people: readonly User[], nameOrId: string): User {
  const wanted = nameOrId.trim();
  const person =
    people.find((candidate) => candidate.name === wanted) ??
    people.find((candidate) => candidate.id === wanted);
  if (!person) throw new PartnerInputError(`Im Quartier gibt es niemanden namens „${wanted}“.`);
  if (person.disabled_at !== null) {
    throw new PartnerInputError(`„${person.name}“ ist deaktiviert und kann niemanden anrufen.`);
  }
  return person;
}

function requireCaller(options: PartnerOptions): string {
  const [caller, ...more] = options.caller ?? [];
  if (caller === undefined || more.length > 0) {
    throw new PartnerInputError('Bitte genau eine Person angeben: --caller "Erika M."');
  }
  return caller;
}

function partnerId(options: PartnerOptions): string {
  const [id, ...extra] = options.positionals;
  if (!id || extra.length > 0) {
    throw new PartnerInputError(
      'Bitte genau eine Kennung einer Gesprächsperson angeben (siehe list-partners).',
    );
  }
  return id;
}

function requireStatus(raw: string | undefined): PartnerStatus {
  const status = PARTNER_STATUSES.find((candidate) => candidate === raw?.trim());
  if (status) return status;
  const allowed = PARTNER_STATUSES.map((s) => `${s} (${STATUS_LABELS[s]})`).join(', ');
  throw new PartnerInputError(
    raw === undefined
      ? `Bitte einen Status angeben: --status paused. Erlaubt: ${allowed}.`
      : `Unbekannter Status „${raw}“. Erlaubt: ${allowed}.`,
  );
}

/** A whole number option, or its default. */
function whole(raw: string | undefined, option: string, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,4}$/.test(raw.trim())) {
    throw new PartnerInputError(`${option} braucht eine ganze Zahl, z. B. ${option} ${fallback}.`);
  }
  return Number(raw.trim());
}

/** Thrown inside the transaction when there is nothing to change: it rolls back, no version. */
class NothingToChange extends Error {}

/**
 * Runs `work` as the console in one write transaction; a refused change becomes an input error
 * and nothing of the run is written.
 */
async function asConsole(
  db: Kysely<Database>,
  quarter: Quarter,
  now: Date,
  work: (writer: ConsoleWriter, w: WriteContext) => Promise<void>,
): Promise<void> {
  try {
    await writeInQuarter(db, quarter.id, async (w) => work(await consoleWriter(w, now), w), {
      now,
    });
  } catch (error) {
    if (error instanceof MutationRejection) throw new PartnerInputError(error.message);
    throw error;
  }
}

/**
 * Reads the live partner `id` and applies the change `plan` makes of it (undefined: nothing to
 * change) as a `partner.update` from its current version, in one write transaction, so nobody's
 * change can slip in between. Returns the partner's name when it changed, undefined otherwise
 * (then nothing is written, not even a new quarter version).
 */
async function changePartner(
  db: Kysely<Database>,
  quarter: Quarter,
  id: string,
  now: Date,
  plan: (partner: ValuesOf<'partner'>) => Partial<ValuesOf<'partner'>> | undefined,
): Promise<string | undefined> {
  let changedName: string | undefined;
  try {
    await asConsole(db, quarter, now, async (writer, w) => {
      const entry = await findEntry(w, id);
      if (!entry || entry.kind !== 'partner' || entry.deleted === 1) {
        throw new PartnerInputError(`Keine Gesprächsperson mit der Kennung ${id}.`);
      }
      const partner = readValues(entry) as ValuesOf<'partner'>;
      const fields = plan(partner);
      if (fields === undefined) throw new NothingToChange();
      await writer.apply({
        name: 'partner.update',
        v: 1,
        args: { id, baseVersion: entry.version, fields },
      });
      changedName = partner.name;
    });
  } catch (error) {
    if (error instanceof NothingToChange) return undefined;
    throw error;
  }
  return changedName;
}
