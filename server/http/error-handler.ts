// The one place errors become HTTP: typed errors keep their status and message; a database that
// cannot be reached is a 503 with Retry-After; a value the database refused (SQLSTATE class 22)
// that slipped past validation is a 400 naming the parameter; anything else is logged here and
// answered with a bare 500. The body is always {error: {code, message}} (under /ogc, OGC API's
// {code, description}), in our words: never a stack trace, never PostgreSQL's own message (it is logged instead).
import { STATUS_CODES } from 'node:http'
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express'
import { isDatabaseText } from '../db/database-text.ts'
import { dataExceptionReason, isDatabaseUnreachable, isDataException } from '../db/db-errors.ts'
import { AppError, BadRequest, Unavailable } from '../errors.ts'
import { OGC_PREFIX } from './routes/ogc.ts'

// The code of a status whose error carries none of its own (design.md § Errors).
const STATUS_ERROR_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  431: 'request_header_fields_too_large',
  500: 'internal',
  503: 'unavailable',
}

/** The error code that goes with an HTTP status: bad_request for an unlisted 4xx, internal for 5xx. */
export function errorCodeFor(status: number): string {
  return STATUS_ERROR_CODES[status] ?? (status < 500 ? 'bad_request' : 'internal')
}

// Our words for the errors of express.json() (body-parser's error types).
const BODY_PARSER_MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'the request body is not valid JSON',
  'entity.too.large': 'the JSON request body is over its size limit',
  'encoding.unsupported': 'the request body has a content encoding this server does not read',
  'charset.unsupported': 'the request body must be UTF-8',
  'request.aborted': 'the request body ended early',
  'request.size.invalid': 'the request body is shorter or longer than its Content-Length',
}

export const DATABASE_UNREACHABLE = 'the database is unreachable; try again in a few seconds'

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `no route for ${req.method} ${req.path}` } })
}

/** The request parameter (path, query or top-level body field) a refused value came from. */
function refusedParameter(error: unknown, req: Request): string | undefined {
  const message = String((error as { message?: unknown }).message)
  const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {}
  const candidates = [
    ...Object.entries(req.params ?? {}),
    ...Object.entries(req.query ?? {}),
    ...Object.entries(body),
  ]
  for (const [name, value] of candidates) {
    if (typeof value !== 'string' || value === '') continue
    // PostgreSQL quotes the value it refused ('date/time field value out of range: "0000-01-01"');
    // a NUL it reports only as a byte (0x00).
    if (message.includes(`"${value}"`) || !isDatabaseText(value)) return name
  }
  return undefined
}

/** The typed error a database error stands for, or undefined when it is a fault of ours. */
function fromDatabaseError(error: unknown, req: Request): AppError | undefined {
  if (isDatabaseUnreachable(error)) return new Unavailable(DATABASE_UNREACHABLE)
  if (isDataException(error)) {
    const name = refusedParameter(error, req)
    const reason = dataExceptionReason(error)
    return new BadRequest(name ? `${name}: ${reason}` : `a parameter was refused: ${reason}`)
  }
  return undefined
}

const OGC_PATH = new RegExp(`^${OGC_PREFIX}(/|\\?|$)`)

/**
 * Sends an error body: under /ogc in the exception shape of OGC API – Features (Part 1 §7.5.1,
 * {code, description}), which OWSLib and GDAL report; elsewhere {error: {code, message}}.
 */
function sendError(req: Request, res: Response, status: number, body: Record<string, unknown>) {
  if (OGC_PATH.test(req.originalUrl)) {
    const { message, ...rest } = body
    res.status(status).json({ ...rest, description: message })
  } else res.status(status).json({ error: body })
}

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const fromDatabase = error instanceof AppError ? undefined : fromDatabaseError(error, req)
  if (fromDatabase)
    console.error(`${req.method} ${req.originalUrl}: ${fromDatabase.code}:`, String(error?.message))
  const known = error instanceof AppError ? error : fromDatabase
  if (known) {
    const body: Record<string, unknown> = { code: known.code, message: known.message }
    if (known.details !== undefined) body.details = known.details
    if (known instanceof Unavailable) res.set('Retry-After', String(known.retryAfterSeconds))
    sendError(req, res, known.status, body)
    return
  }
  // express.json() and the router raise errors carrying a status (malformed JSON, body too large,
  // a path parameter that is not UTF-8); their messages are not ours, so we answer in our words.
  const status = typeof error?.status === 'number' ? error.status : 500
  if (status >= 400 && status < 500) {
    const message =
      BODY_PARSER_MESSAGES[error.type] ??
      // The router cannot percent-decode a path segment (invalid UTF-8 such as %ED%A0%80).
      (error instanceof URIError
        ? 'a path segment is not valid percent-encoded UTF-8'
        : `${STATUS_CODES[status] ?? 'bad request'}`.toLowerCase())
    sendError(req, res, status, { code: errorCodeFor(status), message })
    return
  }
  console.error(`${req.method} ${req.originalUrl} failed:`, error)
  sendError(req, res, 500, { code: 'internal', message: 'internal server error' })
}
