// The one way an identifier (a table or column name from the registry, a staging table's
// generated name) enters SQL text. Values never do: they are bind parameters.
import pg from 'pg'

/**
 * `name` as a quoted SQL identifier (`lakes` → `"lakes"`, `a"b` → `"a""b"`), through pg's
 * escapeIdentifier, so it can never end the identifier early. Quoting also keeps the case, so
 * the name is matched exactly as the registry spells it.
 * @throws Error for an empty name or one holding NUL, which PostgreSQL cannot store.
 */
export function quoteIdent(name: string): string {
  if (name.length === 0 || name.includes('\0'))
    throw new Error(`not an SQL identifier: ${JSON.stringify(name)}`)
  return pg.escapeIdentifier(name)
}

/** Several identifiers, quoted and joined by commas: a column list. */
export const quoteIdents = (names: readonly string[]) => names.map(quoteIdent).join(', ')
