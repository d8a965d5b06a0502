// "Who is responsible here" (issue 12 item 2): a click on the map asks /api/locate and the card
// shows the administrative chain, the basin with its authority, office and oversight (seed
// §3(一)1, §3(二)3), every chief on the signboard, and the zones covering the point. The "as of"
// date re-asks for a past day: accountability asks who was responsible then.
import { Marker } from 'maplibre-gl'
import { getJson, isAbort } from '../api-client.ts'
import { fill, h } from '../dom.ts'
import { pick, t, term } from '../i18n/index.ts'
import { kunmingDate } from '../kunming-date.ts'
import { scopeFeature } from '../map/scope-layer.ts'
import { type ChiefOnDuty, signboard } from '../panels/signboard.ts'
import type { ViewerContext, ViewerPage } from '../viewer-page.ts'

interface LocateAnswer {
  point: { lon: number; lat: number }
  admin: { level: string; code: string; name: string }[]
  park: { name: string; committee?: string | null } | null
  basin: {
    basin: string | null
    authority: string
    office: string
    oversight: string
    managing_body: string | null
    rule_source: string
  } | null
  chiefs: ChiefOnDuty[]
  zones: Record<string, Record<string, unknown>[]>
  nearest_reach: { id: number; name: string; distance_m: number } | null
}

export interface LocateArgs {
  lon: number
  lat: number
  /** A chief to mark and light (from search). */
  chief?: string
}

/** Zone keys of locate (registry `zone.key`) to their layer ids, for the titles. */
const zoneLayer = (key: string) => (key === 'lakes' || key === 'blue_lines' ? key : `${key}_zones`)
/** The attribute that says what kind of zone a feature is, by zone key. */
const ZONE_TYPE: Record<string, string> = {
  shoreline: 'function',
  water_source: 'grade',
  water_resource: 'colour',
  groundwater: 'kind',
  water_function: 'target_class',
  lakes: 'kind',
}

function field(label: string, value: string | Node | null | undefined): HTMLElement[] {
  return [h('dt', {}, label), h('dd', {}, value ?? '—')]
}

export const page: ViewerPage = {
  id: 'locate',
  title: { zh: '河长查询', en: 'Who is responsible' },
  order: 20,
  mount(root, ctx: ViewerContext) {
    const date = h('input', {
      type: 'date',
      id: 'as-of',
      value: ctx.asOf(),
      max: kunmingDate(),
      min: '2017-01-01',
    })
    const body = h('div', { class: 'locate-body' }, h('p', { class: 'hint' }, t('locate.empty')))
    root.append(
      h('h2', {}, t('locate.heading')),
      h('div', { class: 'as-of' }, h('label', { for: 'as-of' }, t('locate.asOf')), date),
      body,
    )
    let last: LocateArgs | undefined
    let pending: AbortController | undefined
    // Where the question was asked (MapLibre's own inline SVG pin: no image is fetched).
    const pin = new Marker({ color: '#0b3c6f' })

    const ask = async (args: LocateArgs) => {
      last = args
      pin.setLngLat([args.lon, args.lat]).addTo(ctx.map)
      pending?.abort()
      const mine = new AbortController()
      pending = mine
      body.setAttribute('aria-busy', 'true')
      fill(body, h('p', { class: 'hint' }, h('span', { class: 'spinner' }), ' ', t('locate.loading')))
      try {
        const answer = await ctx.status.busy(
          t('locate.loading'),
          getJson<LocateAnswer>(
            '/api/locate',
            { lon: args.lon, lat: args.lat, date: ctx.asOf() },
            { signal: mine.signal },
          ),
        )
        render(answer, args.chief)
      } catch (error) {
        if (isAbort(error)) return
        fill(body, h('p', { class: 'hint', role: 'alert' }, (error as Error).message))
        ctx.status.error((error as Error).message)
      } finally {
        if (pending === mine) body.removeAttribute('aria-busy')
      }
    }

    const render = (a: LocateAnswer, selectedChief?: string) => {
      const zones = Object.entries(a.zones).flatMap(([key, list]) =>
        list.map((z) => {
          const title = ctx.layers.find((l) => l.id === zoneLayer(key))
          const kind = ZONE_TYPE[key] ? String(z[ZONE_TYPE[key]] ?? '') : ''
          return h(
            'li',
            { 'data-zone': key },
            h('strong', {}, String(z.name ?? '')),
            ' ',
            h('span', { class: 'badge' }, title ? pick(title.title) : key),
            kind ? ` ${term('value', kind)}` : '',
          )
        }),
      )
      const onPick = (chief: ChiefOnDuty, row: HTMLElement) => {
        for (const r of body.querySelectorAll('.chief.selected')) r.classList.remove('selected')
        row.classList.add('selected')
        ctx.highlight.set('selected', [scopeFeature(chief.scope)])
      }
      const traceHere = h('button', { type: 'button', class: 'secondary' }, t('locate.trace'))
      traceHere.addEventListener('click', () => ctx.showPage('trace', { lon: a.point.lon, lat: a.point.lat }))
      fill(
        body,
        h(
          'dl',
          { class: 'card-field' },
          field(t('locate.point'), `${a.point.lon.toFixed(6)}°E, ${a.point.lat.toFixed(6)}°N`),
          field(
            t('locate.admin'),
            h(
              'ol',
              { class: 'admin-chain' },
              a.admin.map((x) => h('li', { title: x.code }, x.name)),
            ),
          ),
          a.park ? field(t('locate.park'), a.park.name) : [],
          field(t('locate.basin'), a.basin?.basin ?? t('locate.basin.none')),
          a.basin
            ? [
                ...field(t('locate.authority'), a.basin.authority),
                ...field(t('locate.office'), a.basin.office),
                ...field(t('locate.oversight'), a.basin.oversight),
                ...(a.basin.managing_body ? field(t('locate.managingBody'), a.basin.managing_body) : []),
              ]
            : [],
          a.nearest_reach
            ? field(
                t('locate.nearestReach'),
                `${a.nearest_reach.name} (${Math.round(a.nearest_reach.distance_m)} ${t('unit.m')})`,
              )
            : [],
        ),
        h('p', {}, traceHere),
        signboard(a.chiefs, onPick, selectedChief),
        h('h3', {}, t('locate.zones')),
        zones.length
          ? h('ul', { class: 'zone-list' }, zones)
          : h('p', { class: 'hint' }, t('locate.zones.none')),
      )
    }

    date.addEventListener('change', () => {
      if (!date.value) return
      ctx.setAsOf(date.value)
      if (last) ask(last)
    })

    return {
      open(args) {
        const a = args as LocateArgs
        if (!a.chief) ctx.highlight.clear('selected')
        ask(a)
      },
    }
  },
}
