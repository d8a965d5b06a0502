// The properties a filter may name (OGC API – Features Part 3, 19-079r2 §6 "Queryables"), read
// from the registry: the feature id, the primary geometry, and every attribute of the layer as
// the reader may see it. Restricted layers reach here without their personal fields unless the
// reader is staff (server/ogc/layer-access.ts, visibleLayer), so a filter can never test a field
// its reader may not read (body LIKE '%…%' would reveal it one yes/no at a time). The CQL2
// translator takes its SQL identifiers only from this list.
import type { AttributeType, GeometryKind, LayerSpec } from '../layers/registry.ts'

export type QueryableType = AttributeType | 'id' | 'geometry'

export interface Queryable {
  /** The name a filter uses. */
  name: string
  /** The column of the layer's table it reads (a registry name, quoted where SQL is written). */
  column: string
  type: QueryableType
  title: { zh: string; en: string }
  values?: readonly string[]
  pattern?: string
}

/** The name of the geometry queryable, as OGC API Features Part 3 examples and clients use it. */
export const GEOMETRY_QUERYABLE = 'geometry'

/**
 * Every queryable of `layer`, in registry order after `id` and `geometry`.
 * Output: `{name, column, type, title, values?, pattern?}`; `name` equals `column` except for the
 * geometry (`geometry` → column `geom`).
 */
export function queryablesOf(layer: LayerSpec): Queryable[] {
  return [
    { name: 'id', column: 'id', type: 'id', title: { zh: '要素编号', en: 'Feature id' } },
    { name: GEOMETRY_QUERYABLE, column: 'geom', type: 'geometry', title: { zh: '几何', en: 'Geometry' } },
    ...layer.attributes.map((a) => ({
      name: a.name,
      column: a.name,
      type: a.type,
      title: a.title,
      ...(a.values ? { values: a.values } : {}),
      ...(a.pattern ? { pattern: a.pattern } : {}),
    })),
  ]
}

// OGC API Features Part 5 (23-058) names geometry types by `format`; GeoJSON's schemas by $ref.
const GEOMETRY_FORMAT: Record<GeometryKind, string> = {
  Point: 'geometry-point',
  LineString: 'geometry-linestring',
  MultiLineString: 'geometry-multilinestring',
  MultiPolygon: 'geometry-multipolygon',
}

// Part 5's roles for the attributes that say when a feature is: an instant, or an interval's ends.
function temporalRole(layer: LayerSpec, name: string): { 'x-ogc-role'?: string } {
  const t = layer.temporal
  if (!t) return {}
  if (name === t.start) return { 'x-ogc-role': t.end ? 'primary-interval-start' : 'primary-instant' }
  if (name === t.end) return { 'x-ogc-role': 'primary-interval-end' }
  return {}
}

function propertySchema(layer: LayerSpec, q: Queryable): Record<string, unknown> {
  const title = `${q.title.en} (${q.title.zh})`
  switch (q.type) {
    case 'geometry':
      return {
        title,
        format: GEOMETRY_FORMAT[layer.geometry],
        $ref: `https://geojson.org/schema/${layer.geometry}.json`,
        'x-ogc-role': 'primary-geometry',
      }
    case 'id':
      return { title, type: 'integer', 'x-ogc-role': 'id' }
    case 'integer':
      return { title, type: 'integer' }
    case 'number':
      return { title, type: 'number' }
    case 'date':
      return { title, type: 'string', format: 'date' }
    case 'timestamp':
      return {
        title,
        type: 'string',
        format: 'date-time',
        ...temporalRole(layer, q.name),
      }
    case 'text':
      return {
        title,
        type: 'string',
        ...(q.values ? { enum: [...q.values] } : {}),
        ...(q.pattern ? { pattern: q.pattern } : {}),
      }
  }
}

/**
 * The queryables document of a collection (19-079r2 §6.2, Requirement /req/queryables/get-queryables-response):
 * a JSON Schema (draft 2020-12) object with `$schema`, `$id` (this document's own absolute URL),
 * `type: 'object'`, `title` and one property per queryable; `additionalProperties: false`, since a
 * filter naming anything else is refused.
 * @param baseUrl the server's public base URL without a trailing slash (publicBaseUrl in
 *   server/http/public-url.ts), e.g. `http://host:3000`; `$id` is `{baseUrl}/ogc/collections/{id}/queryables`.
 */
export function queryablesDocument(layer: LayerSpec, baseUrl: string): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${baseUrl}/ogc/collections/${encodeURIComponent(layer.id)}/queryables`,
    type: 'object',
    title: `${layer.title.en} (${layer.title.zh})`,
    properties: Object.fromEntries(queryablesOf(layer).map((q) => [q.name, propertySchema(layer, q)])),
    additionalProperties: false,
  }
}
