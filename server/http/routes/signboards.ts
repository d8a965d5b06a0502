// GET /api/signboards/{reachCode} (a board's content as JSON), GET /api/signboards?county= (the
// reaches whose boards a county prints) and GET /signboards/{reachCode}.html (a printable A4 board).
import { type Request, type Response, Router } from 'express'
import { z } from 'zod'
import { AppError } from '../../errors.ts'
import { escapeHtml } from '../../ogc/html.ts'
import { todayInKunming } from '../../query/kunming-date.ts'
import { Signboard, signboardFor } from '../../signboards/board.ts'
import { boardPage } from '../../signboards/board-html.ts'
import { CountyReaches, countyReaches } from '../../signboards/county-reaches.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { DateParam, textParam } from '../openapi/parameters.ts'

const ReachParams = z.object({ reachCode: textParam('reachCode', 100).meta({ description: 'reaches.code' }) })
const DateQuery = z.object({ date: DateParam.optional() })
const CountyQuery = z.object({
  county: z
    .string({ error: 'county is required' })
    .regex(/^[0-9]{12}$/, 'county must be a 12-digit division code')
    .meta({ description: 'the county (admin_areas.code, level county)', examples: ['530111000000'] }),
})

export const signboardsOperations: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/signboards',
    operationId: 'listCountySignboards',
    tags: ['signboards'],
    summary: 'The reaches whose signboards a county prints',
    description: 'A reach belongs to the county holding the point at half its length.',
    query: CountyQuery,
    responses: {
      200: { description: 'the county and its reaches', schema: CountyReaches },
      400: { description: 'a bad parameter, or an area that is not a county', schema: ErrorBody },
      404: { description: 'no such administrative area', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
  {
    method: 'get',
    path: '/api/signboards/{reachCode}',
    operationId: 'getSignboard',
    tags: ['signboards'],
    summary:
      "A reach's river chief signboard (seed §6(五)): chiefs, duties, contacts, scope, targets, hotline",
    params: ReachParams,
    query: DateQuery,
    responses: {
      200: { description: 'the board', schema: Signboard },
      400: { description: 'a bad parameter', schema: ErrorBody },
      404: { description: 'no such reach', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
  {
    method: 'get',
    path: '/signboards/{reachCode}.html',
    operationId: 'printSignboard',
    tags: ['signboards'],
    summary: "A reach's signboard as a printable A4 page",
    params: ReachParams,
    query: DateQuery,
    responses: {
      200: { description: 'the board, one A4 page', contentType: 'text/html; charset=utf-8' },
      400: { description: 'a bad parameter (an HTML page)', contentType: 'text/html; charset=utf-8' },
      404: { description: 'no such reach (an HTML page)', contentType: 'text/html; charset=utf-8' },
    },
  },
]

/** A person reading a printed page gets the error as a page, in our words (never a stack trace). */
function htmlError(res: Response, error: AppError) {
  res
    .status(error.status)
    .type('html')
    .send(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${error.status}</title></head>` +
        `<body><h1>${error.status}</h1><p>${escapeHtml(error.message)}</p></body></html>\n`,
    )
}

export function signboardsRoutes({ db, config }: AppDeps): Router {
  const router = Router()
  const options = { hotlines: config, nearM: config.LOCATE_NEAR_M }
  const board = (req: Request) => {
    const { reachCode } = parseRequest(ReachParams, req.params, 'path')
    const { date = todayInKunming() } = parseRequest(DateQuery, req.query, 'query')
    return signboardFor(db, reachCode, date, options)
  }
  router.get('/api/signboards', async (req, res) => {
    const { county } = parseRequest(CountyQuery, req.query, 'query')
    res.json(await countyReaches(db, county))
  })
  router.get('/api/signboards/:reachCode', async (req, res) => {
    res.json(await board(req))
  })
  router.get('/signboards/:reachCode.html', async (req, res) => {
    try {
      res.type('html').send(boardPage(await board(req)))
    } catch (error) {
      if (error instanceof AppError && error.status < 500) return htmlError(res, error)
      throw error
    }
  })
  return router
}
