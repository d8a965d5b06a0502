// The one place errors become HTTP: typed errors keep their status and message; anything else
// is logged here and answered with a bare 500, never a stack trace.
import type { ErrorRequestHandler, RequestHandler } from 'express'
import { AppError } from '../errors.ts'

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `no route for ${req.method} ${req.path}` } })
}

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (error instanceof AppError) {
    const body: Record<string, unknown> = { code: error.code, message: error.message }
    if (error.details !== undefined) body.details = error.details
    res.status(error.status).json({ error: body })
    return
  }
  // express.json() and friends raise errors carrying a status (malformed JSON, body too large).
  const status = typeof error?.status === 'number' ? error.status : 500
  if (status >= 400 && status < 500) {
    const message =
      error.type === 'entity.parse.failed' ? 'the request body is not valid JSON' : String(error.message)
    res.status(status).json({ error: { code: error.type ?? 'bad_request', message } })
    return
  }
  console.error(`${req.method} ${req.originalUrl} failed:`, error)
  res.status(500).json({ error: { code: 'internal', message: 'internal server error' } })
}
