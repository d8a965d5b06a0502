// npm run import -- <path> --layer <id> [--mode append|replace] [--crs EPSG:4543|gcj02|bd09]
//   [--encoding GBK] [--mapping file] [--dry-run] [--skip-rejected] [--json] [--token T]
// Imports into the store the server's configuration names. If a server holds the embedded
// store, the import is sent to it (POST /api/import with a staff token), never written beside it.
import { readFile } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import { ConfigError, loadConfig } from '../server/config.ts'
import { openDatabase } from '../server/db/open-database.ts'
import { StoreBusyError } from '../server/db/store-lock.ts'
import { AppError } from '../server/errors.ts'
import { importRemotely } from '../server/http/import-client.ts'
import { limitsFromConfig } from '../server/import/import-limits.ts'
import { type ImportOptions, parseImportOptions } from '../server/import/import-options.ts'
import { runImport } from '../server/import/import-pipeline.ts'
import { formatReport, type ImportReport } from '../server/import/import-report.ts'
import { exitWhenFlushed } from './cli-run.ts'

const USAGE = `usage: npm run import -- <file.zip|file.shp|file.geojson|folder> --layer <id> [options]
  --mode append|replace   add to the layer (default) or replace its content
  --crs <crs>             EPSG:4543, gcj02, bd09, … (overrides the .prj)
  --encoding <name>       GBK, UTF-8, … (overrides the .cpg)
  --mapping <file>        field mapping (JSON or "attribute FIELD" lines)
  --dry-run               do everything, then roll back
  --skip-rejected         load the good records, list the rest (default: refuse the file)
  --json                  print the report as JSON
  --token <token>         staff token for sending to a running server (or RCGIS_TOKEN)`

class UsageError extends Error {}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        layer: { type: 'string' },
        mode: { type: 'string' },
        crs: { type: 'string' },
        encoding: { type: 'string' },
        mapping: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'skip-rejected': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

function progressBar(enabled: boolean) {
  if (!enabled) return null
  return new cliProgress.SingleBar(
    { format: 'reading {bar} {percentage}% | {value}/{total} MB', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  )
}

async function main(): Promise<number> {
  const { values: args, positionals: paths } = parse()
  if (args.help) {
    console.log(USAGE)
    return 0
  }
  if (paths.length === 0) throw new UsageError('name the file to import')
  let options: ImportOptions
  try {
    options = parseImportOptions({
      layer: args.layer,
      mode: args.mode,
      crs: args.crs,
      encoding: args.encoding,
      dryRun: args['dry-run'],
      onReject: args['skip-rejected'] ? 'skip' : 'fail',
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const mapping = args.mapping
    ? { text: await readFile(args.mapping, 'utf8'), fileName: args.mapping }
    : undefined
  const config = loadConfig()
  const print = (report: ImportReport) =>
    console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report))

  let opened: Awaited<ReturnType<typeof openDatabase>>
  try {
    opened = await openDatabase(config)
  } catch (error) {
    if (!(error instanceof StoreBusyError)) throw error
    const owner = error.owner
    const token = args.token ?? process.env.RCGIS_TOKEN
    if (!owner.url)
      throw new AppError(
        409,
        'store_busy',
        `${error.message}. Wait for that process to finish, then run the import again`,
      )
    if (!token)
      throw new AppError(
        409,
        'store_busy',
        `the embedded store ${config.DATA_DIR} is held by the server at ${owner.url} (process ${owner.pid}). ` +
          'Set RCGIS_TOKEN (or pass --token) to a staff token to send the import to that server, or stop the server and run the import again',
      )
    if (!args.json) console.error(`the store is held by the server at ${owner.url}: sending the import there`)
    print(await importRemotely({ serverUrl: owner.url, token, paths, options, mapping }))
    return 0
  }

  const { db, lock } = opened
  const bar = progressBar(Boolean(process.stdout.isTTY) && !args.json)
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10
  try {
    const report = await runImport(db, {
      paths,
      ...options,
      mapping,
      actor: `cli:${userInfo().username}`,
      limits: limitsFromConfig(config),
      onProgress: bar
        ? (done, total) => {
            if (!bar.getTotal()) bar.start(mb(total), 0)
            bar.update(mb(done))
          }
        : undefined,
    })
    bar?.stop()
    print(report)
    return 0
  } finally {
    bar?.stop()
    await db.close()
    lock?.release()
  }
}

main().then(
  (code) => exitWhenFlushed(code),
  (error) => {
    const json = process.argv.includes('--json')
    if (error instanceof UsageError) {
      console.error(`error: ${error.message}\n${USAGE}`)
      process.exit(2)
    }
    const known = error instanceof AppError || error instanceof ConfigError
    const message = known ? error.message : `${(error as Error).message ?? error}`
    if (json) {
      const e = error as AppError
      console.log(
        JSON.stringify({ error: { code: e.code ?? 'internal', message, details: e.details } }, null, 2),
      )
    } else console.error(`error: ${message}`)
    if (!known && process.env.DEBUG) console.error(error)
    exitWhenFlushed(1)
  },
)
