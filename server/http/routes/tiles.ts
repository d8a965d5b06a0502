// GET /tiles/{layers}/{z}/{x}/{y}.mvt: Mapbox Vector Tiles of one layer or of several in one
// tile (comma-separated ids, MVT layers in that order), served from the cache while the data
// versions of everything they read are unchanged (issue 9 §§1, 5, 6, 7).
import { type Request, type Response, Router } from 'express'
import { z } from 'zod'
import { type CachedTile, TileCache } from '../../../tiles/cache.ts'
import { CachedTiles, type TileLookup } from '../../../tiles/cached-tiles.ts'
import { createTileSource } from '../../../tiles/create-tile-source.ts'
import { DataVersions } from '../../../tiles/data-versions.ts'
import { BadRequest, NotFound } from '../../errors.ts'
import { isLayerId, LAYER_IDS, type LayerId } from '../../layers/registry.ts'
import { mapDataCors } from '../cors.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile'
// ST_TileEnvelope and the PMTiles reader both stop short of 31; layers end at 14, and deeper
// zooms are answered from the same data (empty where nothing falls).
const MAX_ZOOM = 30

const integer = (name: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, `${name} must be a non-negative integer`)
    .transform(Number)
    .meta({ type: 'integer', description: `tile ${name}` })

const TileParams = z
  .object({
    layers: z.string().meta({
      description: 'a layer id, or several separated by commas (one MVT layer each, in that order)',
      examples: ['reaches', 'water_resource_zones,reaches,monitoring_sections'],
    }),
    z: integer('z'),
    x: integer('x'),
    y: integer('y'),
  })
  .refine((p) => p.z <= MAX_ZOOM, { message: `z must be 0…${MAX_ZOOM}`, path: ['z'] })
  .refine((p) => p.x < 2 ** p.z && p.y < 2 ** p.z, { message: 'x and y must be 0…2^z−1', path: ['x'] })

export const tilesOperations: OperationSpec[] = [
  {
    method: 'get',
    path: '/tiles/{layers}/{z}/{x}/{y}.mvt',
    operationId: 'getTile',
    tags: ['tiles'],
    summary: 'A Mapbox Vector Tile of one layer or of several (composite)',
    description:
      'XYZ scheme (Web Mercator, y from the north). The ETag is derived from the layers, the address, ' +
      'the data versions of every table the tile reads, the store and the tile declarations; ' +
      'If-None-Match answers 304. gzip when accepted. Restricted layers are tiled without their ' +
      'personal fields. Cross-origin reads are allowed (CORS_ORIGIN).',
    params: TileParams,
    responses: {
      200: {
        description: 'the tile (uncompressed MVT, or gzip with Content-Encoding)',
        contentType: MVT_TYPE,
      },
      204: { description: 'no feature of these layers falls in this tile' },
      304: { description: 'the tile is the one If-None-Match names' },
      400: { description: 'z, x or y is not a tile address, or a layer is repeated', schema: ErrorBody },
      404: { description: 'no layer of that id', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
]

/** The layer ids of a {layers} path segment. @throws NotFound for an unknown id, BadRequest for a repeated one. */
export function parseLayers(segment: string): LayerId[] {
  const ids = segment.split(',')
  const known: LayerId[] = []
  for (const id of ids) {
    if (!isLayerId(id)) throw new NotFound(`no layer '${id}'; the layers are ${LAYER_IDS.join(', ')}`)
    if (known.includes(id)) throw new BadRequest(`layers: ${id} is given twice`)
    known.push(id)
  }
  return known
}

/** The tile stage of an app: what `deps.tiles` gives, else per-request versions, a cache of TILE_CACHE_MB and createTileSource. */
export function cachedTiles({ db, config, tiles = {} }: AppDeps): CachedTiles {
  return new CachedTiles({
    versions: tiles.versions ?? DataVersions.unlistened(db),
    cache: tiles.cache ?? new TileCache(config.TILE_CACHE_MB * 1024 * 1024),
    sourceFor: tiles.sourceFor ?? ((layers) => createTileSource(db, layers)),
    timeoutMs: config.TILE_STATEMENT_TIMEOUT_MS,
  })
}

/** The headers every answer of a tile address carries, 304 included (RFC 9110 §15.4.5). */
function setTileHeaders(res: Response, etag: string, cacheControl: string) {
  res.set('ETag', etag)
  res.set('Cache-Control', cacheControl)
  res.vary('Accept-Encoding') // appended: the CORS middleware may have set Vary: Origin
}

function sendTile(req: Request, res: Response, tile: CachedTile) {
  if (!tile.mvt) {
    res.status(204).end()
    return
  }
  res.set('Content-Type', MVT_TYPE)
  if (tile.gzip && req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    res.set('Content-Encoding', 'gzip')
    res.end(tile.gzip)
  } else {
    res.end(tile.mvt)
  }
}

export function tilesRoutes(deps: AppDeps, tiles: CachedTiles): Router {
  const router = Router()
  const cacheControl = deps.config.TILE_CACHE_CONTROL
  router.use('/tiles', mapDataCors(deps.config))
  router.get('/tiles/:layers/:z/:x/:y.mvt', async (req, res) => {
    const { layers: segment, z, x, y } = parseRequest(TileParams, req.params, 'path')
    const lookup: TileLookup = await tiles.lookup(parseLayers(segment), { z, x, y })
    setTileHeaders(res, lookup.etag, cacheControl)
    if (req.fresh) {
      res.status(304).end()
      return
    }
    let tile = lookup.cached
    if (!tile) {
      // The client may leave before the tile is made: then its database work is cancelled.
      const gone = new AbortController()
      const onClose = () => {
        if (!res.writableFinished) gone.abort(new Error('the client closed the connection'))
      }
      res.once('close', onClose)
      try {
        tile = await tiles.make(lookup, gone.signal)
      } catch (error) {
        if (gone.signal.aborted) return
        throw error
      } finally {
        res.off('close', onClose)
      }
    }
    sendTile(req, res, tile)
  })
  return router
}
