// Keyset paging inside one response: a big page is read in sub-pages, each starting after the
// last row of the one before. PGlite has no cursors (issue 10 item 6), and OFFSET would rescan
// every row already sent; a keyset predicate lets each sub-page start where the last one ended.
import { quoteIdent } from '../db/quote-ident.ts'
import type { SortKey } from './items-params.ts'

/**
 * The predicate "comes after the row whose keys are `last`" in the order `keys` (ascending NULLS
 * LAST, descending NULLS FIRST: PostgreSQL's defaults, as items-sql.ts orders). `last` holds the
 * keys as text (k0, k1, …), bound back with their SQL `types`; `bind` adds a parameter and
 * returns its placeholder. Nullable sort keys are why this is not a row comparison
 * `(a, id) > ($1, $2)`: NULL compares as unknown and would end the paging early.
 */
export function afterKeys(
  keys: readonly SortKey[],
  types: readonly string[],
  last: readonly (string | null)[],
  bind: (value: unknown, type: string) => string,
): string {
  const at = (i: number): string => {
    const k = `f.${quoteIdent(keys[i].name)}`
    const v = last[i]
    const final = i + 1 === keys.length
    const rest = final ? '' : at(i + 1)
    const tie = (equal: string) => (final ? '' : ` OR (${equal} AND ${rest})`)
    if (v === null) {
      if (keys[i].descending) return `(${k} IS NOT NULL${tie(`${k} IS NULL`)})`
      return final ? 'false' : `(${k} IS NULL AND ${rest})`
    }
    const p = bind(v, types[i])
    // id is NOT NULL: no NULLs can follow it, and `id > $n` alone lets the primary key drive.
    const nulls = !keys[i].descending && keys[i].name !== 'id' ? ` OR ${k} IS NULL` : ''
    return `(${k} ${keys[i].descending ? '<' : '>'} ${p}${nulls}${tie(`${k} = ${p}`)})`
  }
  return at(0)
}
