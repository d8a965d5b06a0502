// What a tile's content is made of, and the ETag derived from it rather than hashed from its
// bytes (issue 9 §5): identical requests get one ETag whatever order rows come back in (martin's
// ETags change between identical requests), an If-None-Match is answered without making the
// tile, and an ETag can only match while every input of the tile is unchanged.
import { createHash } from 'node:crypto'
import { getLayer, type LayerId } from '../server/layers/registry.ts'
import type { VersionSnapshot } from './data-versions.ts'
import { tileFields } from './tile-fields.ts'
import type { TileAddress } from './tile-source.ts'

/**
 * Bumped when tile production changes in a way neither the registry nor the derived fields' SQL
 * shows (the simplification rule, the buffer), so that a deploy never answers an old ETag with 304.
 */
const TILE_FORMAT = 1

const declarationHashes = new Map<string, string>()

/**
 * A hash of everything the registry declares about `layers` (tile fields, zooms, access,
 * personal fields, attributes, style hints) and of their tile properties' SQL (derived fields
 * read other tables through tiles/derived/*.sql): a deploy that changes any of it changes every
 * ETag of those layers. Memoised: both are fixed for the life of the process.
 */
export function declarationHash(layers: readonly LayerId[]): string {
  const key = layers.join(',')
  let hash = declarationHashes.get(key)
  if (!hash) {
    const specs = layers.map((id) => ({ spec: getLayer(id), fields: tileFields(getLayer(id)) }))
    hash = createHash('sha256')
      .update(JSON.stringify({ format: TILE_FORMAT, specs }))
      .digest('base64url')
    declarationHashes.set(key, hash)
  }
  return hash
}

/**
 * The versions of `tables` in `snapshot`, joined ('3.0.17'): with the store id and the address,
 * it is what a cached tile must still match to be served.
 */
export function versionStamp(snapshot: VersionSnapshot, tables: readonly string[]): string {
  let stamp = snapshot.storeId
  for (const table of tables) stamp += `.${snapshot.versions.get(table) ?? 0}`
  return stamp
}

/**
 * The strong ETag (RFC 9110 §8.8.3) of the tile of `layers` at `address`, given the version
 * stamp of the tables it reads (versionStamp over tileTables(layers)):
 * '"<27 characters of base64url SHA-256>"'.
 */
export function tileEtag(layers: readonly LayerId[], address: TileAddress, stamp: string): string {
  const digest = createHash('sha256')
    .update(`${layers.join(',')}/${address.z}/${address.x}/${address.y}/${stamp}/`)
    .update(declarationHash(layers))
    .digest('base64url')
  return `"${digest.slice(0, 27)}"`
}
