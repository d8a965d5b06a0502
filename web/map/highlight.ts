// Highlighting features of our tiles with feature-state (issue 12 items 2 and 5): the tiles carry
// each row's id as the feature id, so a chief's scope (reaches.id, chief_areas.id, lakes.id) or a
// traced reach is lit by id without refetching anything. Overlay layers drawn above the style
// read the state, so the style itself needs no highlight rules.
import type { FilterSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl'

/** What a highlight means: the chief's scope picked on the card, or the upstream trace. */
export type HighlightKind = 'selected' | 'traced'

export interface FeatureRef {
  /** Layer id of the registry = MVT layer name (`reaches`, `chief_areas`, …). */
  layer: string
  /** The row id (`reaches.id` …), the tile feature's id. */
  id: number
}

const COLOUR: Record<HighlightKind, string> = { selected: '#ff3d00', traced: '#d81b60' }
const state = (kind: HighlightKind) => ['boolean', ['feature-state', kind], false]

/** The source that carries MVT layer `layer` in the map's style, if any. */
export function sourceOf(map: MapLibreMap, layer: string): string | undefined {
  const drawn = map.getStyle().layers.find((l) => 'source-layer' in l && l['source-layer'] === layer)
  return drawn && 'source' in drawn ? drawn.source : undefined
}

function overlays(
  source: string,
  layer: string,
  geometry: 'polygon' | 'line' | 'point',
): LayerSpecification[] {
  const base = { source, 'source-layer': layer }
  const lit = ['any', state('selected'), state('traced')]
  const colour = ['case', state('selected'), COLOUR.selected, COLOUR.traced]
  const only = (type: string) => ['==', ['geometry-type'], type] as FilterSpecification
  if (geometry === 'point')
    return [
      {
        ...base,
        id: `hl-${layer}`,
        type: 'circle',
        filter: only('Point'),
        paint: {
          'circle-radius': ['case', lit, 8, 0],
          'circle-color': colour,
          'circle-stroke-color': '#fff',
          'circle-stroke-width': ['case', lit, 2, 0],
        },
      } as unknown as LayerSpecification,
    ]
  const layers: LayerSpecification[] = []
  if (geometry === 'polygon')
    layers.push({
      ...base,
      id: `hl-${layer}-fill`,
      type: 'fill',
      paint: { 'fill-color': colour, 'fill-opacity': ['case', lit, 0.25, 0] },
    } as unknown as LayerSpecification)
  layers.push({
    ...base,
    id: `hl-${layer}-line`,
    type: 'line',
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': colour, 'line-width': ['case', lit, geometry === 'line' ? 5 : 3, 0] },
  } as unknown as LayerSpecification)
  return layers
}

/** The layers a highlight can fall on, by geometry. */
const HIGHLIGHTABLE: Record<string, 'polygon' | 'line' | 'point'> = {
  chief_areas: 'polygon',
  lakes: 'polygon',
  reaches: 'line',
  outfalls: 'point',
  monitoring_sections: 'point',
}

/**
 * Feature-state highlights on the map. `set` replaces one kind's features; both kinds survive a
 * change of tile source (`reapply` after the style's sources change).
 */
export class MapHighlight {
  private lit: Record<HighlightKind, FeatureRef[]> = { selected: [], traced: [] }

  constructor(private readonly map: MapLibreMap) {}

  /** Adds the overlay layers (once the style is loaded); idempotent. */
  install(): void {
    for (const [layer, geometry] of Object.entries(HIGHLIGHTABLE)) {
      const source = sourceOf(this.map, layer)
      if (!source) continue
      for (const spec of overlays(source, layer, geometry))
        if (!this.map.getLayer(spec.id)) this.map.addLayer(spec)
    }
  }

  set(kind: HighlightKind, features: FeatureRef[]): void {
    this.paint(kind, false)
    this.lit[kind] = features
    this.paint(kind, true)
  }

  clear(kind: HighlightKind): void {
    this.set(kind, [])
  }

  /** The features lit as `kind` now. */
  current(kind: HighlightKind): readonly FeatureRef[] {
    return this.lit[kind]
  }

  reapply(): void {
    this.install()
    this.paint('selected', true)
    this.paint('traced', true)
  }

  private paint(kind: HighlightKind, on: boolean): void {
    for (const f of this.lit[kind]) {
      const source = sourceOf(this.map, f.layer)
      if (source) this.map.setFeatureState({ source, sourceLayer: f.layer, id: f.id }, { [kind]: on })
    }
  }
}
