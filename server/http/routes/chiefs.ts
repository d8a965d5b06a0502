// GET /api/chiefs?q= (search) and GET /api/chiefs/{id} (one chief with their scopes as GeoJSON).
import { Router } from 'express'
import { z } from 'zod'
import { CHIEF_LEVELS } from '../../layers/registry.ts'
import { ChiefDetail, ChiefSearchResult, getChief, searchChiefs } from '../../query/chiefs.ts'
import { todayInKunming } from '../../query/kunming-date.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { DateParam, numberParam, textParam } from '../openapi/parameters.ts'

const SearchQuery = z.object({
  q: textParam('q', 100, { trim: true }).optional().meta({
    description: 'part of the name or id, case-insensitive; omit to list all',
  }),
  level: z
    .enum(CHIEF_LEVELS)
    .optional()
    .meta({ description: 'only chiefs holding a scope at this level on the date' }),
  date: DateParam.optional(),
  limit: numberParam('limit', 'page size, 1–200 (default 50)')
    .pipe(z.number().int().min(1).max(200))
    .optional(),
  offset: numberParam('offset', 'rows to skip (default 0)')
    .pipe(z.number().int().min(0).max(1_000_000))
    .optional(),
})

const IdParams = z.object({ id: textParam('id', 100).meta({ description: 'chief id' }) })
const DetailQuery = z.object({ date: DateParam.optional() })

export const ChiefSearchResponse = ChiefSearchResult.extend({
  date: z.string().meta({ format: 'date' }),
}).meta({
  id: 'ChiefSearchResponse',
})
export const ChiefResponse = ChiefDetail.extend({ date: z.string().meta({ format: 'date' }) }).meta({
  id: 'ChiefResponse',
})

export const chiefsOperations: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/chiefs',
    operationId: 'searchChiefs',
    tags: ['chiefs'],
    summary: 'Search chiefs by name',
    query: SearchQuery,
    responses: {
      200: { description: 'matching chiefs, by name', schema: ChiefSearchResponse },
      400: { description: 'a bad parameter', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
  {
    method: 'get',
    path: '/api/chiefs/{id}',
    operationId: 'getChief',
    tags: ['chiefs'],
    summary: 'One chief, their assignments and their scopes as GeoJSON',
    params: IdParams,
    query: DetailQuery,
    responses: {
      200: { description: 'the chief', schema: ChiefResponse },
      400: { description: 'a bad parameter', schema: ErrorBody },
      404: { description: 'no such chief', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
]

export function chiefsRoutes({ db }: AppDeps): Router {
  const router = Router()
  router.get('/api/chiefs', async (req, res) => {
    const query = parseRequest(SearchQuery, req.query, 'query')
    const date = query.date ?? todayInKunming()
    const result = await searchChiefs(db, {
      q: query.q,
      level: query.level,
      date,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    })
    res.json({ date, ...result })
  })
  router.get('/api/chiefs/:id', async (req, res) => {
    const { id } = parseRequest(IdParams, req.params, 'path')
    const { date = todayInKunming() } = parseRequest(DetailQuery, req.query, 'query')
    res.json({ date, ...(await getChief(db, id, date)) })
  })
  return router
}
