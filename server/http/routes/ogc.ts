// OGC API – Features (Parts 1 and 2; Part 3 through server/ogc/filter-adapter.ts) at /ogc, over
// the layer registry: one collection per layer, no second list. The resources are built in
// server/ogc; this file only routes, negotiates the format and sends. Errors under /ogc are
// rendered by the one error middleware in the OGC exception shape {code, description}.
import { type Request, type Response, Router } from 'express'
import { NotFound } from '../../errors.ts'
import { getLayer, isLayerId, LAYERS, type LayerSpec } from '../../layers/registry.ts'
import { collectionDocument } from '../../ogc/collection.ts'
import { collectionExtents } from '../../ogc/collection-extents.ts'
import { conformanceClasses } from '../../ogc/conformance.ts'
import { OFFERED_CRS_URIS, ogcCrs } from '../../ogc/crs-uri.ts'
import { queryablesModule } from '../../ogc/filter-adapter.ts'
import { renderHtml } from '../../ogc/html.ts'
import { featureRow } from '../../ogc/item.ts'
import { ITEM_PARAMS, parseItemsParams, singleValues } from '../../ogc/items-params.ts'
import { sendItems } from '../../ogc/items-response.ts'
import { featureJson } from '../../ogc/items-stream.ts'
import { landingDocument } from '../../ogc/landing.ts'
import { readsPersonalFields, visibleLayer } from '../../ogc/layer-access.ts'
import { type Link, selfAndAlternate } from '../../ogc/links.ts'
import { GEOJSON_TYPE, JSON_TYPE, OPENAPI_TYPE, requestedFormat, SCHEMA_TYPE } from '../../ogc/media-types.ts'
import { ogcOpenApiDocument } from '../../ogc/openapi-document.ts'
import type { AppDeps } from '../deps.ts'
import { publicBaseUrl } from '../public-url.ts'

/** Where OGC API – Features is mounted; the error middleware renders OGC exceptions below it. */
export const OGC_PREFIX = '/ogc'

/** JSON of `type` exactly as given: Express would respell it and append a charset. */
function sendJson(res: Response, type: string, document: unknown) {
  res.setHeader('Content-Type', type)
  res.end(JSON.stringify(document))
}

function layerOf(id: string): LayerSpec {
  if (!isLayerId(id)) throw new NotFound(`no collection '${id}'; GET ${OGC_PREFIX}/collections lists them`)
  return getLayer(id)
}

/**
 * Routes of OGC API – Features, to mount at OGC_PREFIX: landing, conformance, api, collections,
 * collection, items, item, queryables. Restricted layers: see server/ogc/layer-access.ts.
 */
export function ogcRoutes({ db, config }: AppDeps): Router {
  const router = Router()
  const base = (req: Request) => `${publicBaseUrl(req, config)}${OGC_PREFIX}`

  /** Sends `document` as JSON of `jsonType`, or as HTML; `own` links are prepended. */
  const send = (
    req: Request,
    res: Response,
    title: string,
    href: string,
    jsonType: string,
    build: (own: Link[]) => Record<string, unknown>,
  ) => {
    const format = requestedFormat(req)
    const values = singleValues(req.query, ['f'])
    const document = build(selfAndAlternate(href, values, format, jsonType))
    if (format === 'html') res.type('html').send(renderHtml(title, document))
    else sendJson(res, jsonType, document)
  }

  const reader = async (req: Request, layer: LayerSpec) =>
    visibleLayer(layer, layer.access === 'public' || (await readsPersonalFields(req, db)))

  router.get('/', (req, res) => {
    send(req, res, '河长制 GIS — OGC API – Features', base(req), JSON_TYPE, (own) =>
      landingDocument(base(req), own),
    )
  })

  router.get('/conformance', async (req, res) => {
    const conformsTo = await conformanceClasses()
    send(req, res, 'Conformance', `${base(req)}/conformance`, JSON_TYPE, (links) => ({ links, conformsTo }))
  })

  router.get('/api', (req, res) => {
    const layers = LAYERS.map((l) => visibleLayer(l, false))
    send(req, res, 'OpenAPI 3.0', `${base(req)}/api`, OPENAPI_TYPE, (links) => ({
      ...ogcOpenApiDocument(base(req), layers),
      ...(requestedFormat(req) === 'html' ? { links } : {}),
    }))
  })

  router.get('/collections', async (req, res) => {
    const extents = await collectionExtents(db)
    send(req, res, 'Collections', `${base(req)}/collections`, JSON_TYPE, (links) => ({
      links,
      crs: OFFERED_CRS_URIS,
      collections: LAYERS.map((l) =>
        collectionDocument(l, extents.get(l.id), `${base(req)}/collections/${l.id}`),
      ),
    }))
  })

  router.get('/collections/:id', async (req, res) => {
    const layer = layerOf(req.params.id)
    const extents = await collectionExtents(db)
    const href = `${base(req)}/collections/${layer.id}`
    send(req, res, `${layer.title.zh} ${layer.title.en}`, href, JSON_TYPE, (own) => {
      const document = collectionDocument(layer, extents.get(layer.id), href)
      return { ...document, links: [...own, ...document.links] }
    })
  })

  router.get('/collections/:id/queryables', async (req, res) => {
    // The reader's own view: a personal field they may not filter on is not listed either.
    const layer = await reader(req, layerOf(req.params.id))
    singleValues(req.query, ['f'])
    const part3 = await queryablesModule()
    if (!part3) throw new NotFound('queryables are not available on this server yet')
    sendJson(res, SCHEMA_TYPE, part3.queryablesDocument(layer, publicBaseUrl(req, config)))
  })

  router.get('/collections/:id/items', async (req, res) => {
    const layer = await reader(req, layerOf(req.params.id))
    const format = requestedFormat(req)
    const p = parseItemsParams(req.query, layer)
    await sendItems(db, layer, p, `${base(req)}/collections/${layer.id}/items`, format, res)
  })

  router.get('/collections/:id/items/:featureId', async (req, res) => {
    const layer = await reader(req, layerOf(req.params.id))
    const format = requestedFormat(req)
    const values = singleValues(req.query, ITEM_PARAMS)
    const crs = ogcCrs(values.get('crs'), 'crs')
    const row = await featureRow(db, layer, req.params.featureId)
    if (!row) throw new NotFound(`no feature '${req.params.featureId}' in ${layer.id}`)
    const collection = `${base(req)}/collections/${layer.id}`
    const href = `${collection}/items/${row.id}`
    const links: Link[] = [
      ...selfAndAlternate(href, values, format, GEOJSON_TYPE),
      { href: `${collection}?f=json`, rel: 'collection', type: JSON_TYPE, title: layer.title.en },
    ]
    const feature = { ...JSON.parse(featureJson(row, crs)), links }
    res.set('Content-Crs', `<${crs.uri}>`)
    if (format === 'html') res.type('html').send(renderHtml(`${layer.title.en} ${row.id}`, feature))
    else sendJson(res, GEOJSON_TYPE, feature)
  })

  router.use((req) => {
    throw new NotFound(`no OGC API resource at ${OGC_PREFIX}${req.path}`)
  })
  return router
}
