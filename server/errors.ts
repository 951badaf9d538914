// Errors the server raises on purpose. Each carries a stable machine code and a German message
// for people; the error handler (http/error-handler.ts) turns them into `ErrorResponse` bodies
// with the status given here. Anything else that is thrown is a bug and becomes a 500.

/** A value a response body can carry as it is (`undefined` fields are left out). */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /**
     * Further fields of the response body, for the client to act on (e.g. `expectedSeq`, or
     * the row as it is now with a version conflict).
     */
    readonly details: Readonly<Record<string, JsonValue>> = {},
    /** Response headers, e.g. `Retry-After`. */
    readonly headers: Readonly<Record<string, string>> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Input that can never succeed as sent (schema, references, opening hours). */
export class InvalidInputError extends ApiError {
  constructor(message: string) {
    super(400, 'invalid_request', message);
  }
}

export class UnknownQuarterError extends ApiError {
  constructor(message = 'Dieses Quartier gibt es auf dem Server nicht.') {
    super(404, 'unknown_quarter', message);
  }
}

/**
 * Optimistic concurrency (G6): someone else changed the row since the editor loaded it. With
 * `current` (the staff screens) the body carries the row as it is now — null when it is gone —
 * so the editor can show both versions side by side.
 */
export class VersionConflictError extends ApiError {
  constructor(
    readonly currentVersion: number | null,
    message = 'Der Eintrag wurde inzwischen geändert. Bitte neu laden und die Änderung erneut vornehmen.',
    current?: JsonValue,
  ) {
    super(409, 'version_conflict', message, current === undefined ? {} : { current });
  }
}

/**
 * An enrolment code that is malformed, unknown, used or expired: one answer for all, so the
 * endpoint tells a guesser nothing, and the person is told what to do next.
 */
export class InvalidEnrolmentCodeError extends ApiError {
  constructor() {
    super(
      400,
      'invalid_code',
      'Dieser Code ist ungültig oder abgelaufen. Bitte im Laden einen neuen Code geben lassen.',
    );
  }
}

/** Missing, unknown or revoked device credential: the device has to be enrolled (again). */
export class DeviceUnauthorizedError extends ApiError {
  constructor() {
    super(401, 'unauthorized', 'Dieses Gerät ist nicht (mehr) angemeldet. Bitte neu anmelden.');
  }
}

/** Wrong name or PIN on an enrolled device; `error` differs from the device's own 401. */
export class SignInFailedError extends ApiError {
  constructor() {
    super(401, 'sign_in_failed', 'Name oder PIN stimmt nicht. Bitte noch einmal versuchen.');
  }
}

/**
 * Too many wrong PINs in a row for this name (sign-in-guard.repo.ts): the next attempt waits.
 * Said for names nobody has too, so it reveals nothing.
 */
export class SignInDelayedError extends ApiError {
  constructor(retryAfterSeconds: number) {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(
      429,
      'too_many_requests',
      `Zu viele falsche Versuche mit diesem Namen. Bitte ${
        minutes <= 1 ? 'eine Minute' : `${minutes} Minuten`
      } warten und dann noch einmal versuchen.`,
      {},
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}

/** Locked after too many wrong PINs in a row, until staff unlock it (`npm run admin -- unlock`). */
export class AccountLockedError extends ApiError {
  constructor() {
    super(
      423,
      'account_locked',
      'Die Anmeldung mit diesem Namen ist nach zu vielen falschen PINs gesperrt. ' +
        'Bitte in der Anlaufstelle entsperren lassen.',
    );
  }
}

export class TooManyRequestsError extends ApiError {
  constructor() {
    super(
      429,
      'too_many_requests',
      'Zu viele Versuche in kurzer Zeit. Bitte eine Minute warten und dann noch einmal versuchen.',
    );
  }
}

// ---- Push (server/sync/push.service.ts, docs/sync-protocol.md) ------------------------------

/** Over the device's push quota (http/rate-limits.ts); the limiter sets Retry-After. */
export class PushQuotaError extends ApiError {
  constructor() {
    super(
      429,
      'too_many_requests',
      'Dieses Gerät sendet zu oft. Die Änderungen bleiben auf dem Gerät und werden gleich erneut gesendet.',
    );
  }
}

/**
 * A new change in the push names an author whose valid session on this device the request did
 * not present (issue 7). Nothing of the request is applied, and nothing is lost: the device
 * forgets the sessions listed as invalid and keeps that person's changes until they sign in
 * on it again.
 */
export class NotSignedInError extends ApiError {
  constructor(invalidSessions: readonly string[], erasedPeople: readonly string[] = []) {
    super(
      403,
      'not_signed_in',
      'Diese Einträge können erst übertragen werden, wenn sich die Person, die sie gemacht hat, auf diesem Gerät wieder anmeldet.',
      { invalidSessions, ...(erasedPeople.length > 0 && { erasedPeople }) },
    );
  }
}

/** Over PUSH_MAX_MUTATIONS or PUSH_MAX_BYTES: the device halves its batch and tries again. */
export class PushTooLargeError extends ApiError {
  constructor(maxMutations: number, maxBytes: number) {
    super(413, 'too_large', 'Zu viele Änderungen auf einmal. Bitte in kleineren Teilen senden.', {
      maxMutations,
      maxBytes,
    });
  }
}

/** The device skipped a seq (G3): nothing of the request was applied; resend from `expectedSeq`. */
export class SeqGapError extends ApiError {
  constructor(expectedSeq: number) {
    super(
      409,
      'seq_gap',
      `Es fehlen frühere Änderungen dieses Geräts. Bitte ab Nummer ${expectedSeq} erneut senden.`,
      { expectedSeq },
    );
  }
}

/** The client id is already another (not revoked) device's, or belongs to another quarter. */
export class ClientMismatchError extends ApiError {
  constructor() {
    super(
      409,
      'client_mismatch',
      'Diese App-Installation ist auf dem Server einem anderen Gerät zugeordnet.',
    );
  }
}

/**
 * A transient failure (database busy or unreachable, serialization failure): nothing of the
 * request was applied, and sending the same request again later is safe.
 */
export class UnavailableError extends ApiError {
  constructor(retryAfterSeconds: number, options?: ErrorOptions) {
    super(
      503,
      'unavailable',
      'Der Server ist gerade nicht bereit. Die Änderungen bleiben auf dem Gerät und werden gleich erneut gesendet.',
      {},
      { 'retry-after': String(retryAfterSeconds) },
      options,
    );
  }
}

// ---- Staff screens (issue 10, http/staff-auth.ts) --------------------------------------------

/**
 * Wrong name or password, unknown name, a volunteer, a locked person, someone without a
 * password: one answer for all, so the sign-in tells a guesser nothing.
 */
export class StaffSignInFailedError extends ApiError {
  constructor() {
    super(
      401,
      'staff_sign_in_failed',
      'Name oder Passwort stimmt nicht. Bitte noch einmal versuchen.',
    );
  }
}

/** Too many wrong passwords in a row for this name; said for names nobody has too. */
export class StaffAccountLockedError extends ApiError {
  constructor() {
    super(
      423,
      'account_locked',
      'Die Anmeldung mit diesem Namen ist nach zu vielen falschen Passwörtern gesperrt. ' +
        'Bitte eine Person mit Verwaltungsrechten um ein neues Passwort bitten.',
    );
  }
}

/** No staff session, or it ended (idle, too old, signed out, locked): sign in again. */
export class StaffUnauthorizedError extends ApiError {
  constructor() {
    super(
      401,
      'staff_unauthorized',
      'Sie sind nicht (mehr) angemeldet. Bitte mit Name und Passwort neu anmelden.',
    );
  }
}

/** A device credential, a foreign page (Origin), or an action beyond the person's role. */
export class ForbiddenError extends ApiError {
  constructor(message = 'Darauf gibt es keinen Zugriff.') {
    super(403, 'forbidden', message);
  }
}

/** An id that does not exist in the staff member's quarter (also: one of another quarter). */
export class NotFoundError extends ApiError {
  constructor(message = 'Nicht gefunden.') {
    super(404, 'not_found', message);
  }
}

/** A name the quarter already has (people are signed in by name). */
export class NameTakenError extends ApiError {
  constructor(
    message = 'Diesen Namen gibt es in diesem Quartier schon. Bitte einen anderen wählen.',
  ) {
    super(409, 'name_taken', message);
  }
}
