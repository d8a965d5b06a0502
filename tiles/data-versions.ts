// The data version of every table tiles read (migration 008), kept in memory and brought up to
// date by the NOTIFY each write sends at commit, so the tile cache learns in a map lookup whether
// what it holds is still the data: by the time a second server instance on the same database
// serves its next request after an import, it has usually heard of it (design.md § Data flow →
// Change).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import type { Database } from '../server/db/database.ts'

/** The channel migration 008's trigger announces on; payload '<table> <version>'. */
export const DATA_VERSION_CHANNEL = 'rcgis_data_version'
/** How the listener's connection shows in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'rcgis data-version listener'

const READ_SQL = readFileSync(join(import.meta.dirname, 'data-versions.sql'), 'utf8')
const MAX_RECONNECT_DELAY_MS = 5_000

export interface VersionSnapshot {
  /** Random per store (migration 008): versions restart at 0 in a new store. */
  readonly storeId: string
  /** Table name → version; a table absent here was never written (0). */
  readonly versions: ReadonlyMap<string, number>
}

export interface DataVersionsOptions {
  /**
   * Server engine: a direct connection for LISTEN (LISTEN_DATABASE_URL, else DATABASE_URL). A
   * pooler in transaction mode such as pgbouncer's does not keep LISTEN, so not a pooled URL.
   */
  listenUrl?: string
  /** First wait before reconnecting a lost listener (ms); doubled per failure up to 5 s. */
  reconnectDelayMs?: number
}

interface VersionRow {
  table_name: string | null
  version: number | null
  store_id: string
}

function toSnapshot(rows: VersionRow[]): VersionSnapshot {
  const versions = new Map<string, number>()
  for (const row of rows) if (row.table_name) versions.set(row.table_name, Number(row.version))
  return { storeId: rows[0]?.store_id ?? '', versions }
}

/**
 * The store's data versions. `listen` keeps them current from notifications; while that is not
 * possible (`unlistened`, or the listener's connection is lost and being re-made) every `read`
 * asks the database, so nothing is ever judged fresh on a guess.
 */
export class DataVersions {
  private storeId = ''
  private readonly versions = new Map<string, number>()
  private readonly changeListeners = new Set<(table: string) => void>()
  private live = false
  private closed = false
  private client: pg.Client | null = null
  private unlisten: (() => Promise<void>) | null = null
  private retry: NodeJS.Timeout | null = null
  private nextDelayMs: number

  private constructor(
    private readonly db: Database,
    private readonly options: DataVersionsOptions,
  ) {
    this.nextDelayMs = options.reconnectDelayMs ?? 250
  }

  /** Versions read from the database on every `read` (no LISTEN): always right, a query per read. */
  static unlistened(db: Database): DataVersions {
    return new DataVersions(db, {})
  }

  /**
   * Reads every version and keeps them current: on the embedded engine through PGlite's own
   * LISTEN (one process, notifications delivered at commit), on the server engine through a
   * connection of its own to `options.listenUrl`, re-made after a loss with every version re-read.
   * Throws when the first connection fails (the server should not start half-blind).
   */
  static async listen(db: Database, options: DataVersionsOptions = {}): Promise<DataVersions> {
    const versions = new DataVersions(db, options)
    try {
      if (db.listen) {
        versions.unlisten = await db.listen(DATA_VERSION_CHANNEL, (payload) => versions.notified(payload))
        versions.adopt(toSnapshot((await db.query<VersionRow>(READ_SQL)).rows))
        versions.live = true
      } else {
        if (!options.listenUrl) throw new Error('the server engine needs a listenUrl to LISTEN on')
        await versions.connect(options.listenUrl)
      }
    } catch (error) {
      await versions.close()
      throw error
    }
    return versions
  }

  /** True while notifications are being received, i.e. `known()` is current. */
  get listening(): boolean {
    return this.live
  }

  /** The versions as now known, with no round trip; null while not listening (call `read`). */
  known(): VersionSnapshot | null {
    return this.live ? { storeId: this.storeId, versions: this.versions } : null
  }

  /** The current versions: from memory while listening, else read from the database now. */
  async read(): Promise<VersionSnapshot> {
    return this.known() ?? toSnapshot((await this.db.query<VersionRow>(READ_SQL)).rows)
  }

  /** Calls `listener(table)` whenever a table's version is learnt to have changed; returns the unsubscribe. */
  onChange(listener: (table: string) => void): () => void {
    this.changeListeners.add(listener)
    return () => this.changeListeners.delete(listener)
  }

  async close(): Promise<void> {
    this.closed = true
    this.live = false
    if (this.retry) clearTimeout(this.retry)
    this.retry = null
    const client = this.client
    this.client = null
    await client?.end().catch(() => {})
    await this.unlisten?.().catch(() => {})
    this.unlisten = null
  }

  /** A notification: '<table> <version>'. Versions only grow, so an older one changes nothing. */
  private notified(payload: string) {
    const [table, version] = payload.split(' ')
    const value = Number(version)
    if (!table || !Number.isFinite(value)) return
    if (value > (this.versions.get(table) ?? 0)) {
      this.versions.set(table, value)
      this.changed(table)
    }
  }

  /** Takes a full read: after a reconnect, whatever changed meanwhile is announced here. */
  private adopt(snapshot: VersionSnapshot) {
    if (snapshot.storeId !== this.storeId) {
      // Another store answers at this address now: nothing known of the old one holds.
      const tables = new Set([...this.versions.keys(), ...snapshot.versions.keys()])
      this.storeId = snapshot.storeId
      this.versions.clear()
      for (const [table, version] of snapshot.versions) this.versions.set(table, version)
      for (const table of tables) this.changed(table)
      return
    }
    for (const [table, version] of snapshot.versions) {
      if (version > (this.versions.get(table) ?? 0)) {
        this.versions.set(table, version)
        this.changed(table)
      }
    }
  }

  private changed(table: string) {
    for (const listener of this.changeListeners) listener(table)
  }

  /**
   * LISTEN first, then read: a write committed in between is both in the read and notified, and
   * versions only grow, so nothing is missed and nothing goes backwards.
   */
  private async connect(url: string) {
    const client = new pg.Client({ connectionString: url, application_name: LISTENER_APPLICATION_NAME })
    this.client = client
    client.on('error', () => this.lost(client))
    client.on('end', () => this.lost(client))
    client.on('notification', (message) => {
      if (message.channel === DATA_VERSION_CHANNEL && message.payload) this.notified(message.payload)
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${DATA_VERSION_CHANNEL}`)
      const { rows } = await client.query<VersionRow>(READ_SQL)
      if (this.client !== client) return
      this.adopt(toSnapshot(rows))
      this.live = true
      this.nextDelayMs = this.options.reconnectDelayMs ?? 250
    } catch (error) {
      this.lost(client)
      throw error
    }
  }

  /** The listener's connection failed or ended: read through the pool until it is re-made. */
  private lost(client: pg.Client) {
    if (this.client !== client) return
    this.client = null
    this.live = false
    client.end().catch(() => {})
    if (this.closed || this.retry || !this.options.listenUrl) return
    const url = this.options.listenUrl
    const delay = this.nextDelayMs
    this.nextDelayMs = Math.min(delay * 2, MAX_RECONNECT_DELAY_MS)
    this.retry = setTimeout(() => {
      this.retry = null
      if (!this.closed) this.connect(url).catch(() => {}) // a failure schedules the next try
    }, delay)
    this.retry.unref()
  }
}
