// The map: MapLibre GL over our own style and tiles, with no external basemap, sprite, glyph or
// font (the page works offline). The view lives in the URL hash (#zoom/lat/lon, MapLibre's
// `hash`), so a view can be shared.
import 'maplibre-gl/dist/maplibre-gl.css'
import {
  type LngLatBoundsLike,
  type MapEventType,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  type StyleSpecification,
  setWorkerUrl,
} from 'maplibre-gl'
// MapLibre finds its worker beside its own module file; bundled, that file is gone, so the worker
// is emitted as an asset of ours and named explicitly.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { CoordinateReadout } from './coordinate-readout.ts'
import { WholeCityControl } from './whole-city-control.ts'

export interface MapOptions {
  container: HTMLElement
  style: StyleSpecification
  /** The city's extent, [west, south, east, north] degrees: the first view and the "whole city" button. */
  cityBounds: [number, number, number, number]
}

/** A map with navigation, scale bar, coordinate readout and "whole city" button; resolves once the style has loaded. */
export function createMap({ container, style, cityBounds }: MapOptions): Promise<MapLibreMap> {
  setWorkerUrl(workerUrl)
  const bounds: LngLatBoundsLike = [
    [cityBounds[0], cityBounds[1]],
    [cityBounds[2], cityBounds[3]],
  ]
  const map = new MapLibreMap({
    container,
    style,
    hash: true,
    // The hash wins when present; otherwise the whole city.
    bounds: location.hash ? undefined : bounds,
    fitBoundsOptions: { padding: 24 },
    // CJK characters drawn by the browser's own font (fonts-noto-cjk), never fetched.
    localIdeographFontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', sans-serif",
    attributionControl: false,
    maxZoom: 18,
    // Keeps the canvas readable for the report's map image and the browser tests' screenshots.
    canvasContextAttributes: { preserveDrawingBuffer: true },
  })
  map.addControl(new NavigationControl({ visualizePitch: false }), 'top-right')
  map.addControl(new WholeCityControl(bounds), 'top-right')
  map.addControl(new ScaleControl({ maxWidth: 120, unit: 'metric' }), 'bottom-right')
  map.addControl(new CoordinateReadout(), 'bottom-left')
  map.keyboard.enable()
  return new Promise((resolve, reject) => {
    const failed = (e: MapEventType['error']) =>
      reject(e.error ?? new Error('the map could not load its style'))
    map.on('error', failed)
    map.once('load', () => {
      map.off('error', failed)
      resolve(map)
    })
  })
}
