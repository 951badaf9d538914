// People, devices and the audit log on the staff screens (issue 10), requests and answers,
// shared by the staff screens and the server (docs/api.md, "Staff", "People, devices, audit
// log"). Who may do what (server/identity/staff-people.service.ts):
// - Staff and admins create volunteers and staff; only an admin creates an admin.
// - A volunteer gets a PIN (for the tablets) and never a password; staff and admins get a
//   password (for these screens) and may get a PIN too, to log on a tablet.
// - Staff reset PINs and lock/unlock volunteers and staff; an admin's only an admin. Nobody locks
//   themselves (the quarter must not end up without anyone able to unlock).
// - A password is set by its owner or by an admin; it ends the person's other staff sessions.
// - Locking disables the person: every session on tablets and staff screens ends at once, their
//   entries stay. Unlocking enables them again and lifts a lock after wrong PINs or passwords.
import * as v from 'valibot';
import { personNameSchema, ROLES } from '../identity';
import { int, isInstant, plainId } from '../text';
import { auditShowSchema } from './audit-actions';
import { newPasswordSchema } from './staff-session';

const serverText = (max: number) => v.pipe(v.string(), v.maxLength(max));
const serverInstant = v.pipe(serverText(32), v.check(isInstant));
const nullableInstant = v.nullable(serverInstant);

/**
 * A new PIN as typed, at most 16 characters. The rules (4–6 digits, not trivial) are
 * `pinProblem`: the screen checks them while typing, the server with the same function, and
 * answers its German reason (a schema issue would only name the field).
 */
export const newPinSchema = v.pipe(v.string(), v.maxLength(16));

/** POST /staff/people. */
export const createPersonRequestSchema = v.object({
  name: personNameSchema,
  role: v.picklist(ROLES),
  pin: v.optional(newPinSchema),
  password: v.optional(newPasswordSchema),
});
export type CreatePersonRequest = v.InferInput<typeof createPersonRequestSchema>;

/** POST /staff/people/:id/pin. */
export const setPinRequestSchema = v.object({ pin: newPinSchema });
export type SetPinRequest = v.InferInput<typeof setPinRequestSchema>;

/** POST /staff/people/:id/password (the rules: `passwordProblem`). */
export const setPasswordRequestSchema = v.object({ password: newPasswordSchema });
export type SetPasswordRequest = v.InferInput<typeof setPasswordRequestSchema>;

/** One person as staff see them: never a PIN or a password, only whether one is set. */
export const staffPersonSchema = v.object({
  id: serverText(64),
  name: serverText(300),
  role: v.picklist(ROLES),
  hasPin: v.boolean(),
  hasPassword: v.boolean(),
  /** Locked by staff (cannot sign in anywhere) since this instant; null: active. */
  disabledAt: nullableInstant,
  /** Too many wrong PINs in a row: tablet sign-in locked until a new PIN or an unlock. */
  pinLocked: v.boolean(),
  /** Too many wrong passwords in a row: staff sign-in locked until a new password or unlock. */
  passwordLocked: v.boolean(),
  /** A demo person (`npm run demo:remove` disables them). */
  isExample: v.boolean(),
  createdAt: serverInstant,
});
export type StaffPerson = v.InferOutput<typeof staffPersonSchema>;

export const staffPeopleResponseSchema = v.object({ people: v.array(staffPersonSchema) });
export type StaffPeopleResponse = v.InferOutput<typeof staffPeopleResponseSchema>;

export const staffDeviceSchema = v.object({
  id: serverText(64),
  label: serverText(300),
  createdAt: serverInstant,
  /** Last request of the device (written at most once a minute); null: never since enrolment. */
  lastSeenAt: nullableInstant,
  /** `X-App-Version` of its last request; null: never said. */
  appVersion: v.nullable(serverText(64)),
  /** Changes it said still wait in its outbox (`X-Outbox-Waiting`); null: never said. */
  waitingCount: v.nullable(int(0)),
  /** Its last push that applied at least one change; null: never. */
  lastDeliveredAt: nullableInstant,
  revokedAt: nullableInstant,
  /** Stands out: see `deliveryState` in src/domain/device-delivery.ts (3 days). */
  stale: v.boolean(),
});
export type StaffDevice = v.InferOutput<typeof staffDeviceSchema>;

export const staffDevicesResponseSchema = v.object({ devices: v.array(staffDeviceSchema) });
export type StaffDevicesResponse = v.InferOutput<typeof staffDevicesResponseSchema>;

/** POST /staff/enrolment-codes: a one-time code for a new tablet, shown as text and QR code. */
export const enrolmentCodeResponseSchema = v.object({
  /** As people type it, e.g. `K7QM-3XPA-HW9D`. */
  code: v.pipe(serverText(64), v.minLength(1)),
  expiresAt: serverInstant,
});
export type EnrolmentCodeResponse = v.InferOutput<typeof enrolmentCodeResponseSchema>;

export const AUDIT_PAGE_MAX = 200;

/**
 * GET /staff/audit?show=&before=&beforeId=&limit=: `before` and `beforeId` are the `at` and `id`
 * of the last line already shown (the answer's `nextBefore`, `nextBeforeId`): the next page
 * starts right below it, also inside a group of lines of the same instant. `show`: every line
 * (default), only changes or only reads (audit-actions.ts).
 */
export const auditQuerySchema = v.object({
  show: v.optional(auditShowSchema),
  before: v.optional(v.pipe(v.string(), v.maxLength(24), v.check(isInstant, 'Zeitpunkt in UTC'))),
  beforeId: v.optional(plainId(64)),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[0-9]{1,3}$/, 'Zahl 1–200'),
      v.transform(Number),
      int(1, AUDIT_PAGE_MAX),
    ),
  ),
});
export type AuditQuery = v.InferInput<typeof auditQuerySchema>;

export const auditEntrySchema = v.object({
  id: serverText(64),
  at: serverInstant,
  /** null: the server itself, the command line, or a tablet (`read.pull`: its label). */
  actorUserId: v.nullable(serverText(64)),
  actorName: serverText(300),
  /** `<thing>.<verb>`, e.g. `person.lock`, `activity.update`, `export.csv`. */
  action: serverText(64),
  subjectType: serverText(64),
  subjectId: serverText(300),
  /**
   * The person's name or the device's label as of now, where the subject is one; for a line
   * naming people (`detail.people`, a pull) their names as of now; else null.
   */
  subjectLabel: v.nullable(serverText(300)),
  /** Field names and non-personal values. */
  detail: v.record(v.string(), v.unknown()),
});
export type AuditEntryView = v.InferOutput<typeof auditEntrySchema>;

export const auditResponseSchema = v.object({
  entries: v.array(auditEntrySchema),
  /** Pass as `before` for the next (older) page; null: this was the last. */
  nextBefore: v.nullable(serverInstant),
  /** Pass as `beforeId` with `before`; null with it. */
  nextBeforeId: v.nullable(serverText(64)),
});
export type AuditResponse = v.InferOutput<typeof auditResponseSchema>;

/** Path parameter of the people and device routes. */
export const staffIdParamsSchema = v.object({ id: plainId(64) });
