// The server engine: a real PostgreSQL/PostGIS through a pg pool.
import { createHash } from 'node:crypto'
import { connect } from 'node:net'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { Capabilities, Database, Queryable, QueryOptions, QueryResult } from './database.ts'
import { quoteIdent, quoteIdents } from './quote-ident.ts'
import { DATE, INT8, parseDate, parseInt8 } from './type-parsers.ts'

// Per-pool type parsers, so this module never changes pg's global defaults for other users.
const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8) return parseInt8
    if (oid === DATE) return parseDate
    return pg.types.getTypeParser(oid, format as 'text')
  },
} as pg.CustomTypesConfig

type Client = pg.Pool | pg.PoolClient

/**
 * Checks a client out of the pool with an 'error' listener attached for as long as it is held:
 * a backend killed mid-transaction makes the client emit 'error', which without a listener
 * is an uncaught exception that takes the whole server down. The query in flight still fails
 * and reports it; the dead client is destroyed on release.
 */
async function checkout(pool: pg.Pool): Promise<{ client: pg.PoolClient; release(): void }> {
  const client = await pool.connect()
  let lost: Error | undefined
  const onError = (error: Error) => {
    lost = error
  }
  client.on('error', onError)
  return {
    client,
    release() {
      client.off('error', onError)
      client.release(lost)
    },
  }
}

// Parameterised statements are prepared once per connection under a name derived from their
// text: planning is ~40 % of a locate query's time in PostgreSQL. Statements on an import's own
// tables (the per-batch temp staging table, and the <layer>__import_<ms>_<hex> shadow or staging
// table) and on pg_temp functions are left unnamed: they are new every time. Statements built
// per request (an OGC API CQL2 filter makes one per distinct filter) would make the set unbounded
// in every backend and here, so past MAX_NAMED_STATEMENTS distinct texts new ones go unnamed:
// the static and registry-built statements, seen first and constantly, keep their plans.
const MAX_NAMED_STATEMENTS = 1000
const statementNames = new Map<string, string | undefined>()
function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql)
  if (name === undefined && !statementNames.has(sql)) {
    if (statementNames.size >= MAX_NAMED_STATEMENTS) return undefined
    name = /\bimport_staging\b|__import_\d|\bpg_temp\b/i.test(sql)
      ? undefined
      : `rcgis_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`
    statementNames.set(sql, name)
  }
  return name
}

// PostgreSQL protocol, "CancelRequest": Int32 length 16, Int32 code 80877102, the backend's
// process id and secret key (from BackendKeyData). The server answers nothing and closes.
const CANCEL_REQUEST_CODE = 80877102

function sendCancelRequest(client: pg.PoolClient) {
  const { host, port, processID, secretKey } = client as unknown as {
    host: string
    port: number
    processID: number
    secretKey: number
  }
  const message = Buffer.alloc(16)
  message.writeInt32BE(16, 0)
  message.writeInt32BE(CANCEL_REQUEST_CODE, 4)
  message.writeInt32BE(processID, 8)
  message.writeInt32BE(secretKey, 12)
  // A host that is a directory is a Unix socket, as pg itself connects to it.
  const socket = host.startsWith('/') ? connect(`${host}/.s.PGSQL.${port}`) : connect(port, host)
  socket.on('error', () => {}) // the server gone too: nothing left to cancel
  socket.on('connect', () => socket.end(message))
}

/**
 * Runs a query that `signal` cancels with a CancelRequest on a socket of its own, which needs no
 * login and no free pool connection, so it gets through while every pooled connection runs a
 * slow query. The connection survives (only its statement fails, with 57014).
 */
async function cancellable(client: pg.PoolClient, config: pg.QueryConfig, signal: AbortSignal) {
  signal.throwIfAborted()
  const cancel = () => sendCancelRequest(client)
  signal.addEventListener('abort', cancel, { once: true })
  try {
    return await client.query(config)
  } catch (error) {
    throw signal.aborted ? signal.reason : error
  } finally {
    signal.removeEventListener('abort', cancel)
  }
}

function queryable(client: Client): Queryable {
  return {
    async query<Row>(
      sql: string,
      params: readonly unknown[] = [],
      options: QueryOptions = {},
    ): Promise<QueryResult<Row>> {
      const name = params.length > 0 ? statementName(sql) : undefined
      const config = { name, text: sql, values: params as unknown[], types: typeParsers }
      let result: pg.QueryResult
      const { signal } = options
      if (!signal) {
        result = await client.query(config)
      } else if (client instanceof pg.Pool) {
        const held = await checkout(client)
        try {
          result = await cancellable(held.client, config, signal)
        } finally {
          held.release()
        }
      } else {
        result = await cancellable(client, config, signal)
      }
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length }
    },
    async exec(sql: string) {
      await client.query(sql)
    },
    async copyCsv(table, columns, csv) {
      const run = async (c: pg.PoolClient) => {
        const stream = c.query(
          copyFrom(`COPY ${quoteIdent(table)} (${quoteIdents(columns)}) FROM STDIN WITH (FORMAT csv)`),
        )
        await pipeline(typeof csv === 'string' ? Readable.from([csv]) : Readable.from(csv), stream)
        return Number(stream.rowCount ?? 0)
      }
      if (client instanceof pg.Pool) {
        const held = await checkout(client)
        try {
          return await run(held.client)
        } finally {
          held.release()
        }
      }
      return run(client)
    },
  }
}

export class PgDatabase implements Database {
  readonly engine = 'server' as const
  private constructor(
    private readonly pool: pg.Pool,
    private readonly base: Queryable,
  ) {}
  /** Filled by openDatabase once migrations have created the extension. */
  capabilities: Capabilities = { asMvt: false, postgisVersion: 'unknown', postgresVersion: 'unknown' }

  static async open(connectionString: string, poolSize = 8): Promise<PgDatabase> {
    // Generic plans for the prepared statements: every spatial question here is an index probe
    // whatever its parameters, and re-planning each execution cost ~2 of ~5 ms per locate
    // (measured with EXPLAIN ANALYZE on the demo city; answers identical).
    const pool = new pg.Pool({
      connectionString,
      max: poolSize,
      options: '-c plan_cache_mode=force_generic_plan',
    })
    // An idle client that loses its server must not crash the process; the next query reports it.
    pool.on('error', () => {})
    const base = queryable(pool)
    const db = new PgDatabase(pool, base)
    try {
      await base.query('SELECT 1') // fail at open, with the server's message, not at the first request
    } catch (error) {
      await pool.end()
      throw error
    }
    return db
  }

  private settled = 0
  /** See Database.statementsSettled: counted as each call below settles. */
  get statementsSettled(): number {
    return this.settled
  }
  private readonly settle = () => {
    this.settled++
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions) {
    return this.base.query<Row>(sql, params, options).finally(this.settle)
  }
  exec(sql: string) {
    return this.base.exec(sql).finally(this.settle)
  }
  copyCsv(table: string, columns: readonly string[], csv: AsyncIterable<string> | string) {
    return this.base.copyCsv(table, columns, csv).finally(this.settle)
  }
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.inTransaction(fn).finally(this.settle)
  }
  private async inTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const held = await checkout(this.pool)
    const { client } = held
    try {
      await client.query('BEGIN')
      const result = await fn(queryable(client))
      await client.query('COMMIT')
      return result
    } catch (error) {
      // A failed ROLLBACK means the connection is gone; the server rolls back by itself.
      await client.query('ROLLBACK').catch((rollbackError: Error) => client.emit('error', rollbackError))
      throw error
    } finally {
      held.release()
    }
  }
  async close() {
    await this.pool.end()
  }
}
