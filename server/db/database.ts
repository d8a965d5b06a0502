// One small interface over both engines, so every query, migration and import runs unchanged
// on the embedded PGlite+PostGIS store and on a real PostgreSQL/PostGIS server.

export type EngineName = 'embedded' | 'server'

export interface QueryResult<Row> {
  rows: Row[]
  rowCount: number
}

export interface QueryOptions {
  /**
   * Aborting cancels the statement on the server engine (a PostgreSQL cancel request, so it
   * works while the pool is exhausted) and the promise rejects with the signal's reason. The
   * embedded engine cannot interrupt WASM mid-statement: it only refuses to start one after abort.
   */
  signal?: AbortSignal
}

/** Something SQL can be sent to: the database itself or an open transaction. */
export interface Queryable {
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<Row>>
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>
  /**
   * Bulk-load CSV text into a table with COPY (the only fast path on both engines).
   * `table` and `columns` are plain names (`'chiefs'`, `['id', 'name']`), quoted here by
   * quoteIdent; `csv` is RFC 4180 CSV without a header, columns in the order given.
   * Resolves to the number of rows loaded.
   */
  copyCsv(table: string, columns: readonly string[], csv: AsyncIterable<string> | string): Promise<number>
}

export interface Capabilities {
  /** ST_AsMVT needs protobuf-c, which the WASM build lacks. */
  asMvt: boolean
  postgisVersion: string
  postgresVersion: string
}

export interface Database extends Queryable {
  readonly engine: EngineName
  capabilities: Capabilities
  /** Runs fn in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  /**
   * Embedded engine only: LISTEN on its one connection; `onPayload` gets each NOTIFY payload of
   * `channel` once the sending transaction commits. Resolves to the unlisten function. The server
   * engine has none: LISTEN needs a connection of its own, outside the pool (a pooler in
   * transaction mode drops it), which tiles/data-versions.ts opens.
   */
  listen?(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>
  /**
   * Server engine only: how many statements (queries, scripts, copies, whole transactions) have
   * finished through this database, failed or not. A write of this process may have committed
   * by then while its NOTIFY is still on the way to the listener, so the locate index reads the
   * data versions again whenever this has moved since its last read (kept-index.ts).
   */
  readonly statementsSettled?: number
  close(): Promise<void>
}
