// POST /api/sections/{code}/measurements: staff store a monitoring section's water-quality
// measurements, one or many, all or none (seed §5(五)).
import { Router } from 'express'
import { z } from 'zod'
import { requireRole } from '../../auth/require-role.ts'
import { MAX_MEASUREMENTS, Measurement, storeMeasurements } from '../../water-quality/store-measurements.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { textParam } from '../openapi/parameters.ts'

const SectionParams = z.object({
  code: textParam('code', 100).meta({
    description: 'monitoring section code (or id), as ?section= of /api/network',
  }),
})
const Measurements = z.array(Measurement)

export const MeasurementsStored = z
  .object({
    section: z.string().meta({ description: 'the section code' }),
    inserted: z.number().int(),
    updated: z.number().int().meta({ description: 'dates the section already had, replaced' }),
  })
  .meta({ id: 'MeasurementsStored' })

export const measurementsOperations: OperationSpec[] = [
  {
    method: 'post',
    path: '/api/sections/{code}/measurements',
    operationId: 'storeMeasurements',
    tags: ['water-quality'],
    summary: 'Store water-quality measurements of a monitoring section (staff)',
    description: `One measurement object or an array of up to ${MAX_MEASUREMENTS}, stored in one transaction. A date the section already has is replaced whole.`,
    security: 'bearer',
    params: SectionParams,
    body: z.union([Measurement, Measurements]),
    responses: {
      201: { description: 'stored', schema: MeasurementsStored },
      400: { description: 'a bad field (named), an empty list or a date given twice', schema: ErrorBody },
      401: { description: 'no bearer token, or an unknown one', schema: ErrorBody },
      403: { description: 'the token is not a staff token', schema: ErrorBody },
      404: { description: 'no monitoring section with that code', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
]

export function measurementsRoutes({ db }: AppDeps): Router {
  const router = Router()
  router.post('/api/sections/:code/measurements', requireRole(db, 'staff'), async (req, res) => {
    const { code } = parseRequest(SectionParams, req.params, 'path')
    const body: unknown = req.body
    const items = parseRequest(Measurements, Array.isArray(body) ? body : [body], 'body')
    res.status(201).json(await storeMeasurements(db, code, items))
  })
  return router
}
