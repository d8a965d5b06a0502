// The viewer's entry: language, map, side panel and its pages, search box. Pages are the files of
// web/pages/ (see viewer-page.ts for how one plugs in).
import './styles/viewer.css'
import { isAbort } from './api-client.ts'
import { applyI18n, switchLang, t } from './i18n/index.ts'
import { kunmingDate } from './kunming-date.ts'
import { createMap } from './map/create-map.ts'
import { MapHighlight } from './map/highlight.ts'
import { loadViewerStyle } from './map/viewer-style.ts'
import { SearchBox } from './panels/search-box.ts'
import { SidePanel } from './panels/side-panel.ts'
import { createStatusBar } from './status.ts'
import type { ViewerContext, ViewerPage } from './viewer-page.ts'

const pageModules = import.meta.glob<{ page: ViewerPage }>('./pages/*.ts', { eager: true })

// Kunming's extent when the catalogue has no admin areas yet (an empty store).
const KUNMING: [number, number, number, number] = [102.17, 24.39, 103.67, 26.54]

async function start(): Promise<void> {
  applyI18n(document)
  document.getElementById('lang-switch')!.addEventListener('click', switchLang)
  const viewer = document.getElementById('viewer')!
  const status = createStatusBar(viewer)
  const loading = document.getElementById('map-loading')!
  const panel = new SidePanel(document.getElementById('panel-toggle') as HTMLButtonElement)
  viewer.append(panel.el)
  if (matchMedia('(max-width: 720px)').matches) panel.setOpen(false)

  let asOf = kunmingDate()
  try {
    const { style, layers } = await loadViewerStyle()
    const cityBounds = layers.find((l) => l.id === 'admin_areas')?.bbox ?? KUNMING
    const map = await createMap({ container: document.getElementById('map')!, style, cityBounds })
    // Tile and source failures after the first render: shown, not swallowed (issue 12 item 7).
    map.on('error', (e) => {
      if (!isAbort(e.error)) status.error(`${t('map.error')}: ${e.error?.message ?? ''}`)
    })
    // The browser tests ask the rendered layers (queryRenderedFeatures, paint) through this handle.
    ;(window as unknown as { rcgisMap?: unknown }).rcgisMap = map
    const highlight = new MapHighlight(map)
    highlight.install()
    const ctx: ViewerContext = {
      map,
      highlight,
      layers,
      status,
      showPage: (id, args) => panel.show(id, args),
      asOf: () => asOf,
      setAsOf: (date) => {
        asOf = date
      },
    }
    const pages = Object.values(pageModules).map((m) => m.page)
    panel.mount(pages, ctx)
    new SearchBox(document.getElementById('search')!, ctx)
    map.on('click', (e) => {
      const lngLat = { lon: e.lngLat.lng, lat: e.lngLat.lat }
      if (!panel.mapClick(lngLat)) panel.show('locate', lngLat)
    })
    // Render state for people (the loading note) and for the browser tests: ready after the
    // first full render (its time kept), idle whenever no tile or frame is pending.
    map.once('idle', () => {
      document.body.dataset.firstRenderMs = String(Math.round(performance.now()))
      document.body.dataset.mapReady = 'true'
    })
    map.on('idle', () => {
      document.body.dataset.mapIdle = 'true'
    })
    map.on('dataloading', () => {
      document.body.dataset.mapIdle = 'false'
    })
  } catch (error) {
    status.error(`${t('map.error')}: ${(error as Error).message}`)
  } finally {
    loading.hidden = true
  }
}

start()
