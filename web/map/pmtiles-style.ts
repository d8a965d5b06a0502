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

/** The vector sources of `style` that read our live tiles (`/tiles/…`), by source id. */
export function liveTileSources(style: StyleSpecification): Record<string, SourceSpecification> {
  return Object.fromEntries(Object.entries(style.sources).filter(([, source]) => isLiveTiles(source)))
}

/**
 * A vector source reading the archive at `archiveUrl` (absolute URL of `/pmtiles/{name}.pmtiles`)
 * by HTTP Range. An archive holds every exported layer under its registry id, the MVT layer names
 * of the live tiles, so the style layers drawing a live source draw this one unchanged.
 */
export function pmtilesSource(archiveUrl: string): SourceSpecification {
  return { type: 'vector', url: `pmtiles://${archiveUrl}` }
}
