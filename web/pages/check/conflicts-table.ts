// The conflicts table (issue 12 item 4): every constraint feature the project touches with its
// layer, zone type, relation, overlap, distance, and each rule with its source. The same table
// goes on the screen and on the printed report.
import { h } from '../../dom.ts'
import { pick, term } from '../../i18n/index.ts'
import type { CatalogueLayer } from '../../layer-catalogue.ts'
import { w } from './check-words.ts'
import type { Conflict, Verdict } from './intrusion-answer.ts'
import { zoneType } from './intrusion-answer.ts'

export const verdictWord = (v: Verdict): string =>
  w(v === 'forbidden' ? 'forbidden' : v === 'review' ? 'review' : 'clearVerdict')

/** m² as m² below a hectare, else hectares; metres below a kilometre, else km. */
export const squareMetres = (m2: number) =>
  m2 < 10_000 ? `${Math.round(m2).toLocaleString()} m²` : `${(m2 / 10_000).toFixed(2)} ha`
export const metres = (m: number) => (m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(2)} km`)

function overlap(c: Conflict): string {
  if (c.overlap_area_m2 > 0) return squareMetres(c.overlap_area_m2)
  if (c.overlap_length_m > 0) return metres(c.overlap_length_m)
  return '—'
}

/** The table element; rows carry data-layer and data-id so a click can light the feature. */
export function conflictsTable(conflicts: Conflict[], layers: CatalogueLayer[]): HTMLTableElement {
  const title = (id: string) => {
    const layer = layers.find((l) => l.id === id)
    return layer ? pick(layer.title) : id
  }
  return h(
    'table',
    { class: 'check-conflicts' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...(
          [
            'layer',
            'feature',
            'zoneType',
            'relation',
            'overlap',
            'distance',
            'verdict',
            'rule',
            'source',
          ] as const
        ).map((k) => h('th', { scope: 'col' }, w(k))),
      ),
    ),
    h(
      'tbody',
      {},
      conflicts.map((c) => {
        const type = zoneType(c.attributes)
        return h(
          'tr',
          { class: `verdict-${c.verdict}`, 'data-layer': c.layer, 'data-id': c.id },
          h('td', {}, title(c.layer)),
          h('td', {}, c.name),
          h('td', {}, type ? term('value', type) : '—'),
          h('td', {}, w(c.relation)),
          h('td', { class: 'num' }, overlap(c)),
          h('td', { class: 'num' }, metres(c.distance_m)),
          h('td', {}, verdictWord(c.verdict)),
          h(
            'td',
            {},
            c.rules.map((r) => h('div', {}, pick({ zh: r.rule, en: r.rule_en }))),
          ),
          h(
            'td',
            {},
            c.rules.map((r) => h('div', {}, r.source)),
          ),
        )
      }),
    ),
  )
}
