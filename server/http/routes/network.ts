// GET /api/network/upstream and /api/network/downstream: trace the river network from a monitoring
// section or a point (水质恶化倒查, seed §5(五)).
import { Router } from 'express'
import { z } from 'zod'
import { BadRequest } from '../../errors.ts'
import { pointToStorage, resolveRequestCrs } from '../../query/input-crs.ts'
import { todayInKunming } from '../../query/kunming-date.ts'
import { type Direction, TraceResult, traceNetwork } from '../../query/network-trace.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { CrsParam, DateParam, numberParam, textParam } from '../openapi/parameters.ts'

const TraceQuery = z.object({
  section: textParam('section', 100).optional().meta({ description: 'monitoring section code or id' }),
  lon: numberParam('lon', 'start point: longitude or easting (instead of section)').optional(),
  lat: numberParam('lat', 'start point: latitude or northing (instead of section)').optional(),
  crs: CrsParam.optional(),
  date: DateParam.optional(),
})

export const TraceResponse = TraceResult.extend({
  date: z.string().meta({ format: 'date' }),
  warnings: z.array(z.string()),
}).meta({ id: 'TraceResponse' })

export const networkOperations: OperationSpec[] = (['upstream', 'downstream'] as const).map(
  (direction): OperationSpec => ({
    method: 'get',
    path: `/api/network/${direction}`,
    operationId: `trace${direction === 'upstream' ? 'Upstream' : 'Downstream'}`,
    tags: ['network'],
    summary: `Trace the river network ${direction} of a monitoring section or a point`,
    description:
      'Give either section or lon and lat. The start snaps to the nearest reach (a section prefers its own river, within 1 km; a point within LOCATE_NEAR_M). Reaches come nearest first along the network; outfalls and sections behind the start point on the start reach are left out.',
    query: TraceQuery,
    responses: {
      200: { description: 'the trace; empty lists when no reach is near the point', schema: TraceResponse },
      400: { description: 'neither or both of section and lon/lat, or a bad parameter', schema: ErrorBody },
      404: { description: 'no monitoring section with that code or id', schema: ErrorBody },
      ...unavailableResponse,
    },
  }),
)

export function networkRoutes({ db, config }: AppDeps): Router {
  const router = Router()
  const trace =
    (direction: Direction) => async (req: import('express').Request, res: import('express').Response) => {
      const query = parseRequest(TraceQuery, req.query, 'query')
      const hasPoint = query.lon !== undefined || query.lat !== undefined
      if (query.section !== undefined && hasPoint)
        throw new BadRequest('give either section or lon/lat, not both')
      if (query.section === undefined && !hasPoint)
        throw new BadRequest('section, or lon and lat, is required')
      if (hasPoint && (query.lon === undefined || query.lat === undefined)) {
        throw new BadRequest(
          query.lon === undefined ? 'lon is required with lat' : 'lat is required with lon',
        )
      }
      const date = query.date ?? todayInKunming()
      const crs = resolveRequestCrs(query.crs)
      let from: { section: string } | { lon: number; lat: number }
      if (query.section !== undefined) from = { section: query.section }
      else {
        const [lon, lat] = pointToStorage(crs, query.lon!, query.lat!, 'lon/lat')
        from = { lon, lat }
      }
      const result = await traceNetwork(db, from, direction, { date, nearM: config.LOCATE_NEAR_M })
      res.json({ date, warnings: crs.warning && 'lon' in from ? [crs.warning] : [], ...result })
    }
  router.get('/api/network/upstream', trace('upstream'))
  router.get('/api/network/downstream', trace('downstream'))
  return router
}
