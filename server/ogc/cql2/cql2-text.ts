// Reads a CQL2 text filter into the CQL2 JSON tree (OGC 21-065r2 Annex C) with the peggy parser
// of cql2-text.peggy. The parser is generated from the grammar file on first use and kept: no
// build step, so `npm install && npm start` is the whole setup, and no generated code to commit.
import { readFileSync } from 'node:fs'
import peggy from 'peggy'
import { BadRequest } from '../../errors.ts'
import { MAX_FILTER_CHARS } from './limits.ts'

let parser: peggy.Parser | undefined

function cql2TextParser(): peggy.Parser {
  parser ??= peggy.generate(readFileSync(new URL('./cql2-text.peggy', import.meta.url), 'utf8'))
  return parser
}

/**
 * The CQL2 JSON tree of a CQL2 text filter, e.g. `name = 'x' AND S_INTERSECTS(geometry, POINT(1 2))`
 * → `{op: 'and', args: [{op: '=', args: [{property: 'name'}, 'x']}, {op: 's_intersects', …}]}`.
 * Only the syntax is checked here; names, types and operators are the translator's (to-sql.ts).
 * @throws BadRequest 'invalid_filter' naming the column of a syntax error, for a filter over
 *   MAX_FILTER_CHARS, and for one nested too deeply to read.
 */
export function parseCql2Text(filter: string): unknown {
  if (filter.length > MAX_FILTER_CHARS)
    throw new BadRequest(`filter: longer than ${MAX_FILTER_CHARS} characters`, undefined, 'invalid_filter')
  try {
    return cql2TextParser().parse(filter)
  } catch (error) {
    if (error instanceof Error && error.name === 'SyntaxError' && 'location' in error) {
      const column = (error as peggy.parser.SyntaxError).location.start.offset + 1
      throw new BadRequest(
        `filter: CQL2 text syntax error at character ${column}: ${error.message}`,
        undefined,
        'invalid_filter',
      )
    }
    // Deep nesting exhausts the stack of a recursive-descent parser before any rule can count it.
    if (error instanceof RangeError)
      throw new BadRequest('filter: nested too deeply', undefined, 'invalid_filter')
    throw error
  }
}
