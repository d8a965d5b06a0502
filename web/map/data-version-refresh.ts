// Re-requests the tiles of layers whose data changed, announced on GET /api/events (Server-Sent
// Events from the server's data versions): the page shows an import without a reload. Live tile
// sources are reloaded by resetting their tile URLs; a PMTiles snapshot does not change.
import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl'
import { sourceOf } from './highlight.ts'

export interface DataVersionEvent {
  table: string
  version: number
  layers: string[]
}

/**
 * Listens on /api/events; `onReady(live)` says whether the server announces changes, and
 * `onRefresh(layers)` follows each reload. Returns the EventSource (close it to stop).
 */
export function refreshOnDataVersions(
  map: MapLibreMap,
  onReady: (live: boolean) => void,
  onRefresh: (layers: string[]) => void,
): EventSource {
  const events = new EventSource('/api/events')
  events.addEventListener('ready', (e) => onReady(Boolean(JSON.parse((e as MessageEvent).data).live)))
  events.addEventListener('data-version', (e) => {
    const change = JSON.parse((e as MessageEvent).data) as DataVersionEvent
    if (reloadTilesOf(map, change.layers)) onRefresh(change.layers)
  })
  return events
}

/**
 * Re-requests the live tiles that carry `layers` (a page that has just changed one, such as a
 * filed report, need not wait for the event). Returns whether any source was reloaded.
 */
export function reloadTilesOf(map: MapLibreMap, layers: string[]): boolean {
  const sources = new Set(layers.map((layer) => sourceOf(map, layer)).filter((s): s is string => Boolean(s)))
  for (const id of sources) {
    const source = map.getSource(id) as VectorTileSource | undefined
    if (source?.type === 'vector' && source.tiles) source.setTiles([...source.tiles])
  }
  return sources.size > 0
}
