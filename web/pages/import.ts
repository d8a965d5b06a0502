// The import page for staff (issue 12 item 6): paste a token, drop files, choose the layer, mode,
// CRS and encoding; a dry run shows the CRS and encoding detected, the first 20 rows as they will
// be stored and the features on the map (a wrong CRS shows as data in the wrong place); then the
// import with upload progress and its report. Tiles refresh on /api/events, without a reload.
import { type GeoJSONSource, LngLatBounds, type Map as MapLibreMap } from 'maplibre-gl'
import { fill, h } from '../dom.ts'
import { pick } from '../i18n/index.ts'
import { refreshOnDataVersions } from '../map/data-version-refresh.ts'
import type { ViewerPage } from '../viewer-page.ts'
import { w } from './import/import-words.ts'
import { postImport } from './import/upload.ts'

interface ImportReport {
  layer: string
  fileName: string
  crs: { used: string; name: string; reason: string }
  encoding: { used: string; reason: string }
  counts: { read: number; inserted: number; repaired: number; skipped: number; rejected: number }
  warnings: string[]
  importId: number | null
  dryRun: boolean
  sample?: {
    rows: { recordNo: number; attributes: Record<string, unknown>; extra: Record<string, unknown> }[]
    features: GeoJSON.FeatureCollection
  }
}

const SAMPLE = 'import-sample'
const TOKEN_KEY = 'rcgis.importToken'

/** The dry run's features in orange above the data, so where they land is plain. */
function showSample(map: MapLibreMap, features: GeoJSON.FeatureCollection | null): void {
  const data = features ?? { type: 'FeatureCollection', features: [] }
  const source = map.getSource(SAMPLE) as GeoJSONSource | undefined
  if (source) {
    source.setData(data)
    return
  }
  map.addSource(SAMPLE, { type: 'geojson', data })
  map.addLayer({
    id: `${SAMPLE}-fill`,
    type: 'fill',
    source: SAMPLE,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': '#ff6f00', 'fill-opacity': 0.25 },
  })
  map.addLayer({
    id: `${SAMPLE}-line`,
    type: 'line',
    source: SAMPLE,
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: { 'line-color': '#ff6f00', 'line-width': 2 },
  })
  map.addLayer({
    id: `${SAMPLE}-point`,
    type: 'circle',
    source: SAMPLE,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-color': '#ff6f00', 'circle-radius': 5 },
  })
}

/** The sample rows as a table: record number, then every attribute or source field that has a value. */
function rowsTable(rows: NonNullable<ImportReport['sample']>['rows']): HTMLTableElement {
  const merged = rows.map((r) => ({ recordNo: r.recordNo, values: { ...r.attributes, ...r.extra } }))
  const columns = [
    ...new Set(
      merged.flatMap((r) => Object.keys(r.values).filter((k) => r.values[k] !== null && r.values[k] !== '')),
    ),
  ]
  const text = (v: unknown) =>
    v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v)
  return h(
    'table',
    { class: 'check-conflicts', id: 'import-rows' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, '#'),
        columns.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      {},
      merged.map((r) =>
        h(
          'tr',
          {},
          h('td', {}, r.recordNo),
          columns.map((c) => h('td', {}, text(r.values[c]))),
        ),
      ),
    ),
  )
}

export const page: ViewerPage = {
  id: 'import',
  title: { zh: '数据导入', en: 'Import' },
  order: 50,
  mount(root, ctx) {
    const token = h('input', {
      type: 'password',
      id: 'import-token',
      autocomplete: 'off',
      value: sessionStorage.getItem(TOKEN_KEY) ?? '',
    })
    const files = h('input', {
      type: 'file',
      id: 'import-file',
      multiple: true,
      accept: '.zip,.shp,.shx,.dbf,.prj,.cpg,.geojson,.json',
    })
    const layer = h(
      'select',
      { id: 'import-layer' },
      ctx.layers.map((l) => h('option', { value: l.id }, `${pick(l.title)}（${l.id}）`)),
    )
    const mode = h(
      'select',
      { id: 'import-mode' },
      h('option', { value: 'append' }, w('append')),
      h('option', { value: 'replace' }, w('replace')),
    )
    const crs = h('input', { type: 'text', id: 'import-crs', placeholder: 'EPSG:4543', size: 12 })
    const encoding = h('input', { type: 'text', id: 'import-encoding', placeholder: 'GBK', size: 8 })
    const dry = h('button', { type: 'button', class: 'primary', id: 'import-dry' }, w('dryRun'))
    const run = h('button', { type: 'button', id: 'import-run' }, w('run'))
    const progress = h('progress', { id: 'import-progress', max: 1, value: 0, hidden: true })
    const liveNote = h('p', { class: 'hint', id: 'import-live' })
    const result = h('div', { class: 'import-result', 'aria-live': 'polite' })
    const field = (label: string, input: HTMLElement) =>
      h('div', { class: 'check-field' }, h('label', { for: input.id }, label), input)
    root.append(
      h('h2', {}, w('heading')),
      field(w('token'), token),
      h('p', { class: 'hint' }, w('tokenHint')),
      h('label', { class: 'check-drop', for: 'import-file' }, w('files'), files),
      field(w('layer'), layer),
      field(w('mode'), mode),
      field(w('crs'), crs),
      field(w('encoding'), encoding),
      h('div', { class: 'row' }, dry, run),
      progress,
      liveNote,
      result,
    )

    const send = async (dryRun: boolean) => {
      if (!token.value.trim()) return ctx.status.error(w('noToken'))
      if (!files.files?.length) return ctx.status.error(w('noFiles'))
      sessionStorage.setItem(TOKEN_KEY, token.value.trim())
      const form = new FormData()
      form.set('layer', layer.value)
      form.set('mode', mode.value)
      if (crs.value.trim()) form.set('crs', crs.value.trim())
      if (encoding.value.trim()) form.set('encoding', encoding.value.trim())
      if (dryRun) form.set('dryRun', 'true')
      for (const file of files.files) form.append('file', file, file.name)
      progress.hidden = false
      progress.value = 0
      try {
        const report = await ctx.status.busy(
          w('working'),
          postImport<ImportReport>(form, token.value.trim(), (f) => {
            progress.value = f
          }),
        )
        const c = report.counts
        fill(
          result,
          h(
            'p',
            { class: 'import-outcome' },
            report.dryRun ? w('dryDone') : w('done', { id: report.importId ?? '' }),
          ),
          h(
            'p',
            { id: 'import-crs-used' },
            `${w('crsUsed')}：${report.crs.used}（${report.crs.name}）— ${report.crs.reason}`,
          ),
          h(
            'p',
            { id: 'import-encoding-used' },
            `${w('encodingUsed')}：${report.encoding.used} — ${report.encoding.reason}`,
          ),
          h(
            'p',
            {},
            `${w('counts')}：read ${c.read} · inserted ${c.inserted} · repaired ${c.repaired} · skipped ${c.skipped} · rejected ${c.rejected}`,
          ),
          report.warnings.length > 0
            ? h(
                'ul',
                { class: 'import-warnings', 'aria-label': w('warnings') },
                report.warnings.map((x) => h('li', {}, x)),
              )
            : null,
          report.sample ? h('h3', {}, w('firstRows', { n: report.sample.rows.length })) : null,
          report.sample ? rowsTable(report.sample.rows) : null,
        )
        showSample(ctx.map, report.sample?.features ?? null)
        const coords = (report.sample?.features.features ?? []).flatMap(
          (f) => JSON.stringify(f.geometry).match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g) ?? [],
        )
        if (coords.length > 0) {
          const bounds = new LngLatBounds()
          for (const pair of coords) bounds.extend(pair.split(',').map(Number) as [number, number])
          ctx.map.fitBounds(bounds, { padding: 40, maxZoom: 14 })
        }
      } catch (error) {
        ctx.status.error((error as Error).message)
      } finally {
        progress.hidden = true
      }
    }
    dry.addEventListener('click', () => send(true))
    run.addEventListener('click', () => send(false))

    // Opened once the first render is done: the stream holds one of the browser's six connections
    // to this host, which the first screenful of tiles should have to itself.
    ctx.map.once('idle', () =>
      refreshOnDataVersions(
        ctx.map,
        (live) => fill(liveNote, live ? w('live') : w('notLive')),
        (layers) => fill(liveNote, w('refreshed', { layers: layers.join(', ') })),
      ),
    )
    return { hide: () => showSample(ctx.map, null) }
  },
}
