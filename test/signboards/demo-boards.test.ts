// The demo's physical signboards stand on the reach they name (reach_code, migration 016), and
// that reach's board lists them, on every engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signboardFor } from '../../server/signboards/board.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'demo')
  })
  afterAll(() => t?.dispose())

  it('gives every demo signboard an existing reach 15 m beside it', async () => {
    const { rows } = await t.db.query<{ code: string; reach_code: string | null; found: boolean; d: number }>(
      `SELECT b.code, b.reach_code, r.id IS NOT NULL AS found,
              ST_Distance(b.geom::geography, r.geom::geography) AS d
         FROM signboards b LEFT JOIN reaches r ON r.code = b.reach_code ORDER BY b.code`,
    )
    expect(rows.length).toBeGreaterThan(20)
    for (const row of rows) {
      expect(row.found, `${row.code} → ${row.reach_code}`).toBe(true)
      // activity.ts offsets a board 15 m sideways from a vertex-to-vertex segment of its reach.
      expect(row.d, row.code).toBeGreaterThan(5)
      expect(row.d, row.code).toBeLessThan(20)
    }
  })

  it("lists a reach's physical boards on its signboard", async () => {
    const { rows } = await t.db.query<{ reach_code: string; codes: string[] }>(
      `SELECT reach_code, array_agg(code ORDER BY code) AS codes FROM signboards GROUP BY reach_code
        ORDER BY reach_code LIMIT 1`,
    )
    const board = await signboardFor(t.db, rows[0].reach_code, '2023-06-01', {
      hotlines: { SIGNBOARD_HOTLINE_DIANCHI: 'a', SIGNBOARD_HOTLINE_CITY: 'b' },
      nearM: 200,
    })
    expect(board.boards.map((b) => b.code)).toEqual(rows[0].codes)
  })
})
