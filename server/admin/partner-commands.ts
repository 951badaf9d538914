// The call-partner commands of `npm run admin` (the staff screens do the same over HTTP): register
// a partner, assign and unassign callers, pause or end a partner, list them with their callers
// and the flag for three unanswered calls in a row. Partners are synced entries, so every change
// is a `partner.create` / `partner.update` applied by the same handlers as a staff member's push,
// as the quarter's console identity (sync/partner-writes.ts), in one write transaction: it gets
// a quarter version, a history row per field, and reaches the callers' devices with their next
// pull (an unassigned caller's device drops the partner). A refused change writes nothing.
import type { Kysely } from 'kysely';
import * as v from 'valibot';
import {
  CONSENT_FORMS,
  CONSENT_MISSING_MESSAGES,
  CONSENT_SCOPE_MAX,
  consentDay,
  consentMissing,
  PARTNER_STATUSES,
  type ConsentForm,
  type PartnerStatus,
} from '../../src/shared/kinds/partner-kind';
import { formatDateTime, printable } from '../console-text';
import type { Database } from '../db/tables';
import type { Quarter } from '../repos/quarter.repo';
import { listUsers, type User } from '../repos/user.repo';
import { MutationRejection } from '../sync/mutation-rejection';
import { partnerOverview, type PartnerOverview } from '../sync/partner-overview';
import {
  CallerRefusedError,
  PartnerNotFoundError,
  writePartners,
  type PartnerPlan,
  type PartnerValues,
  type PartnerWrites,
} from '../sync/partner-writes';
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
  /** The partner's consent: the day (yyyy-MM-dd), the form and what they agreed to. */
  consentOn?: string | undefined;
  consentForm?: string | undefined;
  consentScope?: string | undefined;
  positionals: string[];
}

export const STATUS_LABELS: Record<PartnerStatus, string> = {
  active: 'aktiv',
  paused: 'pausiert',
  ended: 'beendet',
};

/** How consent was given, as the console says it (German). */
export const CONSENT_FORM_LABELS: Record<ConsentForm, string> = {
  written: 'schriftlich',
  oral: 'mündlich (am Telefon)',
  electronic: 'elektronisch (E-Mail)',
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
    const consent = consentOf(options, now);
    const fields: PartnerValues = {
      name,
      phone,
      preferredTimes: options.times?.trim() ?? '',
      note: options.note ?? '',
      usualMinutes: whole(options.minutes, '--minutes', PARTNER_DEFAULTS.usualMinutes),
      callEveryDays: whole(options.every, '--every', PARTNER_DEFAULTS.callEveryDays),
      callers: [...new Set(callers)],
      status: 'active',
      ...consent,
    };
    const id = await asConsole(db, quarter, now, (writes) => writes.create(fields));
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
  parts.push(
    partner.consentForm !== '' && partner.consentOn !== ''
      ? `Einwilligung ${CONSENT_FORM_LABELS[partner.consentForm]} am ${printable(partner.consentOn)}`
      : 'Einwilligung noch nicht erfasst',
  );
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

/**
 * The consent the options record: all three, or none (then it is not recorded). The day is a
 * real calendar day, not in the future (`now`'s UTC day), and needs its form and vice versa.
 */
function consentOf(
  options: PartnerOptions,
  now: Date,
): Pick<PartnerValues, 'consentOn' | 'consentForm' | 'consentScope'> {
  const consentOn = options.consentOn?.trim() ?? '';
  if (!v.is(consentDay, consentOn)) {
    throw new PartnerInputError(
      `--consent-on braucht ein Datum als JJJJ-MM-TT, z. B. --consent-on 2026-03-03.`,
    );
  }
  if (consentOn > now.toISOString().slice(0, 10)) {
    throw new PartnerInputError('--consent-on darf nicht in der Zukunft liegen.');
  }
  const raw = options.consentForm?.trim() ?? '';
  const consentForm = CONSENT_FORMS.find((form) => form === raw) ?? '';
  if (raw !== '' && consentForm === '') {
    const allowed = CONSENT_FORMS.map((form) => `${form} (${CONSENT_FORM_LABELS[form]})`).join(
      ', ',
    );
    throw new PartnerInputError(`Unbekannte Form der Einwilligung „${raw}“. Erlaubt: ${allowed}.`);
  }
  const consentScope = options.consentScope?.trim() ?? '';
  if (consentScope.length > CONSENT_SCOPE_MAX) {
    throw new PartnerInputError(
      `--consent-scope darf höchstens ${CONSENT_SCOPE_MAX} Zeichen lang sein.`,
    );
  }
  const missing = consentMissing({ consentOn, consentForm });
  if (missing) throw new PartnerInputError(CONSENT_MISSING_MESSAGES[missing]);
  return { consentOn, consentForm, consentScope };
}

/** A whole number option, or its default. */
function whole(raw: string | undefined, option: string, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d{1,4}$/.test(raw.trim())) {
    throw new PartnerInputError(`${option} braucht eine ganze Zahl, z. B. ${option} ${fallback}.`);
  }
  return Number(raw.trim());
}

/**
 * Runs `work` as the console in one write transaction (sync/partner-writes.ts); a refused change
 * becomes an input error and nothing of the run is written.
 */
async function asConsole<T>(
  db: Kysely<Database>,
  quarter: Quarter,
  now: Date,
  work: (writes: PartnerWrites) => Promise<T>,
): Promise<T> {
  try {
    return await writePartners(db, quarter.id, { now }, work);
  } catch (error) {
    if (error instanceof PartnerNotFoundError) {
      throw new PartnerInputError(`Keine Gesprächsperson mit der Kennung ${error.message}.`);
    }
    if (error instanceof MutationRejection || error instanceof CallerRefusedError) {
      throw new PartnerInputError(error.message);
    }
    throw error;
  }
}

/**
 * Applies the change `plan` makes of the live partner `id` (undefined: nothing to change) in one
 * write transaction, so nobody's change can slip in between. Returns the partner's name when it
 * changed, undefined otherwise (then nothing is written, not even a new quarter version).
 */
async function changePartner(
  db: Kysely<Database>,
  quarter: Quarter,
  id: string,
  now: Date,
  plan: PartnerPlan,
): Promise<string | undefined> {
  const changed = await asConsole(db, quarter, now, (writes) => writes.change(id, plan));
  return changed?.name;
}
