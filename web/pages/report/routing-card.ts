// Where a filed report went (seed §6(五)): the responsible chief at the lowest level, the office
// (滇池 basin or city) and the oversight body, as POST /api/reports answered. Every value goes in
// as text (dom.ts), never as markup.
import { h } from '../../dom.ts'
import { term } from '../../i18n/index.ts'
import type { FiledReport } from './report-answer.ts'
import { w } from './report-words.ts'

/** The chief's scope in words: its name when the API gives one, else its kind and code. */
function scopeName(scope: { kind: string | null; code: string | null; name?: string }): string {
  if (scope.name) return scope.name
  return [scope.kind ? term('scope', scope.kind) : '', scope.code ?? ''].join(' ').trim()
}

export function routingCard(report: FiledReport): HTMLElement {
  const { chief, office, oversight } = report.routed
  const field = (label: string, value: string, id: string) =>
    h('div', { class: 'card-field' }, h('dt', {}, label), h('dd', { id }, value))
  return h(
    'div',
    { class: 'report-routed', id: 'report-routed', 'data-report': String(report.id), role: 'status' },
    h(
      'p',
      {},
      h('strong', {}, w('filed', { id: report.id })),
      ' ',
      h('span', { class: 'badge' }, term('value', report.status)),
    ),
    h('h3', {}, w('routedTo')),
    h(
      'dl',
      {},
      chief
        ? field(
            w('chief'),
            [
              chief.name,
              chief.position,
              chief.level ? term('level', chief.level) : '',
              scopeName(chief.scope),
            ]
              .filter(Boolean)
              .join(' · '),
            'report-chief',
          )
        : field(w('chief'), w('noChief'), 'report-chief'),
      field(w('office'), office.name, 'report-office'),
      field(w('oversight'), oversight.name, 'report-oversight'),
    ),
  )
}
