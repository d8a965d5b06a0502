// Tiles as the tests read them: decoded by @mapbox/vector-tile (the reference MVT reader, an
// implementation independent of both of our sources), in tile units.
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'

export interface DecodedFeature {
  id: number | undefined
  /** MVT geometry type: 1 point, 2 line, 3 polygon. */
  type: number
  properties: Record<string, unknown>
  /** Points, line parts or rings (closed), in tile units. */
  parts: [number, number][][]
}

export interface DecodedLayer {
  extent: number
  features: DecodedFeature[]
}

/** Every layer of an MVT (null or empty bytes: no layer), in the order the tile holds them. */
export function decodeTile(bytes: Uint8Array | null): Map<string, DecodedLayer> {
  const layers = new Map<string, DecodedLayer>()
  if (!bytes || bytes.length === 0) return layers
  const tile = new VectorTile(new PbfReader(bytes))
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = []
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i)
      features.push({
        id: f.id,
        type: f.type,
        properties: { ...f.properties },
        parts: f.loadGeometry().map((part) => part.map((p): [number, number] => [p.x, p.y])),
      })
    }
    layers.set(name, { extent: layer.extent, features })
  }
  return layers
}

/** Twice the signed area of a ring by the surveyor's formula, in tile units (y down). */
export function doubleSignedArea(ring: [number, number][]): number {
  let sum = 0
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
  return sum
}
