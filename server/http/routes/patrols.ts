// POST /api/patrols: a chief's GPS track (GeoJSON or GPX, any request CRS or gcj02 from a phone),
// stored with its per-fix times and answered with its evaluation (issue 13 part 1, after seed
// §5(四)). A staff or admin token uploads for any chief; a chief token for its own chief only.
// Mounted before the app's JSON parser: the body is read here, after the token is checked, with
// the PATROL_MAX_BYTES limit.
import express, {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
  Router,
} from 'express'
import { z } from 'zod'
import { requireRole } from '../../auth/require-role.ts'
import { actsForChief, type TokenInfo } from '../../auth/tokens.ts'
import { AppError, BadRequest, Forbidden, PayloadTooLarge } from '../../errors.ts'
import { parseGeoJsonTrack } from '../../patrols/parse-geojson-track.ts'
import { parseGpxTrack } from '../../patrols/parse-gpx-track.ts'
import { patrolRules } from '../../patrols/rules.ts'
import { uploadPatrol } from '../../patrols/upload-patrol.ts'
import { validateTrack } from '../../patrols/validate-track.ts'
import { resolveRequestCrs } from '../../query/input-crs.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { CrsParam, textParam } from '../openapi/parameters.ts'

const JSON_TYPES = ['application/json', 'application/geo+json']
const GPX_TYPES = ['application/gpx+xml', 'application/xml', 'text/xml']

const UploadQuery = z.object({
  chief_id: textParam('chief_id', 100).optional().meta({
    description: 'the chief whose patrol this is (GeoJSON may name it in properties.chief_id instead)',
  }),
  crs: CrsParam.optional(),
})

const PatrolAnswer = z.object({
  id: z.number().int(),
  chief_id: z.string(),
  started_at: z.string().nullable().meta({ description: 'ISO 8601 UTC' }),
  ended_at: z.string().nullable(),
  length_m: z.number().meta({ description: 'geodesic length on the ellipsoid (m)' }),
  duration_s: z.number().nullable(),
  max_speed_kmh: z.number().nullable().meta({ description: 'largest speed between consecutive fixes' }),
  valid: z.boolean().meta({ description: 'no flag' }),
  flags: z.array(z.enum(['short_duration', 'short_length', 'speed_jump', 'off_scope'])),
  coverage: z.array(
    z.object({
      scope_kind: z.enum(['reach', 'lake']),
      code: z.string(),
      name: z.string().nullable(),
      length_m: z.number(),
      covered_m: z.number().meta({ description: 'geodesic length within PATROL_NEAR_M of the track' }),
      share: z.number().meta({ description: 'covered_m / length_m, 0..1' }),
    }),
  ),
  share: z
    .number()
    .meta({ description: 'covered over total length of the chief’s scope on the patrol date, 0..1' }),
})

export const patrolsOperations: OperationSpec[] = [
  {
    method: 'post',
    path: '/api/patrols',
    operationId: 'uploadPatrol',
    tags: ['patrols'],
    summary:
      'Upload a patrol track (GeoJSON or GPX) and get its evaluation (staff, or the chief’s own token)',
    description:
      'A LineString with one time per fix: GeoJSON (a Feature or bare LineString; times in properties.times or as 4th coordinates, ISO 8601 with zone or epoch seconds/milliseconds) or GPX 1.1 (one <trk> or <rte>, each fix with <time>). Coordinates in `crs` (default EPSG:4490; gcj02 for phone apps). Flags: short_duration (< PATROL_MIN_MINUTES), short_length (township and village chiefs, < PATROL_MIN_KM_LOCAL km), speed_jump (> PATROL_MAX_KMH between fixes), off_scope (no part of the chief’s scope on the patrol date within PATROL_NEAR_M). The body is at most PATROL_MAX_BYTES, the track at most MAX_VERTICES fixes.',
    security: 'bearer',
    query: UploadQuery,
    requestBody: {
      required: true,
      content: {
        'application/geo+json': {
          schema: { type: 'object', description: 'a GeoJSON Feature or LineString' },
        },
        'application/json': { schema: { type: 'object', description: 'the same as application/geo+json' } },
        'application/gpx+xml': { schema: { type: 'string', description: 'a GPX 1.1 document' } },
      },
    },
    responses: {
      201: { description: 'stored; its evaluation', schema: PatrolAnswer },
      400: {
        description: 'an unreadable track, bad times, coordinates out of range, no chief id',
        schema: ErrorBody,
      },
      401: { description: 'no live bearer token', schema: ErrorBody },
      403: { description: 'the token is neither staff nor admin nor this chief’s', schema: ErrorBody },
      404: { description: 'no chief with the id', schema: ErrorBody },
      413: { description: 'over PATROL_MAX_BYTES, or more than MAX_VERTICES fixes', schema: ErrorBody },
      415: { description: 'neither GeoJSON nor GPX', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
]

/** Body-parser's own errors, in our words: the limit named, and no mention of JSON for a GPX. */
const bodyErrors =
  (maxBytes: number): ErrorRequestHandler =>
  (error, _req, _res, next) => {
    const type = (error as { type?: string }).type
    if (type === 'entity.too.large')
      return next(new PayloadTooLarge(`a patrol upload is at most ${maxBytes} bytes (PATROL_MAX_BYTES)`))
    if (type === 'entity.parse.failed')
      return next(new BadRequest('the body is not valid JSON', undefined, 'bad_track'))
    next(error)
  }

const requireTrackType: RequestHandler = (req, _res, next) => {
  if (!req.is([...JSON_TYPES, ...GPX_TYPES]))
    throw new AppError(
      415,
      'unsupported_media_type',
      `send the track as GeoJSON (Content-Type application/geo+json or application/json) or GPX (application/gpx+xml), not ${req.get('content-type') ?? 'no Content-Type'}`,
    )
  next()
}

export function patrolsRoutes({ db, config }: AppDeps): Router {
  const router = Router()
  const rules = patrolRules(config)
  const limit = config.PATROL_MAX_BYTES
  router.post(
    '/api/patrols',
    requireRole(db, ['staff', 'chief']),
    requireTrackType,
    express.json({ limit, type: JSON_TYPES }),
    express.text({ limit, type: GPX_TYPES }),
    bodyErrors(limit),
    async (req: Request, res: Response) => {
      const query = parseRequest(UploadQuery, req.query, 'query')
      const crs = resolveRequestCrs(query.crs)
      const raw = typeof req.body === 'string' ? parseGpxTrack(req.body) : parseGeoJsonTrack(req.body)
      if (query.chief_id && raw.chiefId && query.chief_id !== raw.chiefId)
        throw new BadRequest(
          `chief_id ${query.chief_id} in the query and ${raw.chiefId} in properties.chief_id differ`,
          undefined,
          'bad_chief',
        )
      const chiefId = query.chief_id ?? raw.chiefId
      if (!chiefId)
        throw new BadRequest(
          'name the chief: ?chief_id= (or properties.chief_id in GeoJSON)',
          undefined,
          'bad_chief',
        )
      const token = res.locals.token as TokenInfo
      if (!actsForChief(token, chiefId))
        throw new Forbidden(
          `this chief token uploads patrols of chief ${token.chief_id} only, not of ${chiefId}`,
        )
      const track = validateTrack(raw, crs, config.MAX_VERTICES)
      res.status(201).json(await uploadPatrol(db, chiefId, track, rules))
    },
  )
  return router
}
