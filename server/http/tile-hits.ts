// The lean path of a warm map (issue 9 benchmark goal): a tile request that the cache answers (a
// cached tile, or a 304 for the ETag the client holds) is answered here, first in the app, with
// one regular expression and one map lookup: no router walk, no zod, no content negotiation.
// Anything else — an address to check, an unknown layer, a miss, versions not known, an
// Accept-Encoding or If-None-Match this does not read simply — goes on to routes/tiles.ts,
// which answers the same request the same way.
import type { CachedTiles } from '../../tiles/cached-tiles.ts'
import type { Config } from '../config.ts'
import { isLayerId, type LayerId } from '../layers/registry.ts'
import type { FastPath } from './fast-path.ts'
import { MVT_TYPE } from './routes/tiles.ts'

const TILE_PATH = /^\/tiles\/([a-z_,]{1,400})\/(\d{1,2})\/(\d{1,10})\/(\d{1,10})\.mvt$/
// Exactly these: a q-value or a wildcard is left to the negotiator.
const PLAIN_GZIP = /^\s*(?:[a-z-]+\s*,\s*)*gzip\s*(?:,\s*[a-z-]+\s*)*$/i
const MAX_LAYER_SETS = 1024

/** The layer ids of a path segment, or null unless all are known and none repeats. */
function layerSet(segment: string, known: Map<string, readonly LayerId[] | null>): readonly LayerId[] | null {
  let layers = known.get(segment)
  if (layers === undefined) {
    const ids = segment.split(',')
    layers = ids.every(isLayerId) && new Set(ids).size === ids.length ? (ids as LayerId[]) : null
    if (known.size >= MAX_LAYER_SETS) known.clear()
    known.set(segment, layers)
  }
  return layers
}

/**
 * Answers GET/HEAD /tiles/{layers}/{z}/{x}/{y}.mvt from `tiles`' cache when it can, with the
 * headers routes/tiles.ts sends (ETag, Cache-Control, Vary, CORS when CORS_ORIGIN is '*'), and
 * returns true; false for everything else. Plain node:http types: listen.ts runs it before
 * Express itself (its request set-up is most of a warm tile's time).
 */
export function tileCacheHits(
  tiles: CachedTiles,
  config: Pick<Config, 'CORS_ORIGIN' | 'TILE_CACHE_CONTROL'>,
): FastPath {
  const known = new Map<string, readonly LayerId[] | null>()
  const fixed: Record<string, string> = {
    'Cache-Control': config.TILE_CACHE_CONTROL,
    Vary: 'Accept-Encoding',
  }
  // A list of origins needs the Origin header matched and Vary: Origin: the cors middleware does it.
  const anyOrigin = config.CORS_ORIGIN.split(',').some((o) => o.trim() === '*')
  if (anyOrigin) {
    fixed['Access-Control-Allow-Origin'] = '*'
    fixed['Access-Control-Expose-Headers'] = 'ETag,Content-Range,Content-Length'
  }
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false
    const match = TILE_PATH.exec(req.url ?? '')
    if (!match || (!anyOrigin && req.headers.origin)) return false
    const layers = layerSet(match[1], known)
    const z = Number(match[2])
    const x = Number(match[3])
    const y = Number(match[4])
    if (!layers || z > 30 || x >= 2 ** z || y >= 2 ** z) return false
    const lookup = tiles.lookupKnown(layers, { z, x, y })
    if (!lookup) return false
    const condition = req.headers['if-none-match']
    if (condition !== undefined) {
      // Only the plain case: the one ETag this server gave (a list or W/ goes to the route).
      if (condition !== lookup.etag || req.headers['cache-control']?.includes('no-cache')) return false
      res.writeHead(304, { ...fixed, ETag: lookup.etag })
      res.end()
      return true
    }
    const tile = lookup.cached
    if (!tile) return false
    if (!tile.mvt) {
      res.writeHead(204, { ...fixed, ETag: lookup.etag })
      res.end()
      return true
    }
    const accept = req.headers['accept-encoding']
    let body = tile.mvt
    const headers: Record<string, string | number> = { ...fixed, ETag: lookup.etag, 'Content-Type': MVT_TYPE }
    if (tile.gzip && accept && /gzip|\*/i.test(accept)) {
      if (!PLAIN_GZIP.test(accept)) return false // a q-value or a wildcard: the negotiator reads it
      body = tile.gzip
      headers['Content-Encoding'] = 'gzip'
    }
    headers['Content-Length'] = body.byteLength
    res.writeHead(200, headers)
    res.end(req.method === 'HEAD' ? undefined : body)
    return true
  }
}
