// PMTiles archives from TILES_DIR, with no database: their tiles at /pmtiles/{name}/{z}/{x}/{y}.mvt,
// their TileJSON at /pmtiles/{name}.json, and the file itself at /pmtiles/{name}.pmtiles with HTTP
// range requests (RFC 9110 §14), which a MapLibre page using the `pmtiles` protocol reads directly.
import { promisify } from 'node:util'
import { gunzip, gzip } from 'node:zlib'
import { Router } from 'express'
import { Compression } from 'pmtiles'
import { z } from 'zod'
import { ARCHIVE_NAME, ArchiveFolder, type PublishedArchive } from '../../../tiles/pmtiles/archive-folder.ts'
import { NotFound } from '../../errors.ts'
import { mapDataCors } from '../cors.ts'
import type { AppDeps } from '../deps.ts'
import { ifNoneMatchHits } from '../if-none-match.ts'
import { ErrorBody, parseRequest } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { publicBaseUrl } from '../public-url.ts'
import { MVT_TYPE } from './tiles.ts'

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

// Not registered with IANA; the type the PMTiles project's own servers send.
const PMTILES_TYPE = 'application/vnd.pmtiles'
// The reader refuses zooms past 26 (tile ids beyond 2^53); tile servers accept up to 30.
const MAX_ZOOM = 30
const READER_MAX_ZOOM = 26

const NameParam = z
  .string()
  .regex(ARCHIVE_NAME, 'name must be 1–100 letters, digits, _, - or . and not start with .')
  .meta({ description: 'archive file name in TILES_DIR without .pmtiles', examples: ['demo'] })

const integer = (name: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, `${name} must be a non-negative integer`)
    .transform(Number)
    .meta({ type: 'integer', description: `tile ${name}` })

const NameParams = z.object({ name: NameParam })
const TileParams = z
  .object({ name: NameParam, z: integer('z'), x: integer('x'), y: integer('y') })
  .refine((p) => p.z <= MAX_ZOOM, { message: `z must be 0…${MAX_ZOOM}`, path: ['z'] })
  .refine((p) => p.x < 2 ** p.z && p.y < 2 ** p.z, { message: 'x and y must be 0…2^z−1', path: ['x'] })

const TileJson = z
  .object({
    tilejson: z.literal('3.0.0'),
    tiles: z.array(z.string()),
    vector_layers: z.array(z.object({ id: z.string() }).loose()),
    bounds: z.array(z.number()).length(4),
    center: z.array(z.number()).length(3),
    minzoom: z.number().int(),
    maxzoom: z.number().int(),
  })
  .loose()

const notFound = { 404: { description: 'no archive of that name in TILES_DIR', schema: ErrorBody } }
const badName = { 400: { description: 'a bad archive name or tile address', schema: ErrorBody } }

const ArchiveList = z.object({ archives: z.array(z.object({ name: z.string() })) })

export const pmtilesOperations: OperationSpec[] = [
  {
    method: 'get',
    path: '/pmtiles',
    operationId: 'listArchives',
    tags: ['tiles'],
    summary: 'The PMTiles archives served (the web viewer offers them as a tile source)',
    responses: {
      200: { description: 'archive names, sorted; empty when TILES_DIR holds none', schema: ArchiveList },
    },
  },
  {
    method: 'get',
    path: '/pmtiles/{name}/{z}/{x}/{y}.mvt',
    operationId: 'getArchiveTile',
    tags: ['tiles'],
    summary: 'One Mapbox Vector Tile from a PMTiles archive',
    params: z.object({ name: NameParam, z: integer('z'), x: integer('x'), y: integer('y') }),
    responses: {
      200: { description: 'the tile (gzip when accepted)', contentType: MVT_TYPE },
      204: { description: 'the archive has no tile there' },
      304: { description: 'If-None-Match matched the ETag' },
      ...badName,
      ...notFound,
    },
  },
  {
    method: 'get',
    path: '/pmtiles/{name}.json',
    operationId: 'getArchiveTileJson',
    tags: ['tiles'],
    summary: 'TileJSON 3.0.0 of a PMTiles archive, with absolute tile URLs',
    params: NameParams,
    responses: { 200: { description: 'TileJSON', schema: TileJson }, ...badName, ...notFound },
  },
  {
    method: 'get',
    path: '/pmtiles/{name}.pmtiles',
    operationId: 'getArchive',
    tags: ['tiles'],
    summary: 'The PMTiles archive itself, with Range requests (for the pmtiles protocol in MapLibre)',
    params: NameParams,
    responses: {
      200: { description: 'the whole archive', contentType: PMTILES_TYPE },
      206: { description: 'the requested byte range, with Content-Range', contentType: PMTILES_TYPE },
      304: { description: 'If-None-Match matched the ETag' },
      ...badName,
      ...notFound,
      416: {
        description: 'the range lies outside the archive; Content-Range gives its size',
        schema: ErrorBody,
      },
    },
  },
]

async function publishedArchive(folder: ArchiveFolder, name: string): Promise<PublishedArchive> {
  const archive = await folder.get(name)
  if (!archive) throw new NotFound(`no archive ${name} in TILES_DIR`)
  return archive
}

/** The routes over the archives of `config.TILES_DIR`; `deps.db` is never used. */
export function pmtilesRoutes({ config }: AppDeps): Router {
  const folder = new ArchiveFolder(config.TILES_DIR)
  // An export may replace an archive at any time: the ETag (size and mtime) revalidates it.
  const cacheControl = config.TILE_CACHE_CONTROL
  const router = Router()
  router.use('/pmtiles', mapDataCors(config))

  router.get('/pmtiles', async (_req, res) => {
    res.set('Cache-Control', 'no-cache').json({ archives: (await folder.names()).map((name) => ({ name })) })
  })

  router.get('/pmtiles/:name/:z/:x/:y.mvt', async (req, res) => {
    const { name, z, x, y } = parseRequest(TileParams, req.params, 'path')
    const archive = await publishedArchive(folder, name)
    const etag = `${archive.etag.slice(0, -1)}-${z}-${x}-${y}"`
    res.set({ ETag: etag, 'Cache-Control': cacheControl, Vary: 'Accept-Encoding' })
    if (ifNoneMatchHits(req, etag)) {
      res.status(304).end()
      return
    }
    const tile = z > READER_MAX_ZOOM ? null : await archive.source.getStoredTile({ z, x, y })
    if (!tile) {
      res.status(204).end()
      return
    }
    res.type(MVT_TYPE)
    const gzipped = tile.compression === Compression.Gzip
    if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
      res.set('Content-Encoding', 'gzip').send(gzipped ? tile.data : await gzipAsync(tile.data))
    } else {
      res.send(gzipped ? await gunzipAsync(tile.data) : tile.data)
    }
  })

  router.get('/pmtiles/:name.json', async (req, res) => {
    const { name } = parseRequest(NameParams, req.params, 'path')
    const archive = await publishedArchive(folder, name)
    const base = `${publicBaseUrl(req, config)}/pmtiles/${encodeURIComponent(name)}`
    res.set('Cache-Control', cacheControl).json(await archive.source.archive.getTileJson(base))
  })

  router.get('/pmtiles/:name.pmtiles', async (req, res, next) => {
    const { name } = parseRequest(NameParams, req.params, 'path')
    const archive = await publishedArchive(folder, name)
    res.set({ ETag: archive.etag, 'Cache-Control': cacheControl, 'Content-Type': PMTILES_TYPE })
    if (ifNoneMatchHits(req, archive.etag)) {
      res.status(304).end()
      return
    }
    // send (behind res.sendFile) answers Range, If-Range and HEAD; a bad range
    // comes back as an error with status 416, answered by the error middleware in our body.
    res.sendFile(archive.path, { etag: false, lastModified: false, cacheControl: false }, (error) => {
      if (error && !res.headersSent) next(error)
    })
  })

  return router
}
