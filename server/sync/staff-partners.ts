// Call partners on the staff screens (issue 10): the list with callers by name and the flag
// after three unanswered calls (partner-overview.ts), and create / update as the staff member
// through the push's own handlers (partner-writes.ts, shared with `npm run admin`). Each change
// and its audit line commit together; the audit line names the changed fields only — never a
// partner's name, phone or note (the log is read by every staff member of the quarter), nor
// what the partner's consent says. A consent day without its form (or a form without its day)
// is refused with 400, judged with the values after the change.
// Conflicts: an update names the version the editor saw; if a caller's device or another staff
// member saved the partner since, nothing changes and the answer is 409 with the partner as it
// is now.
import type { Kysely } from 'kysely';
import type * as v from 'valibot';
import {
  CONSENT_MISSING_MESSAGES,
  consentMissing,
  PARTNER,
} from '../../src/shared/kinds/partner-kind';
import type {
  partnerCreateSchema,
  StaffPartner,
  StaffPartners,
} from '../../src/shared/staff/staff-upkeep';
import type { Database } from '../db/tables';
import { InvalidInputError, NotFoundError, VersionConflictError } from '../errors';
import { recordAudit } from '../repos/audit.repo';
import { listUsers, type User } from '../repos/user.repo';
import { MutationRejection } from './mutation-rejection';
import { partnerOverview, partnerOverviewOf, type PartnerOverview } from './partner-overview';
import {
  CallerRefusedError,
  PartnerIdTakenError,
  PartnerNotFoundError,
  PartnerStaleError,
  writePartners,
  type PartnerValues,
  type PartnerWrites,
} from './partner-writes';

/** The staff member making the change (http/staff-auth.ts `StaffActor` fits). */
export interface PartnerActor {
  userId: string;
  name: string;
  role: 'staff' | 'admin';
  quarterId: string;
}

type PartnerCreateRequest = v.InferOutput<typeof partnerCreateSchema>;

const NOT_FOUND = 'Diese Gesprächsperson gibt es nicht (mehr).';
const CONFLICT =
  'Jemand anderes hat diese Gesprächsperson inzwischen geändert. Ihre Änderung ist noch nicht ' +
  'gespeichert: bitte vergleichen und dann erneut speichern.';

/** GET /staff/partners */
export async function listStaffPartners(
  db: Kysely<Database>,
  quarterId: string,
): Promise<StaffPartners> {
  const people = await listUsers(db, quarterId);
  const partners = await partnerOverview(db, quarterId);
  return {
    partners: partners.map((partner) => staffPartner(partner, people)),
    people: people
      .filter((person) => person.disabled_at === null)
      .map(({ id, name, role }) => ({ id, name, role })),
  };
}

/** POST /staff/partners: a new partner (id given or a random UUID). */
export async function createStaffPartner(
  db: Kysely<Database>,
  actor: PartnerActor,
  request: PartnerCreateRequest,
  now: Date = new Date(),
): Promise<StaffPartner> {
  const values = Object.fromEntries(
    PARTNER.ownFieldNames.map((field) => [field, request[field]]),
  ) as PartnerValues;
  requireWholeConsent(values);
  const created = await asStaff(db, actor, now, async (writes) => {
    const newId = await writes.create(values, request.id);
    await recordAudit(
      writes.w.tx,
      {
        quarterId: actor.quarterId,
        actor: { userId: actor.userId, name: actor.name },
        action: 'partner.create',
        subjectType: 'partner',
        subjectId: newId,
        detail: { fields: Object.keys(values) },
      },
      now,
    );
    return newId;
  });
  return current(db, actor.quarterId, created);
}

/** PUT /staff/partners/:id: the given fields, from the version the editor saw. */
export async function updateStaffPartner(
  db: Kysely<Database>,
  actor: PartnerActor,
  id: string,
  expectedVersion: number,
  fields: Partial<PartnerValues>,
  now: Date = new Date(),
): Promise<StaffPartner> {
  await asStaff(db, actor, now, async (writes) => {
    const change = await writes.change(
      id,
      (partner) => {
        requireWholeConsent({ ...partner, ...definedOnly(fields) });
        return fields;
      },
      expectedVersion,
    );
    if (change === undefined) return;
    await recordAudit(
      writes.w.tx,
      {
        quarterId: actor.quarterId,
        actor: { userId: actor.userId, name: actor.name },
        action: 'partner.update',
        subjectType: 'partner',
        subjectId: id,
        detail: { fields: change.fields },
      },
      now,
    );
  });
  return current(db, actor.quarterId, id);
}

/** A consent day needs its form and a form its day (with the values after the change). */
function requireWholeConsent(values: Partial<PartnerValues>): void {
  const missing = consentMissing(values);
  if (missing) throw new InvalidInputError(CONSENT_MISSING_MESSAGES[missing]);
}

function definedOnly(fields: Partial<PartnerValues>): Partial<PartnerValues> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<PartnerValues>;
}

/** Runs a partner write as the staff member; the service's refusals become API errors. */
async function asStaff<T>(
  db: Kysely<Database>,
  actor: PartnerActor,
  now: Date,
  work: (writes: PartnerWrites) => Promise<T>,
): Promise<T> {
  try {
    return await writePartners(
      db,
      actor.quarterId,
      { now, as: { userId: actor.userId, role: actor.role } },
      work,
    );
  } catch (error) {
    if (error instanceof PartnerNotFoundError) throw new NotFoundError(NOT_FOUND);
    if (error instanceof PartnerStaleError) {
      // Read after the rollback: the partner as it is now, for "Jetzt gespeichert".
      const saved = await partnerOverviewOf(db, actor.quarterId, error.id);
      const people = saved ? await listUsers(db, actor.quarterId) : [];
      throw new VersionConflictError(
        error.currentVersion,
        CONFLICT,
        saved ? staffPartner(saved, people) : null,
      );
    }
    if (error instanceof PartnerIdTakenError) {
      throw new InvalidInputError('Diese Kennung ist schon vergeben. Bitte ohne Kennung anlegen.');
    }
    if (error instanceof CallerRefusedError) throw new InvalidInputError(error.message);
    if (error instanceof MutationRejection) {
      if (error.code === 'unknown_entry') throw new NotFoundError(NOT_FOUND);
      throw new InvalidInputError(error.message);
    }
    throw error;
  }
}

async function current(db: Kysely<Database>, quarterId: string, id: string): Promise<StaffPartner> {
  const partner = await partnerOverviewOf(db, quarterId, id);
  if (!partner) throw new NotFoundError(NOT_FOUND);
  return staffPartner(partner, await listUsers(db, quarterId));
}

/** The partner with its callers by name (an id the quarter does not know is shown as it is). */
function staffPartner(partner: PartnerOverview, people: readonly User[]): StaffPartner {
  return {
    id: partner.id,
    version: partner.version,
    name: partner.name,
    phone: partner.phone,
    preferredTimes: partner.preferredTimes,
    note: partner.note,
    usualMinutes: partner.usualMinutes,
    callEveryDays: partner.callEveryDays,
    status: partner.status,
    consentOn: partner.consentOn,
    consentForm: partner.consentForm,
    consentScope: partner.consentScope,
    callers: partner.callers.map((id) => {
      const person = people.find((candidate) => candidate.id === id);
      return { id, name: person?.name ?? id, active: person?.disabled_at === null };
    }),
    lastCallAt: partner.lastCallAt,
    unansweredInARow: partner.unansweredInARow,
    flagged: partner.flagged,
  };
}
