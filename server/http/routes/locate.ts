// GET /api/locate (one point) and POST /api/locate (a batch): who and what covers a point.
import { type Response, Router } from 'express'
import { z } from 'zod'
import { BadRequest } from '../../errors.ts'
import { pointToStorage, resolveRequestCrs } from '../../query/input-crs.ts'
import { todayInKunming } from '../../query/kunming-date.ts'
import { LocateResult, locateFromIndex, locatePoints } from '../../query/locate.ts'
import { locateJsonList } from '../../query/locate-json.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { CrsParam, DateParam, numberParam } from '../openapi/parameters.ts'

const Engine = z.enum(['index', 'sql']).meta({
  description:
    "'sql' answers from the SQL statement (the oracle); 'index' (default unless LOCATE_ENGINE=sql) from the in-process index when it holds the current data, else from SQL",
})

const LocateQuery = z.object({
  lon: numberParam('lon', 'longitude, or easting in a projected CRS'),
  lat: numberParam('lat', 'latitude, or northing in a projected CRS'),
  crs: CrsParam.optional(),
  date: DateParam.optional(),
  engine: Engine.optional(),
})

const PointInput = z.union(
  [z.tuple([z.number(), z.number()], z.number()), z.object({ lon: z.number(), lat: z.number() })],
  { error: 'a point is [x, y] or {"lon": x, "lat": y} with finite numbers' },
)

const LocateBody = z.object({
  points: z.array(PointInput).min(1, 'points must hold at least one point'),
  crs: CrsParam.optional(),
  date: DateParam.optional(),
})

const Answer = {
  date: z.string().meta({ format: 'date' }),
  crs: z.string().meta({ description: 'the CRS the input was read in' }),
  near_m: z.number().meta({ description: 'the near-river distance in force (LOCATE_NEAR_M)' }),
  warnings: z.array(z.string()).meta({ description: 'e.g. an old datum converted without local parameters' }),
}

export const LocateResponse = LocateResult.extend(Answer).meta({ id: 'LocateResponse' })
export const LocateBatchResponse = z
  .object({ ...Answer, count: z.number().int(), results: z.array(LocateResult) })
  .meta({ id: 'LocateBatchResponse' })

const errors = {
  400: { description: 'a missing, malformed or out-of-range parameter', schema: ErrorBody },
  ...unavailableResponse,
}

export const locateOperations: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/locate',
    operationId: 'locate',
    tags: ['query'],
    summary: 'Who and what covers a point',
    description:
      'The administrative chain, the basin with its authority, office and oversight body, every chief on duty on the date (reach chiefs within near_m, area chiefs of containing areas), every zone covering the point, and the nearest reach. A point on a shared boundary belongs to both areas. A point in the middle of nowhere gives empty lists.',
    query: LocateQuery,
    responses: { 200: { description: 'the answer for the point', schema: LocateResponse }, ...errors },
  },
  {
    method: 'post',
    path: '/api/locate',
    operationId: 'locateBatch',
    tags: ['query'],
    summary: 'Locate many points at once (up to MAX_BATCH, default 10 000)',
    query: z.object({ engine: Engine.optional() }),
    body: LocateBody,
    responses: {
      200: { description: 'one answer per point, in the order sent', schema: LocateBatchResponse },
      ...errors,
    },
  },
]

/** A GET /api/locate query read: the point in storage CRS, the answer's head fields, the options. */
export interface LocateAsked {
  point: [number, number]
  engine: 'index' | 'sql' | undefined
  options: { date: string; nearM: number }
  head: { date: string; crs: string; near_m: number; warnings: string[] }
}

/**
 * Reads GET /api/locate's query (`query`: the parsed query string, values strings or arrays) with
 * `nearM` (LOCATE_NEAR_M) in force. Throws BadRequest (400) naming the parameter: a missing or
 * non-finite lon/lat, an unknown CRS, a point outside the CRS's area, a malformed date. Shared by
 * the route and its lean path (locate-lean.ts), so that both read a query alike.
 */
export function readLocateQuery(query: unknown, nearM: number): LocateAsked {
  const parsed = parseRequest(LocateQuery, query, 'query')
  const crs = resolveRequestCrs(parsed.crs)
  const point = pointToStorage(crs, parsed.lon, parsed.lat, 'lon/lat')
  const date = parsed.date ?? todayInKunming()
  return {
    point,
    engine: parsed.engine,
    options: { date, nearM },
    head: { date, crs: crs.id, near_m: nearM, warnings: crs.warning ? [crs.warning] : [] },
  }
}

/** Index results are written to the response this many points at a time (a 10 000-point answer is ~24 MB). */
const STREAM_CHUNK = 500

/** Resolves when `res` can take more (drain) or will take nothing more (close). */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

export function locateRoutes({ db, config, locateIndex }: AppDeps): Router {
  const router = Router()
  const nearM = config.LOCATE_NEAR_M
  /** The index when asked for and current, else null (SQL answers). */
  const indexFor = (engine: 'index' | 'sql' | undefined) =>
    (engine ?? config.LOCATE_ENGINE) === 'sql' || !locateIndex ? null : locateIndex.fresh()

  router.get('/api/locate', async (req, res) => {
    const asked = readLocateQuery(req.query, nearM)
    const [result] = await locatePoints(db, [asked.point], asked.options, await indexFor(asked.engine))
    res.json({ ...asked.head, ...result })
  })

  router.post('/api/locate', async (req, res) => {
    const { engine } = parseRequest(z.object({ engine: Engine.optional() }), req.query, 'query')
    const count = Array.isArray(req.body?.points) ? req.body.points.length : 0
    if (count > config.MAX_BATCH) {
      throw new BadRequest(
        `points: ${count} points is over the batch limit of ${config.MAX_BATCH} (MAX_BATCH)`,
      )
    }
    const body = parseRequest(LocateBody, req.body, 'body')
    const crs = resolveRequestCrs(body.crs)
    const points = body.points.map((p, i) =>
      Array.isArray(p)
        ? pointToStorage(crs, p[0], p[1], `points[${i}]`)
        : pointToStorage(crs, p.lon, p.lat, `points[${i}]`),
    )
    const date = body.date ?? todayInKunming()
    const head = { date, crs: crs.id, near_m: nearM, warnings: crs.warning ? [crs.warning] : [] }
    const index = await indexFor(engine)
    if (!index) {
      const results = await locatePoints(db, points, { date, nearM })
      res.json({ ...head, count: results.length, results })
      return
    }
    // From memory nothing can fail midway, so the answer is streamed: the same bytes res.json
    // would send, written a chunk at a time instead of held whole (each answer by locateJsonList,
    // JSON.stringify's bytes from the index's shared pieces, joined by commas). Between chunks
    // the loop waits for the socket to drain, so a slow reader does not make the whole answer
    // pile up in memory, and yields, so other requests are not held for a batch.
    res.type('application/json')
    const open = JSON.stringify({ ...head, count: points.length })
    res.write(`${open.slice(0, -1)},"results":[`)
    for (let start = 0; start < points.length; start += STREAM_CHUNK) {
      if (res.destroyed) return // the client went away
      const json = locateJsonList(
        points.slice(start, start + STREAM_CHUNK).map((p) => locateFromIndex(index, p, { date, nearM })),
      )
      if (start > 0) res.write(',')
      const flowing = res.write(json)
      await (flowing ? new Promise(setImmediate) : drained(res))
    }
    res.end(']}')
  })
  return router
}
