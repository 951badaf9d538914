// Staff sign-in (issue 10): staff and admins sign in to the staff screens with a password of
// their own, never with a device PIN. The server answers with an HttpOnly cookie (`qb_staff`,
// SameSite=Strict, path /api/v1/staff) that holds `<sessionId>.<secret>`; scripts never see
// it. The session ends after STAFF_IDLE_MINUTES without use, after STAFF_SESSION_HOURS in any
// case, on sign-out, and when the person is locked or loses the staff role.
import * as v from 'valibot';
import { personNameSchema, ROLES } from '../identity';
import { isCleanText, plainId } from '../text';

export const STAFF_COOKIE = 'qb_staff';
export const STAFF_PASSWORD_MIN = 10;
export const STAFF_PASSWORD_MAX = 200;
export const STAFF_IDLE_MINUTES = 30;
export const STAFF_SESSION_HOURS = 12;

/** Roles that may use the staff screens. */
export const STAFF_ROLES: readonly (typeof ROLES)[number][] = ['staff', 'admin'];

/** A password as typed: not trimmed (spaces count), one line, 1–200 characters. */
const typedPassword = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(STAFF_PASSWORD_MAX),
  v.check((text) => isCleanText(text), 'Steuerzeichen im Passwort'),
);

export const staffSignInRequestSchema = v.object({
  quarterId: plainId(64),
  name: personNameSchema,
  password: typedPassword,
});
export type StaffSignInRequest = v.InferInput<typeof staffSignInRequestSchema>;

/** A new password: at least STAFF_PASSWORD_MIN characters (checked by `passwordProblem`). */
export const newPasswordSchema = typedPassword;

/** German reason why a new password is refused, or undefined when it is fine. */
export function passwordProblem(password: string, name = ''): string | undefined {
  if ([...password].length < STAFF_PASSWORD_MIN) {
    return `Das Passwort braucht mindestens ${STAFF_PASSWORD_MIN} Zeichen.`;
  }
  if ([...password].length > STAFF_PASSWORD_MAX) {
    return `Das Passwort darf höchstens ${STAFF_PASSWORD_MAX} Zeichen haben.`;
  }
  if (new Set(password).size < 4)
    return 'Das Passwort ist zu einfach: bitte mehr verschiedene Zeichen.';
  if (name !== '' && password.toLowerCase().includes(name.toLowerCase().trim())) {
    return 'Das Passwort darf den eigenen Namen nicht enthalten.';
  }
  return undefined;
}

const serverText = (max: number) => v.pipe(v.string(), v.maxLength(max));

/** GET /staff/me and the answer of POST /staff/sign-in. */
export const staffMeSchema = v.object({
  userId: serverText(64),
  name: serverText(300),
  role: v.picklist(ROLES),
  quarter: v.object({ id: serverText(64), name: serverText(300) }),
  /** When the session ends if unused (ISO 8601); every request moves it on. */
  idleExpiresAt: v.pipe(serverText(64), v.isoTimestamp()),
});
export type StaffMe = v.InferOutput<typeof staffMeSchema>;
