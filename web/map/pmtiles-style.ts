// Reading a served PMTiles snapshot instead of the live tiles (issue 12 item 1): the archive is
// fetched by HTTP Range through the `pmtiles` protocol, so a snapshot taken for a meeting or a
// field laptop shows exactly what was exported, whatever the database holds now.
import { addProtocol, type SourceSpecification, type StyleSpecification } from 'maplibre-gl'
import { Protocol } from 'pmtiles'

let registered = false

/** Registers the `pmtiles://` protocol with MapLibre, once. */
export function registerPmtilesProtocol(): void {
  if (registered) return
  addProtocol('pmtiles', new Protocol().tile)
  registered = true
}

const isLiveTiles = (source: SourceSpecification) =>
  source.type === 'vector' &&
  (('tiles' in source && source.tiles?.some((u) => u.includes('/tiles/'))) ||
    ('url' in source && source.url?.includes('/tiles/')))

/**
 * `style` with every vector source of our live tiles (`/tiles/…`) read from the archive at
 * `archiveUrl` instead (absolute URL of `/pmtiles/{name}.pmtiles`). An archive holds every
 * exported layer under its registry id, the same MVT layer names as the live tiles, so the style
 * layers stay as they are. Sources not from our tiles are left alone.
 */
export function withPmtilesSources(style: StyleSpecification, archiveUrl: string): StyleSpecification {
  const sources: StyleSpecification['sources'] = {}
  for (const [id, source] of Object.entries(style.sources))
    sources[id] = isLiveTiles(source) ? { type: 'vector', url: `pmtiles://${archiveUrl}` } : source
  return { ...style, sources }
}
