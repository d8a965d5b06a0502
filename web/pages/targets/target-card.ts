// One §2 target on the dashboard: its title, the rate against the target with met or not, the
// chart, and the features behind the rate; a failing section offers its upstream trace (the
// viewer's trace page, seed §5(五)).
import { h } from '../../dom.ts'
import { pick, term } from '../../i18n/index.ts'
import type { CatalogueLayer } from '../../layer-catalogue.ts'
import { targetChart } from './target-chart.ts'
import { formatValue, type Target, upstreamSection } from './targets-answer.ts'
import { w } from './targets-words.ts'

const classWord = (c: string | null) => (c ? term('value', c) : '—')

/** The badge of a met / not met / no-data (null) result. */
const verdict = (met: boolean | null) =>
  met === null
    ? h('span', { class: 'badge unrated' }, w('noData'))
    : h('span', { class: `badge ${met ? 'meets' : 'fails'}` }, w(met ? 'met' : 'notMet'))

/**
 * The card of `target` and its chart (to destroy when the card goes); `trace(section)` opens the
 * upstream trace of a failing section.
 */
export function targetCard(
  target: Target,
  layers: CatalogueLayer[],
  trace: (section: string) => void,
): { el: HTMLElement; destroy(): void } {
  const layerTitle = (id: string) => {
    const layer = layers.find((l) => l.id === id)
    return layer ? pick(layer.title) : id
  }
  const { el: chartEl, chart } = targetChart(target)
  // Counts of features (not the m² behind the wetland share) are worth showing beside the rate.
  const counted =
    Number.isInteger(target.numerator) && Number.isInteger(target.denominator) && target.denominator > 0
      ? ` (${w('count', { n: target.numerator, d: target.denominator })})`
      : ''
  const rows = target.features.map((f) => {
    const section = f.met === false ? upstreamSection(f.upstream) : null
    return h(
      'tr',
      { 'data-layer': f.layer, 'data-code': f.code ?? undefined, 'data-met': String(f.met) },
      h(
        'td',
        {},
        h('strong', {}, f.name),
        h('span', { class: 'meta' }, [layerTitle(f.layer), f.code].filter(Boolean).join(' · ')),
      ),
      h('td', {}, classWord(f.class)),
      h('td', {}, classWord(f.target_class)),
      h(
        'td',
        {},
        verdict(f.met),
        section
          ? h(
              'button',
              {
                type: 'button',
                class: 'secondary trace-link',
                'data-section': section,
                onclick: () => trace(section),
              },
              w('trace'),
            )
          : null,
      ),
    )
  })
  const el = h(
    'section',
    {
      class: `target-card ${target.met === false ? 'fails' : 'meets'}`,
      'data-target': target.id,
      'data-met': String(target.met),
    },
    h('h3', {}, pick(target.title)),
    h(
      'p',
      {},
      h('span', { class: 'target-rate' }, formatValue(target, target.rate)),
      counted,
      ` · ${w('target')} ${target.comparison} ${formatValue(target, target.target)} `,
      verdict(target.met),
    ),
    chartEl,
    target.features.length === 0
      ? null
      : h(
          'details',
          { open: target.met === false },
          h('summary', {}, w('features', { n: target.features.length })),
          h(
            'table',
            { class: 'ops-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                (['feature', 'cls', 'targetClass', 'result'] as const).map((k) =>
                  h('th', { scope: 'col' }, w(k)),
                ),
              ),
            ),
            h('tbody', {}, rows),
          ),
        ),
  )
  return { el, destroy: () => chart.destroy() }
}
