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

export function requireRole(db: Queryable, role: Role): RequestHandler {
  return async (req, res, next) => {
    const presented = bearerToken(req.get('authorization'))
    if (!presented)
      throw new Unauthorized(`this needs a bearer token with the ${role} role (Authorization: Bearer …)`)
    const token = await findToken(db, presented)
    if (!token) throw new Unauthorized('the bearer token is unknown or revoked')
    if (!roleSatisfies(token.role, role))
      throw new Forbidden(`this needs the ${role} role; the token presented has the ${token.role} role`)
    res.locals.token = token
    res.locals.actor = `token:${token.label ?? `#${token.id}`}`
    next()
  }
}
