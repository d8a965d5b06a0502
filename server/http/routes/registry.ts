// GET /api/registry (JSON) and GET /api/registry.csv (download): the public registry of rivers,
// canals, lakes and reservoirs (河(渠)湖库名录, seed §5(一)).
import { Router } from 'express'
import { z } from 'zod'
import { ADMIN_LEVELS } from '../../layers/registry.ts'
import { todayInKunming } from '../../query/kunming-date.ts'
import { registryCsv } from '../../query/registry-csv.ts'
import { listRegistry, RegistryEntry, WATER_KINDS } from '../../query/registry-list.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { DateParam } from '../openapi/parameters.ts'

const RegistryQuery = z.object({
  level: z
    .enum(ADMIN_LEVELS, { error: `level must be one of ${ADMIN_LEVELS.join(', ')}` })
    .optional()
    .meta({ description: 'only water bodies of this management level' }),
  county: z
    .string({ error: 'county must be a 12-digit division code' })
    .regex(/^[0-9]{12}$/, 'county must be a 12-digit division code')
    .optional()
    .meta({ description: 'only water bodies crossing this county (its 12-digit division code)' }),
  kind: z
    .enum(WATER_KINDS, { error: `kind must be one of ${WATER_KINDS.join(', ')}` })
    .optional()
    .meta({ description: 'only this kind of water body' }),
  date: DateParam.optional(),
})

export const RegistryResponse = z
  .object({
    date: z.string().meta({ format: 'date' }),
    count: z.number().int(),
    water_bodies: z.array(RegistryEntry),
  })
  .meta({ id: 'RegistryResponse' })

const errors = {
  400: { description: 'a malformed parameter', schema: ErrorBody },
  404: { description: 'county names no county', schema: ErrorBody },
  ...unavailableResponse,
}

export const registryOperations: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/registry',
    operationId: 'listRegistry',
    tags: ['registry'],
    summary: 'The public registry of rivers, canals, lakes and reservoirs (河(渠)湖库名录)',
    description:
      'Every water body with its management level, the counties it crosses, its geodesic length (rivers) or area (lakes) and its chiefs on duty on the date, city level first.',
    query: RegistryQuery,
    responses: { 200: { description: 'the registry', schema: RegistryResponse }, ...errors },
  },
  {
    method: 'get',
    path: '/api/registry.csv',
    operationId: 'downloadRegistry',
    tags: ['registry'],
    summary: 'The same registry as a CSV download (UTF-8 with BOM, Chinese headers, for Excel)',
    query: RegistryQuery,
    responses: {
      200: { description: 'the registry as CSV', contentType: 'text/csv; charset=utf-8' },
      ...errors,
    },
  },
]

export function registryRoutes({ db }: AppDeps): Router {
  const router = Router()
  const read = async (query: unknown) => {
    const q = parseRequest(RegistryQuery, query, 'query')
    const date = q.date ?? todayInKunming()
    return { date, entries: await listRegistry(db, { date, level: q.level, county: q.county, kind: q.kind }) }
  }
  router.get('/api/registry', async (req, res) => {
    const { date, entries } = await read(req.query)
    res.json({ date, count: entries.length, water_bodies: entries })
  })
  router.get('/api/registry.csv', async (req, res) => {
    const { date, entries } = await read(req.query)
    res.type('text/csv; charset=utf-8').attachment(`registry-${date}.csv`).send(registryCsv(entries))
  })
  return router
}
