// Check a project (issue 12 item 4): draw a point, line or polygon (terra-draw) or drop the
// outline file (read by POST /api/project-geometry with the import's readers), set a buffer, ask
// POST /api/intrusion; the verdict, the conflicts lit on the map and listed, and an A4 report.
import { LngLatBounds } from 'maplibre-gl'
import { TerraDraw, TerraDrawLineStringMode, TerraDrawPointMode, TerraDrawPolygonMode } from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'
import { ApiError, getJson, postJson } from '../api-client.ts'
import { fill, h } from '../dom.ts'
import { t } from '../i18n/index.ts'
import { geometryBounds } from '../map/geometry-bounds.ts'
import type { ViewerContext, ViewerPage } from '../viewer-page.ts'
import './check/check.css'
import { w } from './check/check-words.ts'
import { conflictsTable, verdictWord } from './check/conflicts-table.ts'
import { conflictsOf, type IntrusionAnswer } from './check/intrusion-answer.ts'
import { installProjectLayer, showProject } from './check/project-layer.ts'
import { renderReport } from './check/project-report.ts'

type DrawMode = 'point' | 'linestring' | 'polygon'

/** The map's picture once the frame that shows the project is drawn (preserveDrawingBuffer is on). */
function captureMap(ctx: ViewerContext): Promise<string> {
  return new Promise((resolve) => {
    ctx.map.once('idle', () => resolve(ctx.map.getCanvas().toDataURL('image/png')))
    ctx.map.triggerRepaint()
  })
}

/** POSTs the dropped files to /api/project-geometry; the server's 4xx message is thrown as it is. */
async function readOutline(files: FileList | File[], crs: string): Promise<GeoJSON.Geometry> {
  const body = new FormData()
  for (const file of files) body.append('file', file, file.name)
  if (crs.trim()) body.set('crs', crs.trim())
  const answer = await getJson<{ geometry: GeoJSON.Geometry }>(
    '/api/project-geometry',
    {},
    { method: 'POST', body },
  )
  return answer.geometry
}

export const page: ViewerPage = {
  id: 'check',
  title: { zh: '项目审查', en: 'Check a project' },
  order: 40,
  mount(root, ctx) {
    installProjectLayer(ctx.map)
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: ctx.map }),
      modes: [new TerraDrawPointMode(), new TerraDrawLineStringMode(), new TerraDrawPolygonMode()],
    })
    draw.start()
    let geometry: GeoJSON.Geometry | null = null
    let drawing: DrawMode | null = null

    const modeButtons = (['point', 'linestring', 'polygon'] as const).map((mode) =>
      h(
        'button',
        { type: 'button', 'data-mode': mode, 'aria-pressed': 'false' },
        w(mode === 'linestring' ? 'line' : mode),
      ),
    )
    const clearButton = h('button', { type: 'button', class: 'secondary' }, w('clear'))
    const fileInput = h('input', {
      type: 'file',
      id: 'check-file',
      multiple: true,
      accept: '.geojson,.json,.zip,.shp,.shx,.dbf,.prj,.cpg',
      hidden: true,
    })
    const drop = h('label', { class: 'check-drop', for: 'check-file', tabindex: 0 }, w('drop'), fileInput)
    const crsInput = h('input', { type: 'text', id: 'check-crs', placeholder: 'EPSG:4522', size: 12 })
    const bufferInput = h('input', {
      type: 'number',
      id: 'check-buffer',
      min: 0,
      max: 5000,
      step: 10,
      value: 0,
    })
    const checkButton = h('button', { type: 'button', class: 'primary', id: 'check-go' }, w('check'))
    const printButton = h('button', { type: 'button', id: 'check-print', disabled: true }, w('print'))
    const result = h('div', { class: 'check-result', 'aria-live': 'polite' })
    root.append(
      h('h2', {}, w('heading')),
      h(
        'div',
        { class: 'row check-modes', role: 'group', 'aria-label': w('draw') },
        ...modeButtons,
        clearButton,
      ),
      h('p', { class: 'hint' }, w('drawHint')),
      drop,
      h('div', { class: 'check-field' }, h('label', { for: 'check-crs' }, w('crs')), crsInput),
      h('div', { class: 'check-field' }, h('label', { for: 'check-buffer' }, w('buffer')), bufferInput),
      h('div', { class: 'row' }, checkButton, printButton),
      result,
    )

    const setDrawing = (mode: DrawMode | null) => {
      drawing = mode
      draw.setMode(mode ?? 'static')
      for (const b of modeButtons) b.setAttribute('aria-pressed', String(b.dataset.mode === mode))
    }
    const setProject = (g: GeoJSON.Geometry | null) => {
      geometry = g
      showProject(ctx.map, g)
      printButton.disabled = true
      fill(result)
      ctx.highlight.clear('selected')
    }
    for (const b of modeButtons)
      b.addEventListener('click', () => {
        draw.clear()
        setProject(null)
        setDrawing(b.dataset.mode as DrawMode)
      })
    clearButton.addEventListener('click', () => {
      draw.clear()
      setProject(null)
      setDrawing(null)
    })
    draw.on('finish', (id) => {
      const feature = draw.getSnapshotFeature(id)
      if (!feature) return
      // One outline at a time: the newest drawing is the project.
      draw.removeFeatures(
        draw
          .getSnapshot()
          .filter((f) => f.id !== id)
          .map((f) => f.id as string),
      )
      setProject(feature.geometry as GeoJSON.Geometry)
    })

    const takeFiles = async (files: FileList | File[]) => {
      if (files.length === 0) return
      try {
        const g = await ctx.status.busy(w('reading'), readOutline(files, crsInput.value))
        draw.clear()
        setDrawing(null)
        setProject(g)
        const [west, south, east, north] = geometryBounds(g)
        ctx.map.fitBounds(new LngLatBounds([west, south], [east, north]), { padding: 60, maxZoom: 16 })
      } catch (error) {
        ctx.status.error((error as Error).message)
      }
    }
    fileInput.addEventListener('change', () => takeFiles(fileInput.files ?? []))
    drop.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') fileInput.click()
    })
    drop.addEventListener('dragover', (e) => {
      e.preventDefault()
      drop.classList.add('dragging')
    })
    drop.addEventListener('dragleave', () => drop.classList.remove('dragging'))
    drop.addEventListener('drop', (e) => {
      e.preventDefault()
      drop.classList.remove('dragging')
      takeFiles(e.dataTransfer?.files ?? [])
    })

    checkButton.addEventListener('click', async () => {
      if (!geometry) {
        ctx.status.error(w('noGeometry'))
        return
      }
      try {
        const answer = await ctx.status.busy(
          w('checking'),
          postJson<IntrusionAnswer>('/api/intrusion', {
            geometry,
            buffer_m: Number(bufferInput.value) || 0,
          }),
        )
        const conflicts = conflictsOf(answer)
        ctx.highlight.set(
          'selected',
          conflicts.map((c) => ({ layer: c.layer, id: c.id })),
        )
        fill(
          result,
          h(
            'div',
            { class: `check-verdict verdict-${answer.verdict}`, id: 'check-verdict', role: 'status' },
            verdictWord(answer.verdict),
          ),
          h('h3', {}, `${w('conflicts')}（${conflicts.length}）`),
          conflicts.length > 0 ? conflictsTable(conflicts, ctx.layers) : h('p', {}, w('none')),
        )
        renderReport(answer, await captureMap(ctx), ctx.asOf(), ctx.layers)
        printButton.disabled = false
      } catch (error) {
        ctx.status.error(error instanceof ApiError ? error.message : t('error.generic'))
      }
    })
    printButton.addEventListener('click', () => window.print())

    return {
      onMapClick: () => drawing !== null,
      hide: () => setDrawing(null),
    }
  },
}
