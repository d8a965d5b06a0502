// How long the embedded store takes to open: created from nothing, then reopened.
// The floor, measured in the same run, is a bare PGlite reopen without the PostGIS extension,
// which is what reopening would cost if PostGIS were free.
//   npx tsx scripts/bench/store-open.ts
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { openDatabase } from '../../server/db/open-database.ts'

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now()
  const value = await fn()
  return [performance.now() - t0, value]
}

const dir = mkdtempSync(join(tmpdir(), 'rcgis-bench-open-'))
const config = { DATA_DIR: dir, DB_POOL_SIZE: 1 }
try {
  const [first, opened] = await timed(() => openDatabase(config))
  await opened.db.close()
  opened.lock?.release()
  const reopens: number[] = []
  for (let i = 0; i < 3; i++) {
    const [ms, again] = await timed(() => openDatabase(config))
    if (again.migrated.length > 0) throw new Error('a reopen applied migrations again')
    await again.db.close()
    again.lock?.release()
    reopens.push(ms)
  }
  const [floor, bare] = await timed(() => PGlite.create({ dataDir: join(dir, 'pgdata') }))
  await bare.close()
  const reopen = Math.min(...reopens)
  console.log(`first open (initdb + PostGIS + migrations): ${(first / 1000).toFixed(1)} s`)
  console.log(`reopen (best of 3):                          ${(reopen / 1000).toFixed(1)} s`)
  console.log(`floor (bare PGlite reopen, no PostGIS):      ${(floor / 1000).toFixed(1)} s`)
  console.log(
    `reopen / floor: ${(reopen / floor).toFixed(1)}×   first / reopen: ${(first / reopen).toFixed(1)}×`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
