// An embedded store belongs to one process at a time: two PGlite instances writing one data
// folder corrupt it. The owner holds a lock file naming its pid and, once listening, its URL,
// so a second process (a CLI import) can hand its work to the owner instead.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface LockInfo {
  pid: number
  startedAt: string
  /** Set by a server once it listens: where to send work for this store. */
  url?: string
}

export class StoreBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockInfo,
  ) {
    super(
      `the embedded store ${dataDir} is in use by process ${owner.pid}` +
        (owner.url ? ` (server at ${owner.url})` : '') +
        '; stop that process, or send the work to its server',
    )
    this.name = 'StoreBusyError'
  }
}

const lockPath = (dataDir: string) => join(dataDir, 'rcgis.lock')

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Reads the current owner of a store, or null when nobody (alive) holds it. */
export function readStoreLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo
    return isAlive(info.pid) && info.pid !== process.pid ? info : null
  } catch {
    return null
  }
}

export class StoreLock {
  private released = false
  private constructor(
    readonly dataDir: string,
    private info: LockInfo,
  ) {}

  /** Takes the lock or throws StoreBusyError; a lock left by a dead process is taken over. */
  static acquire(dataDir: string): StoreLock {
    mkdirSync(dataDir, { recursive: true })
    const path = lockPath(dataDir)
    const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString() }
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx') // exclusive create: atomic against a racing process
        writeFileSync(fd, JSON.stringify(info))
        closeSync(fd)
        const lock = new StoreLock(dataDir, info)
        process.once('exit', () => lock.release())
        return lock
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        const owner = readStoreLock(dataDir)
        if (owner) throw new StoreBusyError(dataDir, owner)
        rmSync(path, { force: true }) // stale: its process is gone
      }
    }
    throw new StoreBusyError(dataDir, { pid: -1, startedAt: '' })
  }

  /** Publishes the URL of the server that owns the store. */
  advertise(url: string) {
    this.info = { ...this.info, url }
    writeFileSync(lockPath(this.dataDir), JSON.stringify(this.info))
  }

  release() {
    if (this.released) return
    this.released = true
    rmSync(lockPath(this.dataDir), { force: true })
  }
}
