// GET /api/targets?year=: the seed's 2020 targets (seed §2) computed from the stored data.
import { Router } from 'express'
import { z } from 'zod'
import { latestMeasuredYear } from '../../water-quality/latest-year.ts'
import { computeTargets } from '../../water-quality/targets/all-targets.ts'
import { Target } from '../../water-quality/targets/target.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'

const TargetsQuery = z.object({
  year: z
    .string({ error: 'year must be a year YYYY' })
    .regex(/^\d{4}$/, 'year must be a year YYYY')
    .transform(Number)
    .pipe(z.number().int().min(1949, 'year must be 1949 or later').max(2100, 'year must be 2100 or earlier'))
    .optional()
    .meta({ description: 'calendar year (default: the year of the latest stored measurement)' }),
})

export const TargetsResponse = z
  .object({ year: z.number().int(), targets: z.array(Target) })
  .meta({ id: 'TargetsResponse' })

export const targetsOperations: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/targets',
    operationId: 'getTargets',
    tags: ['water-quality'],
    summary: 'The 2020 water targets of the seed (§2) for a year, each with the features behind it',
    description:
      'Rates are computed from the stored measurements and layers; a target without data has denominator 0 and rate and met null. Failing features link to the upstream trace of their (worst) section.',
    query: TargetsQuery,
    responses: {
      200: { description: 'the targets', schema: TargetsResponse },
      400: { description: 'a bad year', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
]

export function targetsRoutes({ db }: AppDeps): Router {
  const router = Router()
  router.get('/api/targets', async (req, res) => {
    const query = parseRequest(TargetsQuery, req.query, 'query')
    const year = query.year ?? (await latestMeasuredYear(db))
    res.json({ year, targets: await computeTargets(db, year) })
  })
  return router
}
