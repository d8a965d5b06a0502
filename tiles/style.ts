// The MapLibre style of every layer, generated from the registry: one vector source (the
// composite tiles of all layers through their TileJSON), style layers in drawing order, and the
// conventions of a water bureau's GIS (issue 9 item 4): red/yellow/green water-resource zones,
// first-grade, second-grade and quasi protection zones told apart by colour, fill and outline,
// rivers wider by grade, blue lines dashed, chief areas outlined by level, monitoring sections
// coloured by their latest class (GB 3838-2002), labels in Chinese.
//
// Text without any remote URL: the style has no `glyphs`, so MapLibre draws text with the local
// fonts that `text-font` names (style spec, root property `glyphs`: "Otherwise, font faces will be
// determined by the text-font property based on the local environment"). Noto Sans CJK SC covers
// Chinese, Latin, digits and the numerals Ⅰ–Ⅴ; CI and Debian have it in fonts-noto-cjk; the
// generic `sans-serif` comes last for machines without it.
import { getLayer, LAYERS, type LayerId, type LayerSpec } from '../server/layers/registry.ts'

type StyleLayer = Record<string, unknown> & { id: string; type: string }

export const TEXT_FONT = ['Noto Sans CJK SC', 'Noto Sans', 'sans-serif']
const SOURCE = 'rcgis'

const get = (name: string) => ['get', name]
const byValue = (name: string, pairs: Record<string, string | number>, otherwise: string | number) => [
  'match',
  get(name),
  ...Object.entries(pairs).flat(),
  otherwise,
]

/** GB 3838-2002 classes as colours (I–II blue, III green: "good"; IV yellow, V orange, worse red). */
const CLASS_COLOURS = {
  I: '#1f4e9e',
  II: '#3a8fd6',
  III: '#33a02c',
  IV: '#f2c500',
  V: '#ff7f00',
  worse_than_V: '#d7191c',
}
const CLASS_NUMERALS = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ', V: 'Ⅴ', worse_than_V: '劣Ⅴ' }
const CHIEF_LEVEL_COLOURS = {
  city: '#a63603',
  county: '#e6550d',
  township: '#fd8d3c',
  village: '#fdae6b',
  village_group: '#fdd0a2',
}
const SOURCE_GRADE_COLOURS = { first: '#b2182b', second: '#ef8a62', quasi: '#e9a3c9' }
const SOURCE_GRADE_OUTLINES: Record<string, { width: number; dash?: number[] }> = {
  first: { width: 2.5 },
  second: { width: 1.8, dash: [3, 2] },
  quasi: { width: 1.2, dash: [1, 2] },
}
const REPORT_STATUS_COLOURS = { received: '#e31a1c', assigned: '#ff7f00', resolved: '#1a9641' }
const CHIEF_LEVEL_WIDTHS = { city: 3.2, county: 2.4, township: 1.6, village: 1, village_group: 0.6 }

function base(layer: LayerSpec, suffix: string, type: string): StyleLayer {
  return {
    id: `${layer.id}-${suffix}`,
    type,
    source: SOURCE,
    'source-layer': layer.id,
    minzoom: layer.tiles.minzoom,
  }
}

function fill(
  layer: LayerSpec,
  colour: unknown,
  opacity: unknown,
  outline?: Record<string, unknown>,
): StyleLayer[] {
  return [
    { ...base(layer, 'fill', 'fill'), paint: { 'fill-color': colour, 'fill-opacity': opacity } },
    { ...base(layer, 'outline', 'line'), paint: { 'line-color': colour, 'line-width': 1, ...outline } },
  ]
}

function label(
  layer: LayerSpec,
  field: unknown,
  minzoom: number,
  extra: Record<string, unknown> = {},
): StyleLayer {
  return {
    ...base(layer, 'label', 'symbol'),
    minzoom: Math.max(minzoom, layer.tiles.minzoom),
    layout: { 'text-field': field, 'text-font': TEXT_FONT, 'text-size': 12, ...extra },
    paint: { 'text-color': '#222', 'text-halo-color': '#fff', 'text-halo-width': 1.5 },
  }
}

/** The style layers of layers with a convention of their own; others fall back to generic(). */
const RECIPES: Partial<Record<LayerId, (layer: LayerSpec) => StyleLayer[]>> = {
  admin_areas: (l) => [
    {
      ...base(l, 'boundary', 'line'),
      paint: {
        'line-color': '#8a8a8a',
        'line-width': byValue('level', { city: 2.5, county: 1.8, township: 1 }, 0.5),
        'line-dasharray': [3, 1.5],
      },
    },
    label(l, get('name'), 8, { 'text-size': 13 }),
  ],
  basins: (l) => [
    { ...base(l, 'line', 'line'), paint: { 'line-color': l.color, 'line-width': 2, 'line-opacity': 0.6 } },
  ],
  water_resource_zones: (l) =>
    fill(l, byValue('colour', { red: '#e31a1c', yellow: '#ffd92f', green: '#33a02c' }, l.color), 0.3),
  groundwater_zones: (l) => fill(l, byValue('kind', { prohibited: '#8c510a' }, '#d8b365'), 0.2),
  shoreline_zones: (l) =>
    fill(
      l,
      byValue(
        'function',
        { protection: '#1a9850', reserve: '#91cf60', controlled_use: '#fee08b', development: '#fc8d59' },
        l.color,
      ),
      0.35,
    ),
  water_function_zones: (l) => fill(l, l.color, 0.2),
  // First grade: dark red, dense fill, solid thick outline; second: orange, dashed; quasi: pale, dotted.
  water_source_zones: (l) => [
    {
      ...base(l, 'fill', 'fill'),
      paint: {
        'fill-color': byValue('grade', SOURCE_GRADE_COLOURS, l.color),
        'fill-opacity': byValue('grade', { first: 0.5, second: 0.35 }, 0.25),
      },
    },
    ...Object.entries(SOURCE_GRADE_OUTLINES).map(([grade, { width, dash }]) => ({
      ...base(l, `outline-${grade}`, 'line'),
      filter: ['==', get('grade'), grade],
      paint: {
        'line-color': SOURCE_GRADE_COLOURS[grade as keyof typeof SOURCE_GRADE_COLOURS],
        'line-width': width,
        ...(dash ? { 'line-dasharray': dash } : {}),
      },
    })),
    label(l, get('name'), 11),
  ],
  lakes: (l) => [...fill(l, l.color, 0.8), label(l, get('name'), 9, { 'text-size': 13 })],
  blue_lines: (l) => [
    {
      ...base(l, 'line', 'line'),
      paint: { 'line-color': l.color, 'line-width': 1.5, 'line-dasharray': [4, 2] },
    },
  ],
  chief_areas: (l) => [
    {
      ...base(l, 'outline', 'line'),
      paint: {
        'line-color': byValue('level', CHIEF_LEVEL_COLOURS, l.color),
        'line-width': byValue('level', CHIEF_LEVEL_WIDTHS, 1),
      },
    },
  ],
  rivers: (l) => [
    {
      ...base(l, 'line', 'line'),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': l.color,
        // Grade 1 is a trunk river, higher grades its tributaries.
        'line-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          6,
          ['match', get('grade'), 1, 2, 2, 1.2, 0.6],
          14,
          ['match', get('grade'), 1, 7, 2, 4.5, 3, 3, 2],
        ],
      },
    },
    label(l, get('name'), 9, { 'symbol-placement': 'line', 'text-size': 12 }),
  ],
  reaches: (l) => [
    {
      ...base(l, 'line', 'line'),
      minzoom: 10,
      paint: { 'line-color': l.color, 'line-width': 1, 'line-opacity': 0.8 },
    },
  ],
  // Patrol tracks by validity (issue 13 item 1: 30 min, 2 km for township and village chiefs, no
  // jump over 150 km/h, not off scope); `valid` is read as text so a boolean or a 'true'/'false'
  // tile value colour alike, and a track not yet evaluated stays grey.
  patrols: (l) => [
    {
      ...base(l, 'line', 'line'),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': [
          'match',
          ['to-string', get('valid')],
          'true',
          '#1a9641',
          'false',
          '#d7191c',
          '#9e9e9e',
        ],
        'line-width': 2.5,
        'line-opacity': 0.85,
      },
    },
  ],
  // Public reports by where they stand (seed §6(五)): new ones red, assigned orange, resolved green.
  reports: (l) => [
    {
      ...base(l, 'circle', 'circle'),
      paint: {
        'circle-color': byValue('status', REPORT_STATUS_COLOURS, '#9e9e9e'),
        'circle-radius': 6,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
  ],
  monitoring_sections: (l) => [
    {
      ...base(l, 'circle', 'circle'),
      paint: {
        'circle-color': byValue('latest_class', CLASS_COLOURS, '#999999'),
        'circle-radius': 6,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    label(l, ['concat', get('name'), ' ', byValue('latest_class', CLASS_NUMERALS, '')], 10, {
      'text-offset': [0, 1.2],
      'text-anchor': 'top',
    }),
  ],
}

/** A layer without a recipe: its registry colour, as fill, line or circle by geometry. */
function generic(layer: LayerSpec): StyleLayer[] {
  if (layer.geometry === 'MultiPolygon') return fill(layer, layer.color, 0.25)
  if (layer.geometry === 'Point')
    return [
      { ...base(layer, 'circle', 'circle'), paint: { 'circle-color': layer.color, 'circle-radius': 4 } },
    ]
  return [{ ...base(layer, 'line', 'line'), paint: { 'line-color': layer.color, 'line-width': 1.5 } }]
}

/** Drawing order: areas first, then lines, then points (registry order within each). */
const ORDER = { MultiPolygon: 0, MultiLineString: 1, LineString: 1, Point: 2 }

/**
 * The MapLibre style (spec v8) of all registry layers over this server's composite tiles.
 * @param baseUrl the server's public base URL without a trailing slash (publicBaseUrl): the
 *   source's TileJSON URL is absolute, and nothing else is referenced (no sprite, no glyphs).
 * @returns a style object, valid against @maplibre/maplibre-gl-style-spec (test/tiles/style.test.ts).
 */
export function mapStyle(baseUrl: string): Record<string, unknown> {
  const layers = [...LAYERS].sort((a, b) => ORDER[a.geometry] - ORDER[b.geometry])
  const ids = LAYERS.map((l) => l.id)
  return {
    version: 8,
    name: '河长制 GIS',
    metadata: { 'rcgis:layers': ids },
    sources: { [SOURCE]: { type: 'vector', url: `${baseUrl}/tiles/${ids.join(',')}.json` } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } },
      ...layers.flatMap((layer) => (RECIPES[layer.id] ?? generic)(getLayer(layer.id))),
    ],
  }
}
