// Reads a CQL2 JSON filter (OGC 21-065r2 Annex C) from the `filter` parameter. The tree it
// yields is the one cql2-text.ts produces, so one translator (to-sql.ts) checks both; what is
// here is JSON's own: syntax, and a nesting bound checked before anything recurses over it.
import { BadRequest } from '../../errors.ts'
import { MAX_FILTER_CHARS, MAX_FILTER_DEPTH } from './limits.ts'

// Geometry coordinates add up to 4 array levels (MultiPolygon) under a predicate's nesting.
const MAX_JSON_DEPTH = MAX_FILTER_DEPTH * 3 + 8

/** Nesting depth of JSON text, counted over brackets outside strings, without recursion. */
function jsonDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth)
    else if (c === '}' || c === ']') depth--
  }
  return deepest
}

/**
 * The CQL2 JSON tree of a filter, e.g. `{"op":"=","args":[{"property":"grade"},"first"]}`.
 * Only the JSON is checked here; operators, names and types are the translator's.
 * @throws BadRequest 'invalid_filter' for text that is not JSON, is longer than
 *   MAX_FILTER_CHARS, or nests deeper than the translator follows.
 */
export function parseCql2Json(filter: string): unknown {
  if (filter.length > MAX_FILTER_CHARS)
    throw new BadRequest(`filter: longer than ${MAX_FILTER_CHARS} characters`, undefined, 'invalid_filter')
  if (jsonDepth(filter) > MAX_JSON_DEPTH)
    throw new BadRequest('filter: nested too deeply', undefined, 'invalid_filter')
  try {
    return JSON.parse(filter)
  } catch (error) {
    throw new BadRequest(
      `filter: not valid CQL2 JSON (${(error as Error).message})`,
      undefined,
      'invalid_filter',
    )
  }
}
