// Public reports (举报, seed §6(五)): POST /api/reports (anyone, rate-limited per IP), GET
// /api/reports (a filtered GeoJSON list), GET /api/reports/{id} (with history) and PATCH
// /api/reports/{id} (staff: received → assigned → resolved).
//
// The report's text is stored exactly as sent and only ever served inside JSON (res.json, with
// X-Content-Type-Options: nosniff so no browser renders it as HTML); the one HTML view of the
// layer, OGC API's f=html pages, escapes every value (server/ogc/html.ts escapeHtml).
import express, { type RequestHandler, Router } from 'express'
import { ipKeyGenerator, rateLimit } from 'express-rate-limit'
import { z } from 'zod'
import { requireRole } from '../../auth/require-role.ts'
import { BadRequest, NotFound } from '../../errors.ts'
import { CHIEF_LEVELS, REPORT_CATEGORIES, REPORT_STATUSES } from '../../layers/registry.ts'
import { parseBbox } from '../../ogc/bbox.ts'
import { ogcCrs } from '../../ogc/crs-uri.ts'
import { readsPersonalFields } from '../../ogc/layer-access.ts'
import { pointToStorage, resolveRequestCrs } from '../../query/input-crs.ts'
import { todayInKunming } from '../../query/kunming-date.ts'
import { CATEGORY_TITLES } from '../../reports/categories.ts'
import { getReport, listReports } from '../../reports/list-reports.ts'
import { moveReport, SETTABLE_STATUSES } from '../../reports/report-status.ts'
import { routeReport } from '../../reports/route-report.ts'
import { storeReport } from '../../reports/store-report.ts'
import { clientAddress } from '../client-address.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { CrsParam, DateParam, numberParam, textParam } from '../openapi/parameters.ts'

/** Most features one GET /api/reports answers (newest first). */
const LIST_MAX = 5000

const Position = z.tuple([z.number(), z.number()], z.number())
const PointInput = z.union([Position, z.object({ type: z.literal('Point'), coordinates: Position })], {
  error: 'point is [x, y] or a GeoJSON Point {"type": "Point", "coordinates": [x, y]}',
})

const categoryList = REPORT_CATEGORIES.map((c) => `${c} (${CATEGORY_TITLES[c].zh})`).join(', ')

/** The body of POST /api/reports; `text` up to `maxChars` characters. */
const reportBody = (maxChars: number) =>
  z.object({
    point: PointInput.meta({ description: 'where the problem is: x, y (lon, lat) in `crs`' }),
    crs: CrsParam.optional(),
    category: z.enum(REPORT_CATEGORIES).meta({ description: `one of ${categoryList}` }),
    text: textParam('text', maxChars)
      .refine((text) => text.trim() !== '', 'text must not be blank')
      .meta({ description: 'what the reporter saw; stored exactly as sent, served only as JSON or escaped' }),
  })

const PatchBody = z.object({
  status: z.enum(SETTABLE_STATUSES).meta({ description: 'the next status: received → assigned → resolved' }),
  note: textParam('note', 2000).optional(),
})

const IdParams = z.object({
  id: numberParam('id', 'report id').pipe(z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)),
})

const ListQuery = z.object({
  bbox: z
    .string()
    .optional()
    .meta({ description: 'west,south,east,north in lon/lat degrees (EPSG:4490 / CRS84)' }),
  status: z.enum(REPORT_STATUSES).optional(),
  from: DateParam.optional().meta({
    description: 'first day (Kunming time, YYYY-MM-DD), inclusive',
    format: 'date',
  }),
  to: DateParam.optional().meta({
    description: 'last day (Kunming time, YYYY-MM-DD), inclusive',
    format: 'date',
  }),
  limit: numberParam('limit', `most features, 1–${LIST_MAX} (default 1000), newest first`)
    .pipe(z.number().int().min(1).max(LIST_MAX))
    .optional(),
})

const RoutedChief = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    position: z.string().nullable(),
    level: z.enum(CHIEF_LEVELS).nullable(),
    scope: z.object({ kind: z.string().nullable(), code: z.string().nullable() }).passthrough(),
  })
  .passthrough()
const Office = z.object({ code: z.string().nullable(), name: z.string() })

const ReportCreated = z
  .object({
    id: z.number().int(),
    status: z.literal('received'),
    reported_at: z.string().meta({ format: 'date-time' }),
    date: z.string().meta({ format: 'date', description: 'the Kunming day whose chiefs were on duty' }),
    routed: z.object({
      chief: RoutedChief.nullable().meta({
        description:
          'the responsible chief at the lowest level: of a reach or lake within LOCATE_NEAR_M, else of the village area, and so up to the city; null when none is on duty',
      }),
      office: Office.meta({ description: '滇池流域河长制办公室 inside the 滇池 basin, else 市河长制办公室' }),
      oversight: z
        .object({ name: z.string() })
        .meta({ description: '人大督察组 (滇池, 阳宗海) or 政协督察组' }),
    }),
  })
  .meta({ id: 'ReportCreated' })

const ReportProperties = z.object({
  id: z.number().int(),
  category: z.enum(REPORT_CATEGORIES).nullable(),
  status: z.enum(REPORT_STATUSES),
  reported_at: z.string().nullable(),
  chief: RoutedChief.nullable(),
  office: Office.nullable(),
  oversight: z.object({ name: z.string() }).nullable(),
  text: z.string().nullable().meta({ description: 'the report text: only with a staff token, else null' }),
})
const ReportFeature = z.object({
  type: z.literal('Feature'),
  id: z.number().int(),
  geometry: z.object({ type: z.literal('Point'), coordinates: Position }),
  properties: ReportProperties,
})
const History = z.array(
  z.object({
    status: z.enum(REPORT_STATUSES),
    at: z.string(),
    actor: z.string(),
    note: z.string().nullable(),
  }),
)
export const ReportList = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(ReportFeature) })
  .meta({ id: 'ReportList' })
export const ReportDetail = ReportFeature.extend({
  properties: ReportProperties.extend({ history: History }),
}).meta({ id: 'ReportDetail' })
const ReportMoved = z.object({ id: z.number().int(), status: z.enum(REPORT_STATUSES), at: z.string() })

const bad = { 400: { description: 'a missing, malformed or out-of-range parameter', schema: ErrorBody } }

export const reportsOperations: OperationSpec[] = [
  {
    method: 'post',
    path: '/api/reports',
    operationId: 'fileReport',
    tags: ['reports'],
    summary:
      'File a public report at a place; it is routed to the responsible chief, office and oversight body',
    description:
      'Public. Each client IP may file REPORT_RATE_LIMIT reports per REPORT_RATE_WINDOW_S seconds (429 with Retry-After beyond); the JSON body is at most REPORT_MAX_BYTES (413) and the text at most REPORT_MAX_CHARS characters.',
    body: reportBody(2000),
    responses: {
      201: { description: 'stored and routed', schema: ReportCreated },
      ...bad,
      413: { description: 'the body is over REPORT_MAX_BYTES', schema: ErrorBody },
      429: { description: 'too many reports from this address; see Retry-After', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
  {
    method: 'get',
    path: '/api/reports',
    operationId: 'listReports',
    tags: ['reports'],
    summary: 'Public reports in a box, of a status, made between two days (GeoJSON, newest first)',
    description: 'The text of each report only with a staff bearer token.',
    query: ListQuery,
    responses: {
      200: { description: 'the reports', contentType: 'application/geo+json', schema: ReportList },
      ...bad,
      401: { description: 'a bearer token that is unknown or revoked', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
  {
    method: 'get',
    path: '/api/reports/{id}',
    operationId: 'getReport',
    tags: ['reports'],
    summary: 'One public report with the history of its status',
    params: IdParams,
    responses: {
      200: { description: 'the report', contentType: 'application/geo+json', schema: ReportDetail },
      ...bad,
      401: { description: 'a bearer token that is unknown or revoked', schema: ErrorBody },
      404: { description: 'no such report', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
  {
    method: 'patch',
    path: '/api/reports/{id}',
    operationId: 'moveReport',
    tags: ['reports'],
    summary: 'Move a report one step on: received → assigned → resolved (staff)',
    security: 'bearer',
    params: IdParams,
    body: PatchBody,
    responses: {
      200: { description: 'the new status, kept in the history', schema: ReportMoved },
      ...bad,
      401: { description: 'no live bearer token', schema: ErrorBody },
      403: { description: 'the token is not staff or admin', schema: ErrorBody },
      404: { description: 'no such report', schema: ErrorBody },
      409: { description: 'not the next step from the current status', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
]

/** Reports' JSON is data, never a page: a browser must not sniff HTML into it. */
const noSniff: RequestHandler = (_req, res, next) => {
  res.set('X-Content-Type-Options', 'nosniff')
  next()
}

/** `YYYY-MM-DD` in Kunming (UTC+8, no daylight saving) as the instant that day starts, plus `days`. */
const kunmingDayStart = (day: string, days = 0) =>
  new Date(Date.parse(`${day}T00:00:00+08:00`) + days * 86_400_000)

/**
 * The report routes. Mounted before the app's own JSON parser (app.ts): their bodies are parsed
 * here with the REPORT_MAX_BYTES limit, after the per-IP rate limit of POST, so an abusive
 * client costs neither parsing nor a query.
 */
export function reportsRoutes({ db, config, locateIndex }: AppDeps): Router {
  const router = Router()
  const json = express.json({ limit: config.REPORT_MAX_BYTES })
  const limiter = rateLimit({
    windowMs: config.REPORT_RATE_WINDOW_S * 1000,
    limit: config.REPORT_RATE_LIMIT,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // IPv6 clients are keyed by their /56, as the library does by default (one home, one key).
    keyGenerator: (req) => ipKeyGenerator(clientAddress(req, config)),
    // X-Forwarded-For is read by clientAddress, under TRUST_PROXY, not by Express's 'trust proxy'.
    validate: { xForwardedForHeader: false },
    handler: (_req, res) => {
      res.status(429).json({
        error: {
          code: 'too_many_requests',
          message: `at most ${config.REPORT_RATE_LIMIT} reports per ${config.REPORT_RATE_WINDOW_S} s from one address; try again after Retry-After seconds`,
        },
      })
    },
  })
  const Body = reportBody(config.REPORT_MAX_CHARS)

  router.post('/api/reports', noSniff, limiter, json, async (req, res) => {
    const body = parseRequest(Body, req.body, 'body')
    const crs = resolveRequestCrs(body.crs)
    const [x, y] = Array.isArray(body.point) ? body.point : body.point.coordinates
    const point = pointToStorage(crs, x, y, 'point')
    const at = new Date()
    const date = todayInKunming(at)
    const index = locateIndex && config.LOCATE_ENGINE === 'index' ? await locateIndex.fresh() : null
    const routing = await routeReport(db, point, { date, nearM: config.LOCATE_NEAR_M }, index)
    const stored = await storeReport(
      db,
      { point, category: body.category, text: body.text, at, actor: 'public' },
      routing,
    )
    res.status(201).json({ ...stored, date })
  })

  router.get('/api/reports', noSniff, async (req, res) => {
    const query = parseRequest(ListQuery, req.query, 'query')
    if (query.from !== undefined && query.to !== undefined && query.from > query.to)
      throw new BadRequest(`from ${query.from} is after to ${query.to}`)
    const area = query.bbox === undefined ? undefined : parseBbox(query.bbox, ogcCrs(undefined, 'bbox'))
    const staff = await readsPersonalFields(req, db)
    const collection = await listReports(
      db,
      {
        envelopes: area?.kind === 'envelopes' ? area.envelopes : undefined,
        status: query.status,
        from: query.from === undefined ? undefined : kunmingDayStart(query.from),
        to: query.to === undefined ? undefined : kunmingDayStart(query.to, 1),
        limit: query.limit ?? 1000,
      },
      staff,
    )
    res.type('application/geo+json').send(JSON.stringify(collection))
  })

  router.get('/api/reports/:id', noSniff, async (req, res) => {
    const { id } = parseRequest(IdParams, req.params, 'path')
    const staff = await readsPersonalFields(req, db)
    const report = await getReport(db, id, staff)
    if (!report) throw new NotFound(`no report ${id}`)
    res.type('application/geo+json').send(JSON.stringify(report))
  })

  router.patch('/api/reports/:id', noSniff, requireRole(db, 'staff'), json, async (req, res) => {
    const { id } = parseRequest(IdParams, req.params, 'path')
    const body = parseRequest(PatchBody, req.body, 'body')
    res.json(await moveReport(db, id, body.status, res.locals.actor, body.note ?? null))
  })
  return router
}
