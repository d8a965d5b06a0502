// Lean paths: requests answered before Express's per-request set-up and router walk, which is
// most of the cost of a request whose answer is already in memory (a warm tile, a locate from the
// index). Each lean path takes only the plain case and leaves every other request — errors
// included — to its Express route, which answers the same request the same way.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RequestHandler } from 'express'

/**
 * Returns false having touched nothing, or true having taken the request: it then answers it, or
 * calls `next` exactly once (later, e.g. after a query) to hand it to Express untouched.
 */
export type FastPath = (req: IncomingMessage, res: ServerResponse, next: () => void) => boolean

/** The first of `paths` that takes the request. */
export const firstOf =
  (...paths: FastPath[]): FastPath =>
  (req, res, next) =>
    paths.some((path) => path(req, res, next))

/** Requests the lean paths have already seen before Express (listen.ts). */
const seen = new WeakSet<IncomingMessage>()

/**
 * Runs `fastPath` on a request before Express (`express`: hands the request to the app) and
 * marks it seen, so that asMiddleware does not run the lean paths a second time inside Express
 * (for a stale locate index that would be another version read).
 */
export function beforeExpress(
  fastPath: FastPath,
  req: IncomingMessage,
  res: ServerResponse,
  express: () => void,
) {
  seen.add(req)
  if (!fastPath(req, res, express)) express()
}

/** The same as Express middleware, for an app served without listen.ts (tests' supertest). */
export const asMiddleware =
  (fastPath: FastPath): RequestHandler =>
  (req, res, next) => {
    if (seen.has(req) || !fastPath(req, res, () => next())) next()
  }
