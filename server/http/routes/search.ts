// GET /api/search?q=&limit=: the viewer's search box over waters, chiefs and places (issue 12 item 3).
import { Router } from 'express'
import { z } from 'zod'
import { todayInKunming } from '../../query/kunming-date.ts'
import { SearchHit, search } from '../../query/search.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { DateParam, numberParam, textParam } from '../openapi/parameters.ts'

const SearchQuery = z.object({
  q: textParam('q', 100, { trim: true }).meta({ description: 'part of a name or code, case-insensitive' }),
  limit: numberParam('limit', 'most hits, 1–50 (default 10)')
    .pipe(z.number().int().min(1).max(50))
    .optional(),
  date: DateParam.optional(),
})

export const SearchResponse = z
  .object({ q: z.string(), date: z.string().meta({ format: 'date' }), results: z.array(SearchHit) })
  .meta({ id: 'SearchResponse' })

export const searchOperations: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/search',
    operationId: 'search',
    tags: ['search'],
    summary: 'Rivers, reaches, lakes, chiefs and places by name or code: exact, then prefix, then contains',
    query: SearchQuery,
    responses: {
      200: { description: 'the hits, best first', schema: SearchResponse },
      400: { description: 'a bad parameter', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
]

export function searchRoutes({ db }: AppDeps): Router {
  const router = Router()
  router.get('/api/search', async (req, res) => {
    const { q, limit = 10, date = todayInKunming() } = parseRequest(SearchQuery, req.query, 'query')
    res.json({ q, date, results: await search(db, { q, limit, date }) })
  })
  return router
}
