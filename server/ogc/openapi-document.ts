// /ogc/api: the OpenAPI 3.0 document of the OGC API (OWSLib and GDAL read 3.0, not 3.1; issue 10
// item 1). Built from the registry: one items path per collection, so every parameter a
// collection accepts is listed with its own schema. GDAL takes `limit`'s maximum as its page size
// and sends attribute filters as the query parameters declared here.
import type { AttributeSpec, LayerSpec } from '../layers/registry.ts'
import { CRS84_URI, OFFERED_CRS_URIS } from './crs-uri.ts'
import { LIMIT_DEFAULT, LIMIT_MAX } from './items-params.ts'
import { GEOJSON_TYPE, HTML_TYPE, JSON_TYPE, OPENAPI_TYPE, SCHEMA_TYPE } from './media-types.ts'

type Schema = Record<string, unknown>

const query = (name: string, description: string, schema: Schema, extra: Schema = {}) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
  ...extra,
})

const format = query('f', 'the format of the answer; JSON by default, or as Accept prefers', {
  type: 'string',
  enum: ['json', 'html'],
})

const crsParam = (name: string, description: string) =>
  query(name, description, { type: 'string', format: 'uri', enum: OFFERED_CRS_URIS, default: CRS84_URI })

const ATTRIBUTE_SCHEMA: Record<AttributeSpec['type'], Schema> = {
  text: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  date: { type: 'string', format: 'date' },
  timestamp: { type: 'string', format: 'date-time' },
}

const exception = {
  description: 'an OGC exception',
  content: {
    [JSON_TYPE]: {
      schema: {
        type: 'object',
        required: ['code'],
        properties: { code: { type: 'string' }, description: { type: 'string' } },
      },
    },
  },
}

const answer = (description: string, types: string[]) => ({
  200: { description, content: Object.fromEntries(types.map((t) => [t, { schema: { type: 'object' } }])) },
  400: exception,
  500: exception,
})

function itemsParameters(layer: LayerSpec) {
  return [
    format,
    query('limit', `features per page; values above ${LIMIT_MAX} are clamped`, {
      type: 'integer',
      minimum: 1,
      maximum: LIMIT_MAX,
      default: LIMIT_DEFAULT,
    }),
    query('offset', 'features to skip (the next link sets it)', { type: 'integer', minimum: 0, default: 0 }),
    query(
      'bbox',
      'lower and upper corner in bbox-crs axis order; a west edge east of the east edge crosses the antimeridian',
      { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
      { style: 'form', explode: false },
    ),
    crsParam('bbox-crs', 'the CRS of bbox'),
    crsParam('crs', 'the CRS of the geometries returned (Content-Crs echoes it)'),
    ...(layer.temporal
      ? [query('datetime', 'an instant or an interval a/b, open ends as .. or empty', { type: 'string' })]
      : []),
    query(
      'properties',
      'the properties to return',
      { type: 'array', items: { type: 'string', enum: layer.attributes.map((a) => a.name) } },
      { style: 'form', explode: false },
    ),
    query('sortby', '+name or -name, comma-separated; id breaks ties', { type: 'string' }),
    query('filter', 'a CQL2 filter (see queryables)', { type: 'string' }),
    query('filter-lang', 'the language of filter', {
      type: 'string',
      enum: ['cql2-text', 'cql2-json'],
      default: 'cql2-text',
    }),
    crsParam('filter-crs', 'the CRS of geometries in filter'),
    ...layer.attributes.map((a) =>
      query(a.name, `features whose ${a.title.en} (${a.title.zh}) equals this`, {
        ...ATTRIBUTE_SCHEMA[a.type],
        ...(a.values ? { enum: a.values } : {}),
      }),
    ),
  ]
}

function collectionPaths(layer: LayerSpec): Record<string, unknown> {
  const at = `/collections/${layer.id}`
  const tag = [layer.id]
  return {
    [at]: {
      get: {
        operationId: `describe_${layer.id}`,
        summary: `${layer.title.en} (${layer.title.zh}): the collection`,
        tags: tag,
        parameters: [format],
        responses: answer('the collection', [JSON_TYPE, HTML_TYPE]),
      },
    },
    [`${at}/items`]: {
      get: {
        operationId: `items_${layer.id}`,
        summary: `${layer.title.en}: features`,
        tags: tag,
        parameters: itemsParameters(layer),
        responses: answer('a page of features', [GEOJSON_TYPE, HTML_TYPE]),
      },
    },
    [`${at}/items/{featureId}`]: {
      get: {
        operationId: `item_${layer.id}`,
        summary: `${layer.title.en}: one feature`,
        tags: tag,
        parameters: [
          { name: 'featureId', in: 'path', required: true, schema: { type: 'integer' } },
          format,
          crsParam('crs', 'the CRS of the geometry returned'),
        ],
        responses: { ...answer('the feature', [GEOJSON_TYPE, HTML_TYPE]), 404: exception },
      },
    },
    [`${at}/queryables`]: {
      get: {
        operationId: `queryables_${layer.id}`,
        summary: `${layer.title.en}: the properties a filter may use`,
        tags: tag,
        responses: answer('a JSON Schema', [SCHEMA_TYPE]),
      },
    },
  }
}

/**
 * The OpenAPI 3.0.3 document of /ogc for `layers` (as the reader may see them), its server the
 * absolute URL `base` of /ogc.
 */
export function ogcOpenApiDocument(base: string, layers: readonly LayerSpec[]) {
  const fixed = (operationId: string, summary: string, types: string[]) => ({
    get: {
      operationId,
      summary,
      tags: ['capabilities'],
      parameters: [format],
      responses: answer(summary, types),
    },
  })
  return {
    openapi: '3.0.3',
    info: {
      title: '河长制 GIS — OGC API – Features',
      version: '1.0.0',
      description: 'OGC API – Features Parts 1, 2 and 3 over every layer of the river chief system.',
    },
    servers: [{ url: base }],
    tags: [{ name: 'capabilities' }, ...layers.map((l) => ({ name: l.id, description: l.title.en }))],
    paths: {
      '/': fixed('landing', 'the landing page', [JSON_TYPE, HTML_TYPE]),
      '/conformance': fixed('conformance', 'the conformance classes', [JSON_TYPE, HTML_TYPE]),
      '/api': fixed('api', 'this document', [OPENAPI_TYPE, HTML_TYPE]),
      '/collections': fixed('collections', 'the collections', [JSON_TYPE, HTML_TYPE]),
      ...Object.assign({}, ...layers.map(collectionPaths)),
    },
  }
}
