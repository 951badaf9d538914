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
