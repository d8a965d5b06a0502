// The chiefs' scopes of the compliance answer (format=geojson: one feature per chief and scope,
// with `pass`) on the map, in their own GeoJSON source above the data layers: green pass, red
// fail, grey for specialists who are not rated. Areas and lakes are filled faintly, reaches drawn
// as thick lines.
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl'
import { PASS_COLOURS } from '../../map/pass-colours.ts'

export const SCOPE_SOURCE = 'compliance-scopes'

// `pass` is true, false or null; read as text so null (or a missing value) falls to grey.
const colour = [
  'match',
  ['to-string', ['get', 'pass']],
  'true',
  PASS_COLOURS.pass,
  'false',
  PASS_COLOURS.fail,
  PASS_COLOURS.unrated,
]

/** Adds the source and its fill and line layers (idempotent). */
export function installScopeMap(map: MapLibreMap): void {
  if (map.getSource(SCOPE_SOURCE)) return
  map.addSource(SCOPE_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
  map.addLayer({
    id: `${SCOPE_SOURCE}-fill`,
    type: 'fill',
    source: SCOPE_SOURCE,
    filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
    paint: { 'fill-color': colour as never, 'fill-opacity': 0.2 },
  })
  map.addLayer({
    id: `${SCOPE_SOURCE}-line`,
    type: 'line',
    source: SCOPE_SOURCE,
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': colour as never, 'line-width': 3.5, 'line-opacity': 0.9 },
  })
}

/** Shows `scopes` (lon/lat features with `pass`), replacing the previous answer's. */
export function showScopes(map: MapLibreMap, scopes: GeoJSON.FeatureCollection): void {
  ;(map.getSource(SCOPE_SOURCE) as GeoJSONSource | undefined)?.setData(scopes)
}
