// File a public report (issue 13 item 5; seed §6(五)): with this page in front a click on the map
// places the report, the form takes a category and a text, POST /api/reports files it and the
// page shows where it was routed. The reports themselves are the map's `reports` layer, coloured
// by status (tiles/style.ts), reloaded once a report is filed.
import { Marker } from 'maplibre-gl'
// The categories and their titles are the server's own list, bundled, so the two cannot differ.
import { CATEGORY_TITLES, REPORT_CATEGORIES } from '../../server/reports/categories.ts'
import { postJson } from '../api-client.ts'
import { fill, h } from '../dom.ts'
import { pick } from '../i18n/index.ts'
import { reloadTilesOf } from '../map/data-version-refresh.ts'
import '../styles/operations.css'
import type { ViewerPage } from '../viewer-page.ts'
import { type FiledReport, reportBody } from './report/report-answer.ts'
import { w } from './report/report-words.ts'
import { routingCard } from './report/routing-card.ts'

// A report's text is kept short: the API refuses large bodies (contract of issue 13).
const MAX_TEXT = 1000

export const page: ViewerPage = {
  id: 'report',
  title: { zh: '举报', en: 'Report' },
  order: 80,
  mount(root, ctx) {
    let point: [number, number] | null = null
    const marker = new Marker({ color: '#e31a1c' })
    const where = h('p', { class: 'report-point', id: 'report-point' }, w('noPoint'))
    const category = h(
      'select',
      { id: 'report-category' },
      REPORT_CATEGORIES.map((value) => h('option', { value }, pick(CATEGORY_TITLES[value]))),
    )
    const text = h('textarea', { id: 'report-text', rows: 4, maxlength: MAX_TEXT })
    const send = h('button', { type: 'button', class: 'primary', id: 'report-send' }, w('send'))
    const result = h('div', { 'aria-live': 'polite' })
    root.append(
      h('h2', {}, w('heading')),
      h('p', { class: 'hint' }, w('hint')),
      h(
        'div',
        { class: 'report-form' },
        h('label', {}, w('point')),
        where,
        h('label', { for: category.id }, w('category')),
        category,
        h('label', { for: text.id }, w('text')),
        text,
      ),
      h('div', { class: 'row' }, send),
      h('p', { class: 'hint' }, w('legend')),
      result,
    )

    send.addEventListener('click', async () => {
      if (!point) return ctx.status.error(w('needPoint'))
      if (!text.value.trim()) return ctx.status.error(w('needText'))
      send.disabled = true
      try {
        const filed = await ctx.status.busy(
          w('sending'),
          postJson<FiledReport>('/api/reports', reportBody(point, category.value, text.value.trim())),
        )
        fill(result, routingCard(filed))
        // The new report on the map at once, red as received (tiles/style.ts).
        reloadTilesOf(ctx.map, ['reports'])
        text.value = ''
      } catch (error) {
        ctx.status.error((error as Error).message)
      } finally {
        send.disabled = false
      }
    })

    return {
      onMapClick({ lon, lat }) {
        point = [lon, lat]
        marker.setLngLat(point).addTo(ctx.map)
        where.textContent = `${lon.toFixed(6)}°E, ${lat.toFixed(6)}°N`
        fill(result)
        return true
      },
    }
  },
}
