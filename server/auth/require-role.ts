// Guards a route with a bearer token of a role. Read-only endpoints stay public; writing ones
// (import) put this in front. The actor ('token:<label>') is left in res.locals for the log.
import type { RequestHandler } from 'express'
import type { Queryable } from '../db/database.ts'
import { Forbidden, Unauthorized } from '../errors.ts'
import { findToken, type Role, roleSatisfies, type TokenInfo } from './tokens.ts'

export interface AuthLocals {
  token: TokenInfo
  actor: string
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match ? match[1] : null
}

/**
 * Middleware that lets through a request whose bearer token has `role`, or one of `role` when a
 * list is given (e.g. ['staff', 'chief'] for a patrol upload; the route then checks that a chief
 * token acts for its own chief, tokens.ts actsForChief).
 * @throws Unauthorized (401) without a live token; Forbidden (403) for a token of another role.
 */
export function requireRole(db: Queryable, role: Role | readonly Role[]): RequestHandler {
  const roles: readonly Role[] = typeof role === 'string' ? [role] : role
  const named = roles.join(' or ')
  return async (req, res, next) => {
    const presented = bearerToken(req.get('authorization'))
    if (!presented)
      throw new Unauthorized(`this needs a bearer token with the ${named} role (Authorization: Bearer …)`)
    const token = await findToken(db, presented)
    if (!token) throw new Unauthorized('the bearer token is unknown or revoked')
    if (!roles.some((r) => roleSatisfies(token.role, r)))
      throw new Forbidden(`this needs the ${named} role; the token presented has the ${token.role} role`)
    res.locals.token = token
    res.locals.actor = `token:${token.label ?? `#${token.id}`}`
    next()
  }
}
