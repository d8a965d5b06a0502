// npm run export:signboards -- --county 530111000000 --out boards.html [--date YYYY-MM-DD]
// Writes every river chief signboard (河长公示牌, seed §6(五)) of a county's reaches into one
// printable HTML file, one A4 page per board, from the store the configuration names
// (DATABASE_URL, else the embedded store in DATA_DIR). When a running server holds the embedded
// store, the boards are read from that server instead.
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig } from '../server/config.ts'
import { openDatabase } from '../server/db/open-database.ts'
import { StoreBusyError } from '../server/db/store-lock.ts'
import { DateParam } from '../server/http/openapi/parameters.ts'
import { remoteBoardSource } from '../server/http/signboards-client.ts'
import { todayInKunming } from '../server/query/kunming-date.ts'
import { signboardFor } from '../server/signboards/board.ts'
import { countyReaches } from '../server/signboards/county-reaches.ts'
import { type BoardSource, exportCountyBoards } from '../server/signboards/export-boards.ts'
import { exportProgressBar, runCli, UsageError } from './cli-run.ts'

const USAGE = `usage: npm run export:signboards -- --county <12-digit county code> --out <file>.html [--date YYYY-MM-DD]`

function parseOptions() {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      options: {
        county: { type: 'string' },
        out: { type: 'string' },
        date: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (values.help) return null
  const county = values.county as string | undefined
  const out = values.out as string | undefined
  if (!county) throw new UsageError('--county <12-digit county code> is required')
  if (!/^[0-9]{12}$/.test(county))
    throw new UsageError(`--county must be a 12-digit division code, got ${county}`)
  if (!out) throw new UsageError('--out <file>.html is required')
  const date = values.date as string | undefined
  if (date !== undefined) {
    const checked = DateParam.safeParse(date)
    if (!checked.success) throw new UsageError(`--date ${date}: ${checked.error.issues[0].message}`)
  }
  return { county, out: resolve(out), date: date ?? todayInKunming() }
}

async function main(): Promise<number> {
  const options = parseOptions()
  if (!options) {
    console.log(USAGE)
    return 0
  }
  const config = loadConfig()
  let source: BoardSource
  let close = async () => {}
  try {
    const { db, lock } = await openDatabase(config)
    const settings = { hotlines: config, nearM: config.LOCATE_NEAR_M }
    source = {
      countyReaches: (code) => countyReaches(db, code),
      signboard: (reach, date) => signboardFor(db, reach, date, settings),
    }
    close = async () => {
      await db.close()
      lock?.release()
    }
  } catch (error) {
    if (!(error instanceof StoreBusyError)) throw error
    if (!error.owner.url)
      throw new Error(`${error.message}. Wait for that process to finish, then export again`)
    console.error(`the store is held by the server at ${error.owner.url}: reading the boards from there`)
    source = remoteBoardSource(error.owner.url)
  }
  const bar = exportProgressBar('boards [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left')
  try {
    const summary = await exportCountyBoards(source, options, (done, total) => {
      if (done === 0) bar.start(total, 0)
      else bar.update(done)
    })
    bar.stop()
    console.log(
      `wrote ${options.out}: ${summary.boards} boards of ${summary.county.name} (${summary.county.code}) ` +
        `as of ${options.date}, ${(summary.bytes / 1024).toFixed(0)} KiB`,
    )
    return 0
  } finally {
    bar.stop()
    await close()
  }
}

runCli(main, USAGE)
