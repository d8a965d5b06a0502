// The targets dashboard (issue 13 item 5; seed §2): pick a year, and GET /api/targets computes
// each 2020 goal from the stored data; a card per target shows the rate against the target, met
// or not, a chart, and the features behind it, and a failing section opens its upstream trace.
import { getJson } from '../api-client.ts'
import { fill, h } from '../dom.ts'
import { answerArea } from '../panels/answer-area.ts'
import '../styles/operations.css'
import { yearOptions } from '../panels/year-options.ts'
import type { ViewerPage } from '../viewer-page.ts'
import { targetCard } from './targets/target-card.ts'
import type { TargetsAnswer } from './targets/targets-answer.ts'
import { w } from './targets/targets-words.ts'

export const page: ViewerPage = {
  id: 'targets',
  title: { zh: '水质目标', en: 'Targets' },
  order: 70,
  mount(root, ctx) {
    // No year asks for the latest measured one (the API's default); the answer names it.
    const latest = h('option', { value: '' }, w('latest'))
    const year = h('select', { id: 'targets-year', 'aria-label': w('year') }, latest, yearOptions())
    const go = h('button', { type: 'button', class: 'primary', id: 'targets-go' }, w('show'))
    const body = h('div', { class: 'ops-body', 'aria-live': 'polite' })
    root.append(h('h2', {}, w('heading')), h('div', { class: 'row' }, year, go), body)

    let cards: { el: HTMLElement; destroy(): void }[] = []
    const ask = answerArea(body, ctx.status, w('loading'))
    const trace = (section: string) => ctx.showPage('trace', { section })
    const show = () =>
      ask(
        (signal) => getJson<TargetsAnswer>('/api/targets', { year: year.value || undefined }, { signal }),
        (answer) => {
          if (!year.value) latest.textContent = `${w('latest')}（${answer.year}）`
          for (const c of cards) c.destroy()
          cards = answer.targets.map((target) => targetCard(target, ctx.layers, trace))
          fill(
            body,
            h(
              'p',
              { id: 'targets-summary' },
              w('summary', {
                year: answer.year,
                met: answer.targets.filter((x) => x.met === true).length,
                all: answer.targets.length,
              }),
            ),
            answer.targets.length === 0 ? h('p', { class: 'hint' }, w('none')) : null,
            cards.map((c) => c.el),
          )
        },
      )
    go.addEventListener('click', show)
    return {}
  },
}
