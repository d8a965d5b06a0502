// Who may read what of a restricted layer (registry `access`, issue 9's flag). Our choice for OGC
// API: restricted layers are listed and served to anyone with their `personalFields` removed
// (GPS tracks and report locations are the public record of patrols and complaints; the chief
// and the complainant's words are not), and whole to a bearer token of the staff role. Removing
// the fields from the layer spec itself means a removed field cannot be selected, sorted, filtered
// on or listed as queryable: to an anonymous client it does not exist.
import type { Request } from 'express'
import { bearerToken } from '../auth/require-role.ts'
import { findToken, roleSatisfies } from '../auth/tokens.ts'
import type { Queryable } from '../db/database.ts'
import { Unauthorized } from '../errors.ts'
import type { LayerSpec } from '../layers/registry.ts'

/**
 * Whether the request may read personal fields: true only for a live token of role staff (or
 * admin). No Authorization header reads as anonymous.
 * @throws Unauthorized (401) for a token presented that is unknown or revoked, so a client with
 * an expired token learns why the fields are missing.
 */
export async function readsPersonalFields(req: Request, db: Queryable): Promise<boolean> {
  const presented = bearerToken(req.get('authorization'))
  if (!presented) return false
  const token = await findToken(db, presented)
  if (!token) throw new Unauthorized('the bearer token is unknown or revoked')
  return roleSatisfies(token.role, 'staff')
}

/** `layer` as this reader may see it: without its personal fields unless `staff`. */
export function visibleLayer(layer: LayerSpec, staff: boolean): LayerSpec {
  if (staff || layer.access === 'public' || !layer.personalFields?.length) return layer
  const personal = new Set(layer.personalFields)
  return { ...layer, attributes: layer.attributes.filter((a) => !personal.has(a.name)) }
}
