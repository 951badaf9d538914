// Errors the server raises on purpose. Each carries a stable machine code and a German message
// for people; the error handler (http/error-handler.ts) turns them into `ErrorResponse` bodies
// with the status given here. Anything else that is thrown is a bug and becomes a 500.

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
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

/** Optimistic concurrency (G6): someone else changed the row since the editor loaded it. */
export class VersionConflictError extends ApiError {
  constructor(
    readonly currentVersion: number | null,
    message = 'Der Eintrag wurde inzwischen geändert. Bitte neu laden und die Änderung erneut vornehmen.',
  ) {
    super(409, 'version_conflict', message);
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

export class TooManyRequestsError extends ApiError {
  constructor() {
    super(
      429,
      'too_many_requests',
      'Zu viele Versuche in kurzer Zeit. Bitte eine Minute warten und dann noch einmal versuchen.',
    );
  }
}
