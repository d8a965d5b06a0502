// The locate index kept in step with the store (issue 14 §3): tied to the data versions of every
// table it reads, rebuilt in the background when they move, and never consulted while they differ,
// so no answer comes from old data; until a fresh index is ready locate answers from SQL.
import type { DataVersions } from '../../../tiles/data-versions.ts'
import type { Database } from '../../db/database.ts'
import { type IndexVersions, LOCATE_INDEX_TABLES, LocateIndex, readIndexVersions } from './locate-index.ts'
import { SharedRead } from './shared-read.ts'

const TRACKED = new Set(LOCATE_INDEX_TABLES)

function sameVersions(held: IndexVersions, storeId: string, versions: ReadonlyMap<string, number>): boolean {
  if (held.storeId !== storeId) return false
  for (const table of LOCATE_INDEX_TABLES)
    if ((versions.get(table) ?? 0) !== (held.versions.get(table) ?? 0)) return false
  return true
}

/** Whether `known` has caught up with `read`: the same store, no table behind (versions only grow). */
function caughtUp(known: IndexVersions, read: IndexVersions): boolean {
  if (known.storeId !== read.storeId) return false
  for (const table of LOCATE_INDEX_TABLES)
    if ((known.versions.get(table) ?? 0) < (read.versions.get(table) ?? 0)) return false
  return true
}

export interface KeptIndexOptions {
  /** Called with each finished build (ms, features) or failure, for the server's log. */
  onBuilt?: (index: LocateIndex) => void
  onError?: (error: unknown) => void
}

/**
 * Holds the newest LocateIndex and rebuilds it when the data changes. `fresh()` gives the index
 * only when its versions equal the store's as this process knows them:
 * - embedded engine with a listening DataVersions: PGlite delivers NOTIFY in process at commit,
 *   so the versions in memory are current and the check costs no query;
 * - server engine with a listening DataVersions: the versions the notifications brought, as for
 *   tiles, so a write by another process or instance is seen once its NOTIFY arrives (well
 *   within the second issue 14 allows; test/query/locate-index-stale.test.ts). A write of this
 *   process is seen at once: when any statement has settled through the database since the last
 *   read (Database.statementsSettled), the versions are read again before answering, and
 *   notifications that lag behind that read are not trusted until they catch up;
 * - server engine with its listener away (or none): the versions are read before each answer.
 * Concurrent requests share these reads (shared-read.ts): one query per round trip, not one per
 * request. A read for every request cost about a quarter of the server engine's locates.
 */
export class KeptLocateIndex {
  private index: LocateIndex | null = null
  private building: Promise<void> | null = null
  private again = false
  private closed = false
  private readonly unsubscribe: (() => void) | null
  private readonly versionReads: SharedRead<{ read: IndexVersions; settledBefore: number }>
  /** statementsSettled once the last version read settled, when nothing else had settled by then. */
  private readSettled = -1
  /** The last read's versions while the notifications have not caught up with them. */
  private ahead: IndexVersions | null = null

  constructor(
    private readonly db: Database,
    private readonly versions: DataVersions | null,
    private readonly options: KeptIndexOptions = {},
  ) {
    this.versionReads = new SharedRead(async () => {
      const settledBefore = db.statementsSettled ?? 0
      return { read: await readIndexVersions(db), settledBefore }
    })
    this.unsubscribe = versions?.onChange((table) => {
      if (TRACKED.has(table)) this.rebuild()
    }) as (() => void) | null
  }

  /** Starts a build in the background (another one follows when data changes meanwhile). */
  rebuild(): void {
    if (this.closed) return
    if (this.building) {
      this.again = true
      return
    }
    this.building = (async () => {
      do {
        this.again = false
        // A build starts only when there is no index or the data moved past it: the old one can
        // answer nothing more, so it is let go now rather than held beside the new one (at demo
        // scale 100 each holds over 2 GB, and two would pass Node's default 4 GB heap).
        this.index = null
        try {
          const built = await LocateIndex.build(this.db)
          if (this.closed) return
          this.index = built
          this.options.onBuilt?.(built)
        } catch (error) {
          if (!this.closed) this.options.onError?.(error)
          return
        }
      } while (this.again && !this.closed)
    })().finally(() => {
      this.building = null
    })
  }

  /** Resolves once no build is running (tests, the benchmark). */
  async ready(): Promise<LocateIndex | null> {
    while (this.building) await this.building
    return this.index
  }

  /**
   * The index when it holds exactly the store's current data, else null (and a rebuild starts);
   * the caller answers from SQL then. Throws what the version read throws.
   */
  async fresh(): Promise<LocateIndex | null> {
    const known = this.freshKnown()
    if (known !== undefined) return known
    const { read, settledBefore } = await this.versionReads.read()
    // Only the read itself settled meanwhile: every statement settled before it is in what it read.
    const settled = this.db.statementsSettled ?? 0
    if (settled === settledBefore + 1) this.readSettled = settled
    const notified = this.versions?.known()
    if (notified && !caughtUp(notified, read)) this.ahead = read
    return this.judge(read)
  }

  /**
   * `fresh()` without waiting, for a lean path: the index or null as `fresh()` would resolve when
   * that needs no query (a listener whose versions are current, or no index yet); undefined when
   * only a read of the versions can tell (call `fresh()`).
   */
  freshKnown(): LocateIndex | null | undefined {
    if (!this.index) {
      if (!this.building) this.rebuild()
      return null
    }
    const known = this.versions?.known()
    if (!known) return undefined
    if (this.db.engine === 'server') {
      // A statement of this process settled since the last read: its NOTIFY may not be here yet.
      if (this.db.statementsSettled !== this.readSettled) return undefined
      if (this.ahead) {
        if (!caughtUp(known, this.ahead)) return undefined
        this.ahead = null
      }
    }
    return this.judge(known)
  }

  /** The index when it holds `now`'s versions, else null (and a rebuild starts). */
  private judge(now: IndexVersions): LocateIndex | null {
    const index = this.index
    if (index && sameVersions(index.versions, now.storeId, now.versions)) return index
    // A build already running may have read the data before this change: it is checked in turn.
    if (!this.building) this.rebuild()
    return null
  }

  close(): void {
    this.closed = true
    this.unsubscribe?.()
  }
}
