// The project outline on the map, in its own GeoJSON source above every data layer: magenta, a
// colour no layer of the style uses, so the outline never reads as a zone.
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl'

const SOURCE = 'check-project'
const COLOUR = '#c2185b'

/** Adds the source and its fill, outline and point layers (idempotent). */
export function installProjectLayer(map: MapLibreMap): void {
  if (map.getSource(SOURCE)) return
  map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } })
  map.addLayer({
    id: `${SOURCE}-fill`,
    type: 'fill',
    source: SOURCE,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': COLOUR, 'fill-opacity': 0.18 },
  })
  map.addLayer({
    id: `${SOURCE}-line`,
    type: 'line',
    source: SOURCE,
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: { 'line-color': COLOUR, 'line-width': 2.5, 'line-dasharray': [2, 1] },
  })
  map.addLayer({
    id: `${SOURCE}-point`,
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-color': COLOUR,
      'circle-radius': 6,
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 2,
    },
  })
}

/** Shows `geometry` (lon/lat GeoJSON) as the project, or nothing for null. */
export function showProject(map: MapLibreMap, geometry: GeoJSON.Geometry | null): void {
  const source = map.getSource(SOURCE) as GeoJSONSource | undefined
  source?.setData({
    type: 'FeatureCollection',
    features: geometry ? [{ type: 'Feature', properties: {}, geometry }] : [],
  })
}
