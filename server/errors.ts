// The typed error hierarchy. Code anywhere throws these; one HTTP middleware maps them to a
// status and {error: {code, message}}, and the CLI prints the message. Anything else is a 500
// whose details stay in the server log.

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = new.target.name
  }
}

export class BadRequest extends AppError {
  constructor(message: string, details?: unknown, code = 'bad_request') {
    super(400, code, message, details)
  }
}

export class Unauthorized extends AppError {
  constructor(message = 'a bearer token is required') {
    super(401, 'unauthorized', message)
  }
}

export class Forbidden extends AppError {
  constructor(message: string) {
    super(403, 'forbidden', message)
  }
}

export class NotFound extends AppError {
  constructor(message: string) {
    super(404, 'not_found', message)
  }
}

export class Conflict extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, details)
  }
}

export class PayloadTooLarge extends AppError {
  constructor(message: string) {
    super(413, 'payload_too_large', message)
  }
}

export class Unavailable extends AppError {
  /** Sent as Retry-After (RFC 9110 §10.2.3): long enough for a restarted database to accept. */
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(503, 'unavailable', message)
  }
}
