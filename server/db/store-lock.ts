// An embedded store belongs to one process at a time: two PGlite instances writing one data
// folder corrupt it. The owner holds a lock file naming its pid and, once listening, its URL,
// so a second process (a CLI import) can hand its work to the owner instead.
//
// Why files and pids rather than proper-lockfile or an OS lock: proper-lockfile judges a lock
// stale by its age, so an owner busy in a long synchronous WASM call (PGlite) looks dead, and its
// stale takeover is remove-then-create, the very race below; Node 20 exposes no flock/fcntl
// without a native addon. So every write here is atomic, and a stale lock is replaced only by
// the one racer that holds a takeover ticket for that exact lock:
// - the lock file appears whole or not at all: written to a private file, then link()ed into
//   place (fails if a lock exists) or rename()d over the stale one (atomic replace);
// - the lock of a dead owner is replaced, never removed: the racer that creates the ticket
//   `rcgis.lock.takeover.<lock token>.<n>` checks the lock still carries that token, then renames
//   its own over it. A racer that read the dead lock late finds a ticket taken or a lock with a
//   live owner; nobody can delete a fresh lock as the old remove-then-create did (issue 7).
// - a ticket whose holder died before finishing is passed over to ticket n+1.
import { randomUUID } from 'node:crypto'
import { linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface LockInfo {
  pid: number
  startedAt: string
  /** Set by a server once it listens: where to send work for this store. */
  url?: string
  /** Names this lock apart from any earlier one of the same pid (pids are reused). */
  token?: string
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

const LOCK_FILE = 'rcgis.lock'
const lockPath = (dataDir: string) => join(dataDir, LOCK_FILE)
/** How long a racer waits for another racer's takeover in progress before giving up. */
const TAKEOVER_WAIT_MS = 2000

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The locks this process holds, released at exit. */
const held = new Set<StoreLock>()
let exitHookSet = false

/** A lock naming this process is live only if this process holds it (a pid of an earlier run). */
function ownerAlive(info: LockInfo): boolean {
  if (info.pid !== process.pid) return isAlive(info.pid)
  for (const lock of held) if (lock.token === info.token) return true
  return false
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code

/** The lock file as it is now; null when there is none. Unparsable text is a dead owner's. */
function readLockFile(path: string): { info: LockInfo | null; text: string } | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if (code(error) === 'ENOENT') return null
    throw error
  }
  try {
    const info = JSON.parse(text) as LockInfo
    return { info: typeof info?.pid === 'number' ? info : null, text }
  } catch {
    return { info: null, text }
  }
}

/** Reads the current owner of a store, or null when nobody (alive) holds it. */
export function readStoreLock(dataDir: string): LockInfo | null {
  try {
    const info = readLockFile(lockPath(dataDir))?.info
    return info && isAlive(info.pid) && info.pid !== process.pid ? info : null
  } catch {
    return null
  }
}

/** A file of our own holding `info`, to be linked or renamed into place whole. */
function privateCopy(dataDir: string, info: LockInfo): string {
  const path = join(dataDir, `${LOCK_FILE}.${process.pid}.${randomUUID()}.tmp`)
  writeFileSync(path, JSON.stringify(info))
  return path
}

/** Blocks the thread for a moment: acquire is synchronous, and only waits on another racer. */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/** Ticket names are file names: a token from an unparsable lock is reduced to safe characters. */
const ticketKey = (lock: { info: LockInfo | null; text: string }) =>
  (lock.info ? `${lock.info.pid}-${lock.info.token ?? lock.info.startedAt}` : lock.text)
    .replace(/[^A-Za-z0-9-]/g, '_')
    .slice(0, 80)

type Takeover = 'won' | 'retry'

/**
 * Replaces the dead owner's lock `seen` with ours, if this racer is the one to do it.
 * 'retry' means the lock changed meanwhile, or another live racer is taking it over.
 */
function takeOver(dataDir: string, seen: { info: LockInfo | null; text: string }, mine: string): Takeover {
  const key = ticketKey(seen)
  for (let n = 0; ; n++) {
    const ticket = join(dataDir, `${LOCK_FILE}.takeover.${key}.${n}`)
    try {
      linkSync(mine, ticket) // the ticket names its holder, so a dead holder can be passed over
    } catch (error) {
      if (code(error) !== 'EEXIST') throw error
      const holder = readLockFile(ticket)?.info
      if (holder && ownerAlive(holder)) return 'retry'
      continue
    }
    try {
      // Only a ticket holder replaces a lock with this key, so it cannot change between the
      // check and the rename unless its owner releases it, which a dead owner does not.
      const now = readLockFile(lockPath(dataDir))
      if (!now || ticketKey(now) !== key) return 'retry'
      renameSync(mine, lockPath(dataDir))
      return 'won'
    } finally {
      // Tickets for this key are never needed again: the lock they guard is gone or not dead.
      for (const name of readdirSync(dataDir))
        if (name.startsWith(`${LOCK_FILE}.takeover.${key}.`)) rmSync(join(dataDir, name), { force: true })
    }
  }
}

export class StoreLock {
  private released = false
  private constructor(
    readonly dataDir: string,
    private info: LockInfo,
  ) {}

  get token(): string | undefined {
    return this.info.token
  }

  /**
   * Takes the lock of the store in `dataDir` (created if missing), or throws StoreBusyError
   * naming the live owner and its URL. A lock left by a dead process is taken over; of many
   * processes racing for one store, exactly one wins. Released on `release()` or process exit.
   */
  static acquire(dataDir: string): StoreLock {
    mkdirSync(dataDir, { recursive: true })
    const path = lockPath(dataDir)
    const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), token: randomUUID() }
    const mine = privateCopy(dataDir, info)
    const deadline = Date.now() + TAKEOVER_WAIT_MS
    try {
      for (;;) {
        try {
          linkSync(mine, path) // atomic create-if-absent, with the whole content in place
          return StoreLock.held(dataDir, info)
        } catch (error) {
          if (code(error) !== 'EEXIST') throw error
        }
        const seen = readLockFile(path)
        if (!seen) continue // released meanwhile
        if (seen.info && ownerAlive(seen.info)) throw new StoreBusyError(dataDir, seen.info)
        if (takeOver(dataDir, seen, mine) === 'won') return StoreLock.held(dataDir, info)
        if (Date.now() > deadline) throw new StoreBusyError(dataDir, seen.info ?? { pid: -1, startedAt: '' })
        pause(5)
      }
    } finally {
      rmSync(mine, { force: true })
    }
  }

  private static held(dataDir: string, info: LockInfo): StoreLock {
    const lock = new StoreLock(dataDir, info)
    held.add(lock)
    if (!exitHookSet) {
      exitHookSet = true
      process.once('exit', () => {
        for (const l of held) l.release()
      })
    }
    return lock
  }

  /** Publishes the URL of the server that owns the store (replacing the file whole). */
  advertise(url: string) {
    this.info = { ...this.info, url }
    renameSync(privateCopy(this.dataDir, this.info), lockPath(this.dataDir))
  }

  /** Removes the lock file, if it is still ours. */
  release() {
    if (this.released) return
    this.released = true
    held.delete(this)
    if (readLockFile(lockPath(this.dataDir))?.info?.token === this.info.token)
      rmSync(lockPath(this.dataDir), { force: true })
  }
}
