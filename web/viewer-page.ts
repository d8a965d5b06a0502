// How a page plugs into the viewer. A page is one file in web/pages/ that exports
// `page: ViewerPage`; main.ts finds every such file at build time (import.meta.glob), adds a tab
// for it to the side panel in `order`, and mounts it once. Nothing else has to be edited.
import type { Map as MapLibreMap } from 'maplibre-gl'
import type { Bilingual } from './i18n/index.ts'
import type { CatalogueLayer } from './layer-catalogue.ts'
import type { MapHighlight } from './map/highlight.ts'
import type { StatusBar } from './status.ts'

export interface ViewerContext {
  map: MapLibreMap
  /** Feature-state highlights of our tile features (map/highlight.ts). */
  highlight: MapHighlight
  /** The layer catalogue of /api/layers. */
  layers: CatalogueLayer[]
  /** Loading and error lines (status.ts): wrap every request in `status.busy`, show every failure. */
  status: StatusBar
  /** Brings page `id` to the front (opening the panel on a phone) and passes it `args`. */
  showPage(id: string, args?: unknown): void
  /** The "as of" date (YYYY-MM-DD, Kunming's calendar) that locate, search and traces ask for. */
  asOf(): string
  /** Sets the "as of" date (the locate card's picker). */
  setAsOf(date: string): void
}

export interface PageHandle {
  /** Called by `showPage(id, args)`: e.g. locate gets `{lon, lat}`, trace `{section}` or `{lon, lat}`. */
  open?(args: unknown): void
  /**
   * A click on the map while this page is in front. Return true when the page used it (drawing a
   * project outline); otherwise the click asks "who is responsible here" (the locate page).
   */
  onMapClick?(lngLat: { lon: number; lat: number }): boolean
  /** The page went to the back (stop drawing, keep results). */
  hide?(): void
}

export interface ViewerPage {
  /** Stable id, also the `?page=` of the URL. */
  id: string
  /** Tab title in both languages. */
  title: Bilingual
  /** Tab position, ascending (layers 10, locate 20, trace 30; leave gaps). */
  order: number
  /** Builds the page inside `root` (called once, after the map's style has loaded). */
  mount(root: HTMLElement, ctx: ViewerContext): PageHandle | undefined
}
