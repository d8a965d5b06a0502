// POST /api/intrusion: does a proposed project intrude on blue lines, shorelines or protection zones?
import { Router } from 'express'
import { z } from 'zod'
import { resolveRequestCrs } from '../../query/input-crs.ts'
import { geometryToStorage } from '../../query/input-geometry.ts'
import { CONSTRAINT_LAYERS, checkIntrusion, IntrusionResult } from '../../query/intrusion.ts'
import { todayInKunming } from '../../query/kunming-date.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { CrsParam, DateParam } from '../openapi/parameters.ts'

/** A buffer wider than this is a regional study, not a project review. */
export const MAX_BUFFER_M = 10_000

const IntrusionBody = z.object({
  geometry: z
    .record(z.string(), z.unknown(), {
      error:
        'geometry is required: a GeoJSON geometry (Point, LineString, Polygon, Multi*, GeometryCollection) or Feature',
    })
    .meta({
      description:
        'The project: any GeoJSON geometry or a Feature, in `crs`. Rings must be closed and the polygon valid (no self-intersection); at most MAX_VERTICES vertices.',
      examples: [
        {
          type: 'Polygon',
          coordinates: [
            [
              [102.7, 25.0],
              [102.71, 25.0],
              [102.71, 25.01],
              [102.7, 25.0],
            ],
          ],
        },
      ],
    }),
  crs: CrsParam.optional(),
  buffer_m: z
    .number({ error: 'buffer_m must be a number of metres' })
    .min(0, 'buffer_m must not be negative')
    .max(MAX_BUFFER_M, `buffer_m must be at most ${MAX_BUFFER_M}`)
    .default(0)
    .meta({ description: 'features this close (metres, geodesic) are reported as within_buffer' }),
  date: DateParam.optional(),
})

export const IntrusionResponse = IntrusionResult.extend({
  date: z.string().meta({ format: 'date' }),
  crs: z.string(),
  warnings: z.array(z.string()),
}).meta({ id: 'IntrusionResponse' })

export const intrusionOperations: OperationSpec[] = [
  {
    method: 'post',
    path: '/api/intrusion',
    operationId: 'intrusion',
    tags: ['query'],
    summary: 'Check a proposed project against every constraint layer (涉河建设项目审查)',
    description: `For each constraint layer (${CONSTRAINT_LAYERS.join(', ')}) every feature the project touches, with relation, overlap area and length, share of the project, distances, and the rules of the intrusion_rules table with their sources; a verdict (forbidden, review, clear); the reaches affected and the chiefs and offices to notify.`,
    body: IntrusionBody,
    responses: {
      200: { description: 'the review', schema: IntrusionResponse },
      400: {
        description: 'an invalid, oversized or out-of-range geometry, or a bad parameter',
        schema: ErrorBody,
      },
      ...unavailableResponse,
    },
  },
]

export function intrusionRoutes({ db, config }: AppDeps): Router {
  const router = Router()
  router.post('/api/intrusion', async (req, res) => {
    const body = parseRequest(IntrusionBody, req.body, 'body')
    const crs = resolveRequestCrs(body.crs)
    const { geometry, vertices } = geometryToStorage(body.geometry, crs, config.MAX_VERTICES)
    const date = body.date ?? todayInKunming()
    const result = await checkIntrusion(db, geometry, vertices, {
      bufferM: body.buffer_m,
      date,
      nearM: config.LOCATE_NEAR_M,
    })
    res.json({ date, crs: crs.id, warnings: crs.warning ? [crs.warning] : [], ...result })
  })
  return router
}
