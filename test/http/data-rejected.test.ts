// A value PostgreSQL refuses during a load (SQLSTATE class 22 or 23) is answered in our words:
// the layer, the attribute and the record where known, never PostgreSQL's own message. The
// errors are real ones, raised by each engine on a table shaped like a layer's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Queryable } from '../../server/db/database.ts'
import { dataErrorToBadRequest, isDataError } from '../../server/load/data-errors.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

// PostgreSQL's default names: h1_layer_code_key (UNIQUE), h1_layer_level_check (CHECK).
const TABLE = `CREATE TEMP TABLE h1_layer (
  code text UNIQUE,
  level text CHECK (level IN ('city', 'county')),
  name text NOT NULL,
  grade int
) ON COMMIT DROP`

describe.each(ENGINES)('data refused by the %s database', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
  })
  afterAll(async () => {
    await t?.dispose()
  })

  /** The 400 that the refusal of `load` becomes, with PostgreSQL's own message beside it. */
  async function refusal(load: (tx: Queryable) => Promise<unknown>) {
    let error: unknown
    await t.db
      .transaction(async (tx) => {
        await tx.exec(TABLE)
        await load(tx)
      })
      .catch((e) => {
        error = e
      })
    expect(isDataError(error), String(error)).toBe(true)
    const pgMessage = String((error as Error).message)
    const message = dataErrorToBadRequest(error, 'h1_layer').message
    expect(message.startsWith('layer h1_layer refused the data: ')).toBe(true)
    expect(message).not.toContain(pgMessage)
    return message
  }

  it('names the attribute and the record of a value COPY cannot parse', async () => {
    const message = await refusal((tx) =>
      tx.copyCsv('h1_layer', ['code', 'level', 'name', 'grade'], 'R1,city,甲,1\nR2,city,乙,two\n'),
    )
    expect(message).toMatch(/attribute grade .*malformed/)
    expect(message).toMatch(/at the 2nd record loaded/)
  })

  it('names the attribute and the value of a duplicate', async () => {
    const message = await refusal((tx) =>
      tx.copyCsv('h1_layer', ['code', 'level', 'name'], 'R1,city,甲\nR1,county,乙\n'),
    )
    expect(message).toMatch(/attribute code must be unique/)
    expect(message).toContain('R1 occurs more than once')
  })

  it('names the attribute of a value outside those allowed, and of a missing one', async () => {
    const check = await refusal((tx) =>
      tx.query("INSERT INTO h1_layer (level, name) VALUES ('province', 'x')"),
    )
    expect(check).toMatch(/attribute level is outside the values the layer allows/)
    const missing = await refusal((tx) => tx.query("INSERT INTO h1_layer (code) VALUES ('R9')"))
    expect(missing).toMatch(/attribute name is required and is missing/)
  })
})
