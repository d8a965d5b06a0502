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

export interface KeptIndexOptions {
  /** Called with each finished build (ms, features) or failure, for the server's log. */
  onBuilt?: (index: LocateIndex) => void
  onError?: (error: unknown) => void
}

/**
 * Holds the newest LocateIndex and rebuilds it when the data changes. `fresh()` gives the index
 * only when its versions equal the store's now:
 * - embedded engine with a listening DataVersions: PGlite delivers NOTIFY in process at commit,
 *   so the versions in memory are current and the check costs no query;
 * - server engine (or no listener): the versions are read with a small query, since a
 *   notification from another connection may still be on its way when a client that just saw its
 *   import commit asks (a second instance hears it too, and rebuilds at once). Concurrent requests
 *   share these reads (shared-read.ts): one query per round trip, not one per request.
 */
export class KeptLocateIndex {
  private index: LocateIndex | null = null
  private building: Promise<void> | null = null
  private again = false
  private closed = false
  private readonly unsubscribe: (() => void) | null
  private readonly versionReads: SharedRead<IndexVersions>

  constructor(
    private readonly db: Database,
    private readonly versions: DataVersions | null,
    private readonly options: KeptIndexOptions = {},
  ) {
    this.versionReads = new SharedRead(() => readIndexVersions(db))
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
    return this.judge(await this.versionReads.read())
  }

  /**
   * `fresh()` without waiting, for a lean path: the index or null as `fresh()` would resolve when
   * that needs no query (embedded engine with a listener, or no index yet); undefined when only a
   * read of the versions can tell (server engine: call `fresh()`).
   */
  freshKnown(): LocateIndex | null | undefined {
    if (!this.index) {
      if (!this.building) this.rebuild()
      return null
    }
    const known = this.db.engine === 'embedded' ? this.versions?.known() : null
    return known ? this.judge(known) : undefined
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
