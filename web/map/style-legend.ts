// Legend entries read from the style itself, so the legend shows the colours the map draws
// (issue 12 item 1): a constant colour is one swatch; a `match` on a property (zone colour,
// grade, level, latest water class) is one swatch per value.
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl'

export interface LegendEntry {
  /** 'fill', 'line' or 'circle': how the swatch is drawn. */
  shape: 'fill' | 'line' | 'circle'
  colour: string
  /** The property value this colour stands for; undefined for the layer's one colour. */
  value?: string
  /** The property the values are of (`colour`, `grade`, `level`, …). */
  property?: string
}

const PAINT_COLOUR = { fill: 'fill-color', line: 'line-color', circle: 'circle-color' } as const

/** The style layers that draw MVT layer `layer` (registry id), in style order. */
export function styleLayersOf(style: StyleSpecification, layer: string): LayerSpecification[] {
  return style.layers.filter(
    (l) => 'source-layer' in l && l['source-layer'] === layer && !l.id.startsWith('hl-'),
  )
}

/** The property a `['get', name]` (or `['to-string', ['get', name]]`) reads, if that is what `input` is. */
function propertyOf(input: unknown): string | undefined {
  if (Array.isArray(input) && input[0] === 'to-string') return propertyOf(input[1])
  return Array.isArray(input) && input[0] === 'get' && typeof input[1] === 'string' ? input[1] : undefined
}

function entriesOf(shape: LegendEntry['shape'], paint: unknown): LegendEntry[] {
  if (typeof paint === 'string') return [{ shape, colour: paint }]
  if (!Array.isArray(paint)) return []
  if (paint[0] === 'match') {
    const property = propertyOf(paint[1])
    const entries: LegendEntry[] = []
    for (let i = 2; i + 1 < paint.length; i += 2) {
      const values = Array.isArray(paint[i]) ? paint[i] : [paint[i]]
      if (typeof paint[i + 1] === 'string')
        for (const value of values)
          entries.push({ shape, colour: paint[i + 1], value: String(value), property })
    }
    return entries
  }
  // A `case` (feature-state highlight, or a test) or an interpolation: its last colour is the rest case.
  const last = paint[paint.length - 1]
  return typeof last === 'string' && /^(#|rgb|hsl)/.test(last) ? [{ shape, colour: last }] : []
}

/**
 * The legend of MVT layer `layer` in `style`: the first style layer that colours it by fill, else
 * line, else circle. Outline layers of polygons do not add entries of their own.
 */
export function legendOf(style: StyleSpecification, layer: string): LegendEntry[] {
  const drawn = styleLayersOf(style, layer)
  for (const shape of ['fill', 'line', 'circle'] as const) {
    const styleLayer = drawn.find((l) => l.type === shape)
    if (!styleLayer) continue
    const paint = (styleLayer.paint as Record<string, unknown> | undefined)?.[PAINT_COLOUR[shape]]
    const entries = entriesOf(shape, paint)
    if (entries.length > 0) return entries
  }
  return []
}
