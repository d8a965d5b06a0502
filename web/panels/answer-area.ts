// A page's answer area: one question at a time (a new one aborts the one before), a spinner line
// while it runs, the answer drawn when it comes, and a failure shown both in the area and on the
// status bar (issue 12 item 7: nothing fails silently).
import { isAbort } from '../api-client.ts'
import { fill, h } from '../dom.ts'
import type { StatusBar } from '../status.ts'

/**
 * An `ask(load, render)` for `body`: `load(signal)` is the request (aborted when the next ask
 * starts), `render(answer)` fills the area. A superseded request's abort is ignored.
 */
export function answerArea(body: HTMLElement, status: StatusBar, loading: string) {
  let pending: AbortController | undefined
  return async <T>(load: (signal: AbortSignal) => Promise<T>, render: (answer: T) => void): Promise<void> => {
    pending?.abort()
    const mine = new AbortController()
    pending = mine
    fill(body, h('p', { class: 'hint' }, h('span', { class: 'spinner' }), ' ', loading))
    try {
      render(await status.busy(loading, load(mine.signal)))
    } catch (error) {
      if (isAbort(error)) return
      fill(body, h('p', { class: 'hint', role: 'alert' }, (error as Error).message))
      status.error((error as Error).message)
    }
  }
}
