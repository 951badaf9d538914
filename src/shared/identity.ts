// Identity requests and responses, shared by the device and the server (docs/api.md).
// Enrol: POST /api/v1/enrol trades a one-time code for a device credential.
// Every authenticated request then sends `Authorization: Bearer <deviceId>.<credential>`.
// Sign-in: POST /api/v1/device/sign-in names the person using an enrolled (shared) device.
import * as v from 'valibot';
import { hasVisibleCharacter, isCleanText, singleLine, visibleName } from './text';

export const ROLES = ['volunteer', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Codes are typed by people: spaces, dashes and lower case are forgiven on the server. */
export const enrolRequestSchema = v.object({
  code: singleLine(64, 1),
  /**
   * What staff will see in the device list, e.g. "Tablet Anlaufstelle": trimmed, ≤ 80 chars, no
   * control characters, NFC; blank means none, otherwise it needs a visible character.
   */
  label: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(80),
      v.check((label) => isCleanText(label), 'Text mit Steuerzeichen'),
      v.check((label) => label === '' || hasVisibleCharacter(label), 'Unsichtbarer Name'),
      v.transform((label) => label.normalize('NFC')),
      v.maxLength(80),
    ),
  ),
});
export type EnrolRequest = v.InferInput<typeof enrolRequestSchema>;

/** Response fields the server fills: bounded, the server checked their content on input. */
const serverText = (max: number) => v.pipe(v.string(), v.maxLength(max));
const quarterSchema = v.object({ id: serverText(64), name: serverText(300) });

export const enrolResponseSchema = v.object({
  deviceId: v.pipe(serverText(64), v.minLength(1)),
  /** Secret; shown once. Keep it on the device; the server only has its hash. */
  credential: v.pipe(serverText(256), v.minLength(1)),
  quarter: quarterSchema,
  /**
   * The new device's first pull (`GET /pull` without a cookie; issue 12), so it needs no second
   * round trip. Not checked here: the app checks it like any pull when its first pull takes it
   * (src/sync/early-requests.ts). Missing from servers before issue 12.
   */
  firstPull: v.optional(v.unknown()),
});
export type EnrolResponse = v.InferOutput<typeof enrolResponseSchema>;

export const deviceUserSchema = v.object({
  id: serverText(64),
  name: serverText(300),
  role: v.picklist(ROLES),
});
export type DeviceUser = v.InferOutput<typeof deviceUserSchema>;

export const deviceInfoResponseSchema = v.object({
  deviceId: serverText(64),
  quarter: quarterSchema,
  /** People who may sign in on this device (active, with a PIN), sorted by name. */
  users: v.array(deviceUserSchema),
});
export type DeviceInfoResponse = v.InferOutput<typeof deviceInfoResponseSchema>;

/** A person's name as stored and as typed at sign-in: trimmed, visible, NFC, ≤ 80 chars. */
export const PERSON_NAME_MAX = 80;
export const personNameSchema = visibleName(PERSON_NAME_MAX);

/** The name: trimmed, visible, ≤ 80 chars, NFC. The PIN: one line, ≤ 64 chars. */
export const signInRequestSchema = v.object({
  name: personNameSchema,
  pin: singleLine(64, 1),
});
export type SignInRequest = v.InferInput<typeof signInRequestSchema>;

export const signInResponseSchema = v.object({
  userId: serverText(64),
  name: serverText(300),
  role: v.picklist(ROLES),
  /**
   * `<sessionId>.<secret>`: proves that this person signed in on this device. Secret; shown
   * once. The device sends it in `X-Person-Sessions` with every request that carries this
   * person's changes or should bring their entries; the server has only its hash.
   */
  session: v.pipe(v.string(), v.regex(/^[0-9A-Za-z-]{1,64}\.[0-9A-Za-z_-]{16,128}$/)),
});
export type SignInResponse = v.InferOutput<typeof signInResponseSchema>;

/**
 * Header with the person sessions a request acts under, comma-separated. Push accepts a change
 * only when its author's session is among them (and valid); pull brings the entries of exactly
 * those people. At most MAX_PERSON_SESSIONS per request.
 */
export const PERSON_SESSIONS_HEADER = 'x-person-sessions';
export const MAX_PERSON_SESSIONS = 20;

/**
 * What a device reports about itself on every request (issue 10), shown to staff in the device
 * list: the app's version, and how many changes wait in its outbox (a whole number ≤ 1,000,000).
 * The server stores them and ignores a malformed value.
 */
export const APP_VERSION_HEADER = 'x-app-version';
export const OUTBOX_WAITING_HEADER = 'x-outbox-waiting';

export { deviceAuthorization } from './request-basics';
