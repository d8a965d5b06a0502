// The compliance table (issue 13 item 5): one row per chief with level, patrols required and
// valid patrols done in the period, pass or fail, and the reaches of their scope no valid patrol
// covered. Rows carry data-chief so the browser test can match them to the API's answer.
import { h } from '../../dom.ts'
import { term } from '../../i18n/index.ts'
import type { ComplianceChief } from './compliance-answer.ts'
import { w } from './compliance-words.ts'

/** The result cell's word and class: pass, fail, or not rated (null). */
export function resultOf(pass: boolean | null): { word: string; cls: string } {
  if (pass === null) return { word: w('unrated'), cls: 'unrated' }
  return pass ? { word: w('pass'), cls: 'meets' } : { word: w('fail'), cls: 'fails' }
}

export function complianceTable(chiefs: ComplianceChief[]): HTMLTableElement {
  const head = (['chief', 'level', 'required', 'done', 'result', 'uncovered'] as const).map((k) =>
    h('th', { scope: 'col' }, w(k)),
  )
  return h(
    'table',
    { class: 'ops-table', id: 'compliance-table' },
    h('thead', {}, h('tr', {}, head)),
    h(
      'tbody',
      {},
      chiefs.map((c) => {
        const result = resultOf(c.pass)
        return h(
          'tr',
          { 'data-chief': String(c.chief_id), 'data-pass': String(c.pass) },
          h('td', {}, h('strong', {}, c.name), c.position ? h('span', { class: 'meta' }, c.position) : null),
          h('td', {}, `${term('level', c.level)}${term('role', c.role)}`),
          h('td', { class: 'num' }, c.required),
          h('td', { class: 'num' }, c.done),
          h('td', {}, h('span', { class: `badge ${result.cls}` }, result.word)),
          h('td', {}, h('div', { class: 'uncovered' }, c.uncovered.map((u) => u.name).join('、') || '—')),
        )
      }),
    ),
  )
}
