// Identifiers reach SQL only through quoteIdent: a name that needs quoting (upper case, a space,
// a double quote, a keyword) still names exactly its table and column, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { quoteIdent } from '../../server/db/quote-ident.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

describe('quoteIdent', () => {
  it('doubles embedded quotes and wraps the name, as PostgreSQL quote_ident does', () => {
    expect(quoteIdent('lakes')).toBe('"lakes"')
    expect(quoteIdent('a"b')).toBe('"a""b"')
    expect(quoteIdent('x"; DROP TABLE lakes; --')).toBe('"x""; DROP TABLE lakes; --"')
  })

  it('refuses names PostgreSQL cannot hold', () => {
    expect(() => quoteIdent('')).toThrow(/not an SQL identifier/)
    expect(() => quoteIdent('a\0b')).toThrow(/not an SQL identifier/)
  })
})

describe.each(ENGINES)('%s engine: quoted identifiers', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
  })
  afterAll(async () => {
    await t?.dispose()
  })

  it('agrees with the database’s own quote_ident on every name that needs quoting', async () => {
    for (const name of ['Lakes', 'two words', 'a"b', 'select', '河流']) {
      const { rows } = await t.db.query<{ q: string }>('SELECT quote_ident($1) AS q', [name])
      expect(quoteIdent(name), name).toBe(rows[0].q)
    }
  })

  it('copyCsv quotes the table and column names it is given', async () => {
    await t.db.exec(`CREATE TABLE "Odd ""table""" ("Mixed Case" text, "order" integer)`)
    const n = await t.db.copyCsv('Odd "table"', ['Mixed Case', 'order'], '"甲",1\n"乙",2\n')
    expect(n).toBe(2)
    const { rows } = await t.db.query(
      `SELECT "Mixed Case" AS m, "order" AS o FROM "Odd ""table""" ORDER BY 2`,
    )
    expect(rows).toEqual([
      { m: '甲', o: 1 },
      { m: '乙', o: 2 },
    ])
  })
})
