// Trace upstream (水质恶化倒查, seed §5(五); issue 12 item 5): from a monitoring section or any
// point on a river, /api/network/upstream gives the reaches upstream in network order, the
// outfalls and sections along them and their chiefs; they are lit on the map and listed here.

import { LngLatBounds } from 'maplibre-gl'
import { getJson, isAbort } from '../api-client.ts'
import { fill, h } from '../dom.ts'
import { t, term } from '../i18n/index.ts'
import { type FeatureRef, sourceOf } from '../map/highlight.ts'
import type { ChiefOnDuty } from '../panels/signboard.ts'
import type { ViewerContext, ViewerPage } from '../viewer-page.ts'

interface Section {
  id: number
  code: string
  name: string
  target_class: string | null
  latest: { measured_on: string; water_class: string } | null
}
interface TraceAnswer {
  start: {
    section: Section | null
    point: { lon: number; lat: number }
    reach: { id: number; name: string } | null
  }
  reaches: { id: number; code: string; name: string; length_m: number; distance_m: number }[]
  total_length_m: number
  outfalls: {
    id: number
    code: string | null
    name: string
    yearly_discharge_t: number | null
    distance_m: number
  }[]
  sections: (Section & { meets_target: boolean | null; distance_m: number })[]
  chiefs: ChiefOnDuty[]
}
interface SectionItems {
  features: {
    id: number
    geometry: { coordinates: [number, number] }
    properties: { code: string; name: string }
  }[]
}

export type TraceArgs = { section: string } | { lon: number; lat: number }

const km = (m: number) => `${(m / 1000).toFixed(m < 10_000 ? 2 : 1)} ${t('unit.km')}`

/** The chiefs of one reach (its own assignments), as "name (role)". */
function reachChiefs(chiefs: ChiefOnDuty[], reachId: number): string {
  return chiefs
    .filter((c) => c.scope.kind === 'reach' && c.scope.id === reachId)
    .map((c) => `${c.name}（${term('level', c.level)}${term('role', c.role)}）`)
    .join('、')
}

/**
 * Frames the traced reaches: their parts in the tiles already loaded (the trace answer carries no
 * geometry) and the start point; the start alone at street zoom when none is loaded.
 */
function fitTraced(ctx: ViewerContext, reachIds: number[], start: [number, number]): void {
  const source = sourceOf(ctx.map, 'reaches')
  const bounds = new LngLatBounds(start, start)
  let found = 0
  if (source)
    for (const f of ctx.map.querySourceFeatures(source, {
      sourceLayer: 'reaches',
      filter: ['in', ['id'], ['literal', reachIds]],
    }))
      if (f.geometry.type === 'LineString')
        for (const c of f.geometry.coordinates) {
          bounds.extend(c as [number, number])
          found++
        }
  if (found === 0) ctx.map.easeTo({ center: start, zoom: Math.max(ctx.map.getZoom(), 12) })
  else ctx.map.fitBounds(bounds, { padding: 40, maxZoom: 14 })
}

export const page: ViewerPage = {
  id: 'trace',
  title: { zh: '水质倒查', en: 'Trace upstream' },
  order: 30,
  mount(root, ctx: ViewerContext) {
    const select = h(
      'select',
      { id: 'trace-section', 'aria-label': t('trace.section.pick') },
      h('option', { value: '' }, t('trace.section.pick')),
    )
    const go = h('button', { type: 'button', class: 'primary', id: 'trace-go' }, t('trace.fromSection'))
    const clear = h('button', { type: 'button', class: 'secondary' }, t('trace.clear'))
    const body = h('div', { class: 'trace-body' })
    root.append(
      h('h2', {}, t('trace.heading')),
      h('div', { class: 'row' }, select, go, clear),
      h('p', { class: 'hint' }, t('trace.fromPoint')),
      body,
    )
    let pending: AbortController | undefined

    ctx.status
      .busy(
        t('layers.loading'),
        getJson<SectionItems>('/ogc/collections/monitoring_sections/items', { limit: 1000, f: 'json' }),
      )
      .then(({ features }) => {
        for (const f of features)
          select.append(
            h('option', { value: f.properties.code }, `${f.properties.name}（${f.properties.code}）`),
          )
      })
      .catch((error: Error) => ctx.status.error(error.message))

    const trace = async (args: TraceArgs) => {
      pending?.abort()
      const mine = new AbortController()
      pending = mine
      fill(body, h('p', { class: 'hint' }, h('span', { class: 'spinner' }), ' ', t('trace.loading')))
      try {
        const answer = await ctx.status.busy(
          t('trace.loading'),
          getJson<TraceAnswer>(
            '/api/network/upstream',
            { ...args, date: ctx.asOf() },
            { signal: mine.signal },
          ),
        )
        render(answer)
      } catch (error) {
        if (isAbort(error)) return
        fill(body, h('p', { class: 'hint', role: 'alert' }, (error as Error).message))
        ctx.status.error((error as Error).message)
      }
    }

    const render = (a: TraceAnswer) => {
      const lit: FeatureRef[] = [
        ...a.reaches.map((r) => ({ layer: 'reaches', id: r.id })),
        ...a.outfalls.map((o) => ({ layer: 'outfalls', id: o.id })),
        ...a.sections.map((s) => ({ layer: 'monitoring_sections', id: s.id })),
      ]
      ctx.highlight.set('traced', lit)
      fitTraced(
        ctx,
        a.reaches.map((r) => r.id),
        [a.start.point.lon, a.start.point.lat],
      )
      const areaChiefs = a.chiefs.filter((c) => c.scope.kind !== 'reach')
      const start = a.start.section
        ? `${a.start.section.name}（${a.start.section.code}）`
        : `${a.start.point.lon.toFixed(5)}°E, ${a.start.point.lat.toFixed(5)}°N`
      if (!a.start.reach) {
        fill(body, h('p', {}, `${t('trace.start')}：${start}`), h('p', { class: 'hint' }, t('trace.none')))
        return
      }
      fill(
        body,
        h('p', {}, `${t('trace.start')}：${start} · ${a.start.reach.name}`),
        h('p', {}, `${t('trace.total')}：${km(a.total_length_m)}`),
        h('h3', {}, `${t('trace.reaches')}（${a.reaches.length}）`),
        h(
          'ol',
          { class: 'trace-list', id: 'trace-reaches' },
          a.reaches.map((r) =>
            h(
              'li',
              { 'data-reach': r.id },
              h('strong', {}, r.name),
              h(
                'span',
                { class: 'meta' },
                `${r.code} · ${km(r.length_m)} · ${t('trace.start')} +${km(r.distance_m)}`,
              ),
              h('span', { class: 'meta' }, `${t('trace.chiefs')}：${reachChiefs(a.chiefs, r.id) || '—'}`),
            ),
          ),
        ),
        h('h3', {}, `${t('trace.outfalls')}（${a.outfalls.length}）`),
        h(
          'ul',
          { class: 'trace-list' },
          a.outfalls.map((o) =>
            h(
              'li',
              { 'data-outfall': o.id },
              h('strong', {}, o.name),
              h(
                'span',
                { class: 'meta' },
                `${o.code ?? ''} · +${km(o.distance_m)}` +
                  (o.yearly_discharge_t !== null
                    ? ` · ${t('trace.discharge')} ${o.yearly_discharge_t} ${t('unit.t')}`
                    : ''),
              ),
            ),
          ),
        ),
        h('h3', {}, `${t('trace.sections')}（${a.sections.length}）`),
        h(
          'ul',
          { class: 'trace-list' },
          a.sections.map((s) =>
            h(
              'li',
              { 'data-section': s.id },
              h('strong', {}, s.name),
              ' ',
              s.meets_target === null
                ? null
                : h(
                    'span',
                    { class: `badge ${s.meets_target ? 'meets' : 'fails'}` },
                    t(s.meets_target ? 'trace.meets' : 'trace.fails'),
                  ),
              h(
                'span',
                { class: 'meta' },
                `${t('trace.latest')} ${s.latest ? `${term('value', s.latest.water_class)}（${s.latest.measured_on}）` : '—'} · ` +
                  `${t('trace.target')} ${s.target_class ? term('value', s.target_class) : '—'} · +${km(s.distance_m)}`,
              ),
            ),
          ),
        ),
        h('h3', {}, t('trace.chiefs')),
        h(
          'ul',
          { class: 'trace-list' },
          areaChiefs.map((c) =>
            h(
              'li',
              {},
              h('strong', {}, c.name),
              h(
                'span',
                { class: 'meta' },
                `${term('level', c.level)}${term('role', c.role)} · ${c.scope.name} · ${c.contact ?? ''}`,
              ),
            ),
          ),
        ),
      )
    }

    go.addEventListener('click', () => {
      if (select.value) trace({ section: select.value })
    })
    clear.addEventListener('click', () => {
      ctx.highlight.clear('traced')
      fill(body)
    })
    return {
      open(args) {
        const a = args as TraceArgs
        if ('section' in a) select.value = a.section
        trace(a)
      },
    }
  },
}
