// Loading and error states in one visible, announced place (issue 12 item 7: nothing fails
// silently). Busy tasks show a spinner line; errors stay until dismissed.
import { h } from './dom.ts'
import { t } from './i18n/index.ts'

export interface StatusBar {
  /** Shows `label` while `task` runs; returns the task's result. Errors propagate (and are not shown). */
  busy<T>(label: string, task: Promise<T>): Promise<T>
  /** Shows an error line (role=alert) until dismissed. */
  error(message: string): void
}

/** The status region inside `root` (aria-live, so screen readers hear it). */
export function createStatusBar(root: HTMLElement): StatusBar {
  const region = h('div', { class: 'status', 'aria-live': 'polite' })
  root.append(region)
  return {
    async busy(label, task) {
      const line = h(
        'div',
        { class: 'status-line status-busy', role: 'status' },
        h('span', { class: 'spinner' }),
        label,
      )
      region.append(line)
      try {
        return await task
      } finally {
        line.remove()
      }
    },
    error(message) {
      const close = h(
        'button',
        { type: 'button', class: 'status-dismiss', 'aria-label': t('error.dismiss') },
        '×',
      )
      const line = h(
        'div',
        { class: 'status-line status-error', role: 'alert' },
        h('span', {}, message),
        close,
      )
      close.addEventListener('click', () => line.remove())
      region.append(line)
      close.focus({ preventScroll: true })
    },
  }
}
