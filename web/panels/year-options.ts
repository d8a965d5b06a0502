// The years a page offers to look back on: from the plan's first full year (2017, when Kunming's
// river chief plan took effect) to this one in Kunming, newest first.
import { h } from '../dom.ts'
import { kunmingDate } from '../kunming-date.ts'

const FIRST_YEAR = 2017

/** <option>s for 2017 … this year, newest first. */
export function yearOptions(): HTMLOptionElement[] {
  const thisYear = Number(kunmingDate().slice(0, 4))
  return Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i).map((y) =>
    h('option', { value: y }, String(y)),
  )
}
