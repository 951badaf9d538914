// Identity requests and responses, shared by the device and the server (docs/api.md).
// Enrol: POST /api/v1/enrol trades a one-time code for a device credential.
// Every authenticated request then sends `Authorization: Bearer <deviceId>.<credential>`.
// Sign-in: POST /api/v1/device/sign-in names the person using an enrolled (shared) device.
import * as v from 'valibot';

export const ROLES = ['volunteer', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Codes are typed by people: spaces, dashes and lower case are forgiven on the server. */
export const enrolRequestSchema = v.object({
  code: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  /** What staff will see in the device list, e.g. "Tablet Anlaufstelle". */
  label: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(80))),
});
export type EnrolRequest = v.InferInput<typeof enrolRequestSchema>;

const quarterSchema = v.object({ id: v.string(), name: v.string() });

export const enrolResponseSchema = v.object({
  deviceId: v.pipe(v.string(), v.minLength(1)),
  /** Secret; shown once. Keep it on the device; the server only has its hash. */
  credential: v.pipe(v.string(), v.minLength(1)),
  quarter: quarterSchema,
});
export type EnrolResponse = v.InferOutput<typeof enrolResponseSchema>;

export const deviceUserSchema = v.object({
  id: v.string(),
  name: v.string(),
  role: v.picklist(ROLES),
});
export type DeviceUser = v.InferOutput<typeof deviceUserSchema>;

export const deviceInfoResponseSchema = v.object({
  deviceId: v.string(),
  quarter: quarterSchema,
  /** People who may sign in on this device (active, with a PIN), sorted by name. */
  users: v.array(deviceUserSchema),
});
export type DeviceInfoResponse = v.InferOutput<typeof deviceInfoResponseSchema>;

export const signInRequestSchema = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
  pin: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
});
export type SignInRequest = v.InferInput<typeof signInRequestSchema>;

export const signInResponseSchema = v.object({
  userId: v.string(),
  name: v.string(),
  role: v.picklist(ROLES),
});
export type SignInResponse = v.InferOutput<typeof signInResponseSchema>;

/** The `Authorization` header value for an enrolled device. */
export function deviceAuthorization(deviceId: string, credential: string): string {
  return `Bearer ${deviceId}.${credential}`;
}
