// GET /api/patrols/compliance: which chiefs patrolled as often as the seed asks (§5(四)) over a
// period, as JSON, as a CSV download (format=csv) or as a map of their scopes (format=geojson).
import { Router } from 'express'
import { z } from 'zod'
import { CHIEF_LEVELS } from '../../layers/registry.ts'
import { ComplianceChief, complianceFeatures, patrolCompliance } from '../../patrols/compliance.ts'
import { complianceCsv } from '../../patrols/compliance-csv.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { DateParam } from '../openapi/parameters.ts'

const ComplianceQuery = z.object({
  from: DateParam.meta({
    description: 'first day of the period (YYYY-MM-DD, Kunming), inclusive',
    format: 'date',
  }),
  to: DateParam.meta({
    description: 'last day of the period (YYYY-MM-DD, Kunming), inclusive',
    format: 'date',
  }),
  level: z
    .enum(CHIEF_LEVELS, { error: `level must be one of ${CHIEF_LEVELS.join(', ')}` })
    .optional()
    .meta({ description: 'only chiefs of this level (parks act at county level)' }),
  county: z
    .string({ error: 'county must be a 12-digit division code' })
    .regex(/^[0-9]{12}$/, 'county must be a 12-digit division code')
    .optional()
    .meta({
      description: 'only chiefs holding a reach, lake or area in this county (its 12-digit division code)',
    }),
  format: z
    .enum(['json', 'csv', 'geojson'], { error: 'format must be one of json, csv, geojson' })
    .optional()
    .meta({
      description: 'json (default), csv (UTF-8 with BOM, Chinese headers) or geojson (a map of the scopes)',
    }),
})

export const ComplianceResponse = z
  .object({
    from: z.string().meta({ format: 'date' }),
    to: z.string().meta({ format: 'date' }),
    chiefs: z.array(ComplianceChief),
  })
  .meta({ id: 'ComplianceResponse' })

export const patrolComplianceOperations: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/patrols/compliance',
    operationId: 'patrolCompliance',
    tags: ['patrols'],
    summary: 'Patrol compliance of the chiefs over a period (seed §5(四))',
    description:
      'For each river and lake chief (and village-group specialist): the calendar windows of their level in which a valid patrol was owed (city a quarter, county and park two months from January, township a month, village a half-month; owed when the chief held the scope for at least half of the window), the valid patrols made, the reaches and lakes never covered, and pass or fail. Chiefs-in-general and deputies are counted only for reaches they also hold as river chiefs.',
    query: ComplianceQuery,
    responses: {
      200: {
        description:
          'the chiefs, city level first (format=csv: text/csv; format=geojson: application/geo+json)',
        schema: ComplianceResponse,
      },
      400: {
        description: 'a malformed parameter, from after to, or a period over 1100 days',
        schema: ErrorBody,
      },
      404: { description: 'county names no county', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
]

export function patrolComplianceRoutes({ db, config }: AppDeps): Router {
  const router = Router()
  router.get('/api/patrols/compliance', async (req, res) => {
    const q = parseRequest(ComplianceQuery, req.query, 'query')
    const chiefs = await patrolCompliance(
      db,
      { from: q.from, to: q.to, level: q.level, county: q.county },
      { villageGroupWindows: config.PATROL_FREQUENCY_VILLAGE_GROUP },
    )
    if (q.format === 'csv') {
      res
        .type('text/csv; charset=utf-8')
        .attachment(`patrol-compliance-${q.from}-${q.to}.csv`)
        .send(complianceCsv(chiefs))
    } else if (q.format === 'geojson') {
      res.type('application/geo+json').send(JSON.stringify(await complianceFeatures(db, chiefs)))
    } else res.json({ from: q.from, to: q.to, chiefs })
  })
  return router
}
