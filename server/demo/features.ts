// Turning generator objects into layer features: exactly the registry's attribute names (a typo
// throws), enumerated values checked, geometry of exactly the registry's kind, coordinates
// rounded to 7 decimals and polygons wound per RFC 7946.
import type { Geometry, Position } from 'geojson'
import { getLayer, type LayerId } from '../layers/registry.ts'
import type { LayerFeature } from './dataset.ts'
import { type MultiCoords, normalizeMulti, round7, samePos } from './geo.ts'

type Props = Record<string, unknown>

const specCache = new Map<LayerId, { names: Set<string>; values: Map<string, readonly string[]> }>()
function spec(layer: LayerId) {
  let s = specCache.get(layer)
  if (!s) {
    const l = getLayer(layer)
    s = {
      names: new Set(l.attributes.map((a) => a.name)),
      values: new Map(
        l.attributes.filter((a) => a.values).map((a) => [a.name, a.values as readonly string[]]),
      ),
    }
    specCache.set(layer, s)
  }
  return s
}

function properties(layer: LayerId, props: Props): Record<string, unknown> {
  const s = spec(layer)
  const out: Record<string, unknown> = {}
  for (const name of s.names) out[name] = props[name] ?? null
  for (const [k, v] of Object.entries(props)) {
    if (!s.names.has(k)) throw new Error(`${layer}: no attribute ${k} in the registry`)
    const allowed = s.values.get(k)
    if (allowed && v !== null && v !== undefined && !allowed.includes(String(v)))
      throw new Error(`${layer}.${k}: ${String(v)} is not one of ${allowed.join(', ')}`)
  }
  return out
}

function line(coords: Position[]): Position[] {
  const out: Position[] = []
  for (const p of coords) {
    const q = round7(p)
    if (!out.length || !samePos(out[out.length - 1], q)) out.push(q)
  }
  return out
}

function make(layer: LayerId, geometry: Geometry, props: Props): LayerFeature {
  const kind = getLayer(layer).geometry
  if (geometry.type !== kind) throw new Error(`${layer}: ${geometry.type} is not ${kind}`)
  return { type: 'Feature', geometry, properties: properties(layer, props) }
}

export function polygonFeature(layer: LayerId, mc: MultiCoords, props: Props): LayerFeature | null {
  const coordinates = normalizeMulti(mc)
  if (!coordinates.length) return null
  return make(layer, { type: 'MultiPolygon', coordinates }, props)
}

export function lineFeature(layer: LayerId, coords: Position[], props: Props): LayerFeature | null {
  const c = line(coords)
  if (c.length < 2) return null
  return make(layer, { type: 'LineString', coordinates: c }, props)
}

export function multiLineFeature(layer: LayerId, parts: Position[][], props: Props): LayerFeature | null {
  const coordinates = parts.map(line).filter((l) => l.length >= 2)
  if (!coordinates.length) return null
  return make(layer, { type: 'MultiLineString', coordinates }, props)
}

export function pointFeature(layer: LayerId, at: Position, props: Props): LayerFeature {
  return make(layer, { type: 'Point', coordinates: round7(at) }, props)
}
