// A target's chart: two horizontal bars, the rate now (green when met, red when not, grey without
// data) and the target (grey), drawn by Chart.js bundled into the viewer (no CDN). Only the parts used are
// registered, so the bundle keeps the rest out.
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js'
import { h } from '../../dom.ts'
import { PASS_COLOURS } from '../../map/pass-colours.ts'
import { chartValue, type Target } from './targets-answer.ts'
import { w } from './targets-words.ts'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip)

/** A canvas in a sized box with the chart of `target`; the Chart is returned for destroy(). */
export function targetChart(target: Target): { el: HTMLElement; chart: Chart } {
  const canvas = h('canvas', { 'aria-label': `${w('rate')} / ${w('target')}`, role: 'img' })
  const el = h('div', { class: 'target-chart' }, canvas)
  const chart = new Chart(canvas, {
    type: 'bar',
    data: {
      labels: [w('rate'), w('target')],
      datasets: [
        {
          data: [chartValue(target, target.rate), chartValue(target, target.target)],
          backgroundColor: [
            target.met === null ? PASS_COLOURS.unrated : target.met ? PASS_COLOURS.pass : PASS_COLOURS.fail,
            PASS_COLOURS.unrated,
          ],
        },
      ],
    },
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        // Both bars keep their label however short the box.
        y: { ticks: { autoSkip: false } },
        x: {
          beginAtZero: true,
          ...(target.unit === 'share' ? { max: 100 } : target.unit === 'class_rank' ? { max: 6 } : {}),
        },
      },
      plugins: { tooltip: { enabled: true } },
    },
  })
  return { el, chart }
}
