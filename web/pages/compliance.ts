// Patrol compliance per county (issue 13 item 5; rules §5(四)): pick a county and a quarter, and
// GET /api/patrols/compliance lists each chief's patrols owed and done, pass or fail and the
// reaches never covered; the same list downloads as CSV, and the chiefs' scopes (format=geojson)
// are drawn green or red on the map.
import { LngLatBounds } from 'maplibre-gl'
import { getJson } from '../api-client.ts'
import { fill, h } from '../dom.ts'
import { t, term } from '../i18n/index.ts'
import { kunmingDate } from '../kunming-date.ts'
import { featuresBounds } from '../map/geometry-bounds.ts'
import { answerArea } from '../panels/answer-area.ts'
import '../styles/operations.css'
import { yearOptions } from '../panels/year-options.ts'
import type { ViewerPage } from '../viewer-page.ts'
import { type ComplianceAnswer, type ComplianceQuery, complianceUrl } from './compliance/compliance-answer.ts'
import { complianceTable } from './compliance/compliance-table.ts'
import { w } from './compliance/compliance-words.ts'
import { quarterOf, quarterRange } from './compliance/quarter.ts'
import { installScopeMap, showScopes } from './compliance/scope-map.ts'

interface Counties {
  features: { properties: { code: string; name: string } }[]
}

const LEVELS = ['city', 'county', 'township', 'village', 'village_group']

export const page: ViewerPage = {
  id: 'compliance',
  title: { zh: '巡河考核', en: 'Patrols' },
  order: 60,
  mount(root, ctx) {
    installScopeMap(ctx.map)
    const today = kunmingDate()
    const county = h(
      'select',
      { id: 'compliance-county', 'aria-label': w('county') },
      h('option', { value: '' }, w('countyPick')),
    )
    const year = h('select', { id: 'compliance-year', 'aria-label': w('year') }, yearOptions())
    const quarter = h(
      'select',
      { id: 'compliance-quarter', 'aria-label': w('quarter') },
      ([1, 2, 3, 4] as const).map((q) => h('option', { value: q }, w(`q${q}`))),
    )
    quarter.value = String(quarterOf(today))
    const level = h(
      'select',
      { id: 'compliance-level', 'aria-label': w('level') },
      h('option', { value: '' }, w('allLevels')),
      LEVELS.map((l) => h('option', { value: l }, term('level', l))),
    )
    const go = h('button', { type: 'button', class: 'primary', id: 'compliance-go' }, w('show'))
    const body = h('div', { class: 'ops-body', 'aria-live': 'polite' })
    root.append(
      h('h2', {}, w('heading')),
      h('div', { class: 'row' }, county),
      h('div', { class: 'row' }, year, quarter, level, go),
      body,
    )

    ctx.status
      .busy(
        t('layers.loading'),
        getJson<Counties>('/ogc/collections/admin_areas/items', {
          level: 'county',
          properties: 'code,name',
          sortby: 'code',
          limit: 1000,
          f: 'json',
        }),
      )
      .then(({ features }) => {
        for (const f of features) county.append(h('option', { value: f.properties.code }, f.properties.name))
      })
      .catch((error: Error) => ctx.status.error(error.message))

    const ask = answerArea(body, ctx.status, w('loading'))
    const show = () => {
      if (!county.value) return ctx.status.error(w('countyPick'))
      const q: ComplianceQuery = {
        ...quarterRange(Number(year.value), Number(quarter.value)),
        county: county.value,
        level: level.value || undefined,
      }
      return ask(
        (signal) =>
          Promise.all([
            getJson<ComplianceAnswer>(complianceUrl(q), {}, { signal }),
            getJson<GeoJSON.FeatureCollection>(complianceUrl(q, 'geojson'), {}, { signal }),
          ]),
        ([answer, scopes]) => {
          showScopes(ctx.map, scopes)
          const box = featuresBounds(scopes.features)
          if (box) ctx.map.fitBounds(new LngLatBounds([box[0], box[1]], [box[2], box[3]]), { padding: 40 })
          const count = (pass: boolean) => answer.chiefs.filter((c) => c.pass === pass).length
          fill(
            body,
            h(
              'p',
              { id: 'compliance-summary' },
              w('summary', {
                from: answer.from,
                to: answer.to,
                chiefs: answer.chiefs.length,
                pass: count(true),
                fail: count(false),
              }),
            ),
            h(
              'p',
              {},
              h('a', { href: complianceUrl(q, 'csv'), download: '', id: 'compliance-csv' }, w('csv')),
            ),
            h('p', { class: 'hint' }, w('legend')),
            answer.chiefs.length > 0 ? complianceTable(answer.chiefs) : h('p', { class: 'hint' }, w('none')),
          )
        },
      )
    }
    go.addEventListener('click', show)
    return {}
  },
}
