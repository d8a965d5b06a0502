// The query parameters of /collections/{id}/items (OGC API – Features Part 1 §7.15, Part 2 §6,
// Part 3 §7), checked against what the collection accepts. Unknown parameters are refused, not
// ignored: a typo (`bboxx=`) must not silently return the whole layer (issue 10 item 2).
import { BadRequest } from '../errors.ts'
import type { AttributeSpec, LayerSpec } from '../layers/registry.ts'
import { type BboxArea, parseBbox } from './bbox.ts'
import { type OgcCrs, ogcCrs } from './crs-uri.ts'
import { type DatetimeInterval, parseDatetime } from './datetime.ts'
import type { FilterInput } from './filter-adapter.ts'

/** Page size when `limit` is absent, and the largest served: larger values are clamped (§7.15.2). */
export const LIMIT_DEFAULT = 10
export const LIMIT_MAX = 10_000

/** The carried count of the first page (count-token.ts); ours, not the standard's. */
export const MATCHED_PARAM = 'matched'

/** Parameters every collection's /items accepts; `datetime` only where the layer has time. */
const COMMON = ['f', 'limit', 'offset', 'bbox', 'bbox-crs', 'crs', 'properties', 'sortby'] as const
const FILTER = ['filter', 'filter-lang', 'filter-crs'] as const

/** Parameters of /collections/{id}/items/{featureId}. */
export const ITEM_PARAMS = ['f', 'crs'] as const

/** Every parameter /items of `layer` accepts (as the reader sees the layer), in a stable order. */
export function itemsParameters(layer: LayerSpec): string[] {
  return [
    ...COMMON,
    ...(layer.temporal ? ['datetime'] : []),
    ...FILTER,
    ...layer.attributes.map((a) => a.name),
  ]
}

export interface SortKey {
  /** 'id' or an attribute name of the layer. */
  name: string
  descending: boolean
}

export interface PropertyEquals {
  attribute: AttributeSpec
  value: string
}

export interface ItemsParams {
  limit: number
  offset: number
  bbox?: BboxArea
  datetime?: DatetimeInterval
  /** Attributes to return; undefined for all the reader may see. */
  properties?: string[]
  equals: PropertyEquals[]
  /** Always ends with id, so the order is total and paging stable. */
  sortby: SortKey[]
  crs: OgcCrs
  filter?: FilterInput
  /** The signed count carried from page 1, unverified. */
  matched?: string
  /** Every parameter given, once each, in the request's order (for links). */
  values: Map<string, string>
}

export type RawQuery = Record<string, unknown>

/**
 * The one value of each parameter present.
 * @throws BadRequest naming a parameter given twice (its meaning would be ambiguous, and next
 * links must carry each parameter exactly once) or one `accepted` does not list.
 */
export function singleValues(query: RawQuery, accepted: readonly string[]): Map<string, string> {
  const values = new Map<string, string>()
  const unknown: string[] = []
  for (const [name, value] of Object.entries(query)) {
    if (!accepted.includes(name) && name !== MATCHED_PARAM) unknown.push(name)
    else if (typeof value !== 'string') throw new BadRequest(`${name}: give the parameter once`)
    else values.set(name, value)
  }
  if (unknown.length)
    throw new BadRequest(
      `unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; this resource accepts ${accepted.join(', ')}`,
      { accepted },
      'unknown_parameter',
    )
  return values
}

function nonNegativeInteger(name: string, value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new BadRequest(`${name}: '${value}' is not a non-negative integer`)
  return Number(value)
}

function attributeNamed(layer: LayerSpec, name: string, parameter: string): AttributeSpec {
  const found = layer.attributes.find((a) => a.name === name)
  if (!found)
    throw new BadRequest(
      `${parameter}: '${name}' is not a property of ${layer.id}; its properties are ${layer.attributes.map((a) => a.name).join(', ')}`,
    )
  return found
}

function parseSortby(value: string, layer: LayerSpec): SortKey[] {
  const keys: SortKey[] = []
  for (const raw of value.split(',')) {
    const term = raw.trim()
    // A '+' arrives as a space when the client did not percent-encode it.
    const descending = term.startsWith('-')
    const name = term.replace(/^[+-]/, '').trim()
    if (name !== 'id') attributeNamed(layer, name, 'sortby')
    if (keys.some((k) => k.name === name)) throw new BadRequest(`sortby: '${name}' is given twice`)
    keys.push({ name, descending })
  }
  if (!keys.some((k) => k.name === 'id')) keys.push({ name: 'id', descending: false })
  return keys
}

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

function checkEqualsValue(attribute: AttributeSpec, value: string) {
  const wrong = (what: string) => new BadRequest(`${attribute.name}: '${value}' is not ${what}`)
  if (attribute.type === 'integer' && !/^[+-]?\d{1,15}$/.test(value)) throw wrong('an integer')
  if (attribute.type === 'number' && !NUMERIC.test(value)) throw wrong('a number')
  if ((attribute.type === 'timestamp' || attribute.type === 'date') && Number.isNaN(Date.parse(value)))
    throw wrong('a date')
}

/**
 * The items parameters of `query` for `layer` as the reader may see it (layer-access.ts).
 * `limit` 1…10 000 (larger values clamped, default 10), `offset` ≥ 0, `bbox` with `bbox-crs`
 * (bbox.ts), `datetime` (datetime.ts), `properties=a,b`, `sortby=+a,-b`, `crs` (crs-uri.ts),
 * `filter` with `filter-lang` (default cql2-text) and `filter-crs`, and `<attribute>=<value>`
 * equality on any attribute (Part 1 §7.15.5).
 * @throws BadRequest (400) naming the parameter for anything malformed or unknown.
 */
export function parseItemsParams(query: RawQuery, layer: LayerSpec): ItemsParams {
  const accepted = itemsParameters(layer)
  const v = singleValues(query, accepted)
  const limitText = v.get('limit')
  const limit = limitText === undefined ? LIMIT_DEFAULT : nonNegativeInteger('limit', limitText)
  if (limit < 1) throw new BadRequest('limit: must be at least 1')
  const offsetText = v.get('offset')
  const bboxCrs = ogcCrs(v.get('bbox-crs'), 'bbox-crs')
  const bboxText = v.get('bbox')
  const datetimeText = v.get('datetime')
  const propertiesText = v.get('properties')
  const filterText = v.get('filter')
  const lang = v.get('filter-lang') ?? 'cql2-text'
  if (lang !== 'cql2-text' && lang !== 'cql2-json')
    throw new BadRequest(`filter-lang: '${lang}' is not cql2-text or cql2-json`)
  if (filterText === undefined && (v.has('filter-lang') || v.has('filter-crs')))
    throw new BadRequest('filter-lang and filter-crs need a filter')
  const equals: PropertyEquals[] = []
  for (const attribute of layer.attributes) {
    const value = v.get(attribute.name)
    if (value === undefined) continue
    checkEqualsValue(attribute, value)
    equals.push({ attribute, value })
  }
  if (v.has('bbox-crs') && bboxText === undefined) throw new BadRequest('bbox-crs needs a bbox')
  return {
    // Clamped, not refused (Part 1 /req/core/fc-limit-response-1): clients ask for "everything".
    limit: Math.min(limit, LIMIT_MAX),
    offset: offsetText === undefined ? 0 : nonNegativeInteger('offset', offsetText),
    bbox: bboxText === undefined ? undefined : parseBbox(bboxText, bboxCrs),
    datetime: datetimeText === undefined ? undefined : parseDatetime(datetimeText),
    properties:
      propertiesText === undefined
        ? undefined
        : propertiesText
            .split(',')
            .map((p) => p.trim())
            .filter((p) => p !== '')
            .map((p) => attributeNamed(layer, p, 'properties').name),
    equals,
    sortby: parseSortby(v.get('sortby') ?? 'id', layer),
    crs: ogcCrs(v.get('crs'), 'crs'),
    filter:
      filterText === undefined ? undefined : { filter: filterText, lang, filterCrs: v.get('filter-crs') },
    matched: v.get(MATCHED_PARAM),
    values: v,
  }
}
