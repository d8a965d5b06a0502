// TileJSON of the live tiles (/tiles/{layers}.json) and the MapLibre style of all layers
// (/style.json): what QGIS ("Vector Tiles" connection) and a MapLibre page load first. URLs in
// both are absolute, from PUBLIC_URL or the forwarded headers (publicBaseUrl).
import { Router } from 'express'
import { z } from 'zod'
import { mapStyle } from '../../../tiles/style.ts'
import { layersExtent, tileJson } from '../../../tiles/tilejson.ts'
import { mapDataCors } from '../cors.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { publicBaseUrl } from '../public-url.ts'
import { parseLayers } from './tiles.ts'

const LayersParams = z.object({
  layers: z.string().meta({
    description: 'a layer id, or several separated by commas (one MVT layer each, in that order)',
    examples: ['reaches', 'water_resource_zones,reaches,monitoring_sections'],
  }),
})

const TileJsonBody = z
  .object({
    tilejson: z.literal('3.0.0'),
    tiles: z.array(z.string()),
    minzoom: z.number().int(),
    maxzoom: z.number().int(),
    bounds: z.array(z.number()).length(4),
    center: z.array(z.number()).length(3),
    vector_layers: z.array(
      z.object({
        id: z.string(),
        description: z.string(),
        fields: z.record(z.string(), z.string()),
        minzoom: z.number().int(),
        maxzoom: z.number().int(),
      }),
    ),
  })
  .loose()

export const tilejsonOperations: OperationSpec[] = [
  {
    method: 'get',
    path: '/tiles/{layers}.json',
    operationId: 'getTileJson',
    tags: ['tiles'],
    summary: 'TileJSON 3.0.0 of the tiles of one layer or of several (composite)',
    description:
      'vector_layers lists each layer with its tile fields and zooms; bounds are the extent of the data; ' +
      'tiles is the absolute URL template of /tiles/{layers}/{z}/{x}/{y}.mvt.',
    params: LayersParams,
    responses: {
      200: { description: 'TileJSON', schema: TileJsonBody },
      400: { description: 'a layer is repeated', schema: ErrorBody },
      404: { description: 'no layer of that id', schema: ErrorBody },
      ...unavailableResponse,
    },
  },
  {
    method: 'get',
    path: '/style.json',
    operationId: 'getStyle',
    tags: ['tiles'],
    summary:
      'MapLibre style (v8) of every layer over this server’s tiles, with no remote sprite or glyph URL',
    responses: { 200: { description: 'the style', schema: z.record(z.string(), z.unknown()) } },
  },
]

export function tilejsonRoutes({ db, config }: AppDeps): Router {
  const router = Router()
  router.use('/style.json', mapDataCors(config))
  router.use('/tiles', mapDataCors(config))
  router.get('/tiles/:layers.json', async (req, res) => {
    const layers = parseLayers(parseRequest(LayersParams, req.params, 'path').layers)
    const extent = await layersExtent(db, layers)
    res.set('Cache-Control', 'no-cache')
    res.json(tileJson(layers, publicBaseUrl(req, config), extent))
  })
  router.get('/style.json', (req, res) => {
    res.set('Cache-Control', 'no-cache')
    res.json(mapStyle(publicBaseUrl(req, config)))
  })
  return router
}
