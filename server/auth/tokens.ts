// Bearer tokens with a role: staff may import, admin may do everything staff may and more, and a
// chief token is bound to one chief id and may upload that chief's patrols only (issue 13).
// A token is random, shown once at creation, and stored only as its SHA-256, so a copy of the
// database does not hand out working tokens.
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Queryable } from '../db/database.ts'
import { NotFound } from '../errors.ts'

export const ROLES = ['staff', 'admin', 'chief'] as const
export type Role = (typeof ROLES)[number]

const sql = (name: string) => readFileSync(join(import.meta.dirname, `${name}.sql`), 'utf8')
const CREATE = sql('create-token')
const FIND = sql('find-token')
const LIST = sql('list-tokens')
const REVOKE = sql('revoke-token')

export interface TokenInfo {
  id: number
  role: Role
  label: string | null
  /** The chief a `chief` token is bound to; null for every other role. */
  chief_id: string | null
}

export interface TokenListing extends TokenInfo {
  created_at: string
  revoked_at: string | null
}

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

/** Whether a token of role `has` may do what `needs` asks: admin implies staff (not chief). */
export function roleSatisfies(has: Role, needs: Role): boolean {
  return has === needs || (has === 'admin' && needs === 'staff')
}

/**
 * Whether `token` may act for chief `chiefId` (upload their patrols): staff and admin for any
 * chief, a chief token for its own chief only.
 */
export function actsForChief(token: TokenInfo, chiefId: string): boolean {
  return token.role === 'chief' ? token.chief_id === chiefId : roleSatisfies(token.role, 'staff')
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}

/**
 * Creates a token; the returned secret is the only time it exists outside its holder.
 * `chiefId` is required for role `chief` and refused for the others.
 * @throws Error when role and chiefId do not go together; NotFound when no chief has that id.
 */
export async function createToken(
  db: Queryable,
  role: Role,
  label?: string,
  chiefId?: string,
): Promise<TokenInfo & { token: string }> {
  if ((role === 'chief') !== (chiefId !== undefined))
    throw new Error(role === 'chief' ? 'a chief token needs the chief id' : `a ${role} token has no chief id`)
  const token = `rcgis_${randomBytes(32).toString('base64url')}`
  const { rows } = await db.query<TokenInfo>(CREATE, [hashToken(token), role, label ?? null, chiefId ?? null])
  if (!rows[0]) throw new NotFound(`no chief has the id ${chiefId}`)
  return { ...rows[0], token }
}

/** The live token presented, or null (unknown or revoked). */
export async function findToken(db: Queryable, token: string): Promise<TokenInfo | null> {
  const { rows } = await db.query<TokenInfo>(FIND, [hashToken(token)])
  return rows[0] ?? null
}

export async function listTokens(db: Queryable): Promise<TokenListing[]> {
  return (await db.query<TokenListing>(LIST)).rows
}

/** True if a live token was revoked. */
export async function revokeToken(db: Queryable, id: number): Promise<boolean> {
  return (await db.query(REVOKE, [id])).rowCount > 0
}
