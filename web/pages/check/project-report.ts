// The printable one-page A4 report of a project check (issue 12 item 4): the map captured from the
// canvas, the outline with its area and length, the verdict and the conflicts, the reaches affected,
// the chiefs and offices to notify, the date and the rules' sources. Hidden on screen; print CSS
// (check.css) shows it alone.
import { fill, h } from '../../dom.ts'
import { pick, term } from '../../i18n/index.ts'
import type { CatalogueLayer } from '../../layer-catalogue.ts'
import { w } from './check-words.ts'
import { conflictsTable, metres, squareMetres, verdictWord } from './conflicts-table.ts'
import { conflictsOf, type IntrusionAnswer } from './intrusion-answer.ts'

/** The report element, created once at the end of <body> (print CSS hides everything else). */
export function reportRoot(): HTMLElement {
  let root = document.getElementById('check-report')
  if (!root) {
    root = h('section', { id: 'check-report', class: 'check-report', 'aria-hidden': 'true' })
    document.body.append(root)
  }
  return root
}

/** Fills the report from `answer`, with `mapImage` a data: URL of the map around the project. */
export function renderReport(
  answer: IntrusionAnswer,
  mapImage: string,
  date: string,
  layers: CatalogueLayer[],
): void {
  const conflicts = conflictsOf(answer)
  const sources = [...new Map(conflicts.flatMap((c) => c.rules).map((r) => [r.id, r])).values()]
  const { project } = answer
  fill(
    reportRoot(),
    h('h1', {}, w('reportTitle')),
    h(
      'div',
      { class: 'report-head' },
      h('span', {}, `${w('reportDate')}：${date}`),
      h(
        'span',
        { class: `report-verdict verdict-${answer.verdict}` },
        `${w('verdict')}：${verdictWord(answer.verdict)}`,
      ),
    ),
    h('img', { class: 'report-map', src: mapImage, alt: w('outline') }),
    h(
      'p',
      {},
      `${w('outline')}：${project.type}`,
      project.area_m2 > 0 ? `，${w('area')} ${squareMetres(project.area_m2)}` : '',
      project.length_m > 0 ? `，${w('length')} ${metres(project.length_m)}` : '',
      project.buffer_m > 0 ? `，${w('buffer')} ${project.buffer_m} m` : '',
    ),
    h('h2', {}, w('conflicts')),
    conflicts.length > 0 ? conflictsTable(conflicts, layers) : h('p', {}, w('none')),
    h('h2', {}, w('reaches')),
    h('p', {}, answer.reaches.map((r) => `${r.name}（${r.code}）`).join('、') || '—'),
    h('h2', {}, w('notify')),
    h(
      'p',
      {},
      answer.notify.chiefs
        .map((c) => `${c.name}（${term('level', c.level)}${term('role', c.role)}，${c.scope.name}）`)
        .join('、') || '—',
    ),
    h(
      'p',
      {},
      answer.notify.offices
        .map((o) => `${o.office}（${o.authority}；${o.oversight}；${o.rule_source}）`)
        .join('、') || '—',
    ),
    h('h2', {}, w('sources')),
    h(
      'ol',
      { class: 'report-sources' },
      sources.map((r) => h('li', {}, `${pick({ zh: r.rule, en: r.rule_en })} — ${r.source}`)),
    ),
  )
}
