// The shell shared by the store CLIs (token, export:pmtiles, export:signboards): exit codes and
// messages, the exports' progress bar, and opening the configured store with a plain answer when
// a running server holds the embedded one.
import cliProgress from 'cli-progress'
import type { Config } from '../server/config.ts'
import { openDatabase } from '../server/db/open-database.ts'
import { StoreBusyError } from '../server/db/store-lock.ts'

/** A bad command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/**
 * Exits with `code` once everything written to stdout and stderr has been handed to the OS:
 * process.exit() right after a large write to a pipe cuts the output short (a --json report of
 * several hundred kB reached its reader truncated).
 */
export function exitWhenFlushed(code: number): void {
  process.exitCode = code
  let pending = 2
  const done = () => {
    if (--pending === 0) process.exit(code)
  }
  process.stdout.write('', done)
  process.stderr.write('', done)
}

/**
 * Runs `main` and exits with its code; a UsageError prints its message and `usage` and exits 2;
 * any other error prints only its message (never a stack trace) and exits 1.
 */
export function runCli(main: () => Promise<number>, usage: string): void {
  main().then(
    (code) => exitWhenFlushed(code),
    (error) => {
      if (error instanceof UsageError) {
        console.error(`error: ${error.message}\n${usage}`)
        process.exit(2)
      }
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`)
      process.exit(1)
    },
  )
}

/**
 * Opens the store the configuration names.
 * @param advice what to do when another process holds the embedded store, appended to the message.
 * @throws Error naming the owning process (and its URL) when the embedded store is held.
 */
export async function openStore(config: Config, advice: string) {
  try {
    return await openDatabase(config)
  } catch (error) {
    if (error instanceof StoreBusyError)
      throw new Error(
        `the embedded store ${config.DATA_DIR} is held by process ${error.owner.pid}` +
          (error.owner.url ? ` (the server at ${error.owner.url})` : '') +
          `. ${advice}`,
      )
    throw error
  }
}

/**
 * The progress bar of a long export: `format` is cli-progress's; `options` adds to it. Not on a
 * terminal (CI, a log file) it prints a line every 10 s instead of nothing.
 */
export function exportProgressBar(format: string, options: cliProgress.Options = {}) {
  return new cliProgress.SingleBar(
    { format, noTTYOutput: true, notTTYSchedule: 10_000, ...options },
    cliProgress.Presets.shades_classic,
  )
}
