// The embedded engine: PostgreSQL + PostGIS compiled to WASM, in this process.
// PGlite has one connection, so concurrent callers queue on its internal mutex.
import { PGlite, type Transaction } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import type { Capabilities, Database, Queryable, QueryOptions, QueryResult } from './database.ts'
import { quoteIdent, quoteIdents } from './quote-ident.ts'
import { DATE, INT8, parseDate, parseInt8 } from './type-parsers.ts'

type PgliteLike = PGlite | Transaction

async function collect(csv: AsyncIterable<string> | string): Promise<Blob> {
  if (typeof csv === 'string') return new Blob([csv])
  const parts: string[] = []
  for await (const chunk of csv) parts.push(chunk)
  return new Blob(parts)
}

function queryable(pg: PgliteLike): Queryable {
  return {
    async query<Row>(
      sql: string,
      params: readonly unknown[] = [],
      options: QueryOptions = {},
    ): Promise<QueryResult<Row>> {
      options.signal?.throwIfAborted()
      const result = await pg.query<Row>(sql, params as unknown[])
      // PGlite reports affectedRows 0 for a SELECT; pg's rowCount counts the rows returned.
      const rowCount = result.fields.length > 0 ? result.rows.length : (result.affectedRows ?? 0)
      return { rows: result.rows, rowCount }
    },
    async exec(sql: string) {
      await pg.exec(sql)
    },
    async copyCsv(table, columns, csv) {
      // PGlite has no COPY streaming protocol; it reads COPY input from the virtual /dev/blob.
      const blob = await collect(csv)
      const result = await pg.query(
        `COPY ${quoteIdent(table)} (${quoteIdents(columns)}) FROM '/dev/blob' WITH (FORMAT csv)`,
        [],
        {
          blob,
        },
      )
      return result.affectedRows ?? 0
    },
  }
}

export class PgliteDatabase implements Database {
  readonly engine = 'embedded' as const
  private constructor(
    private readonly pg: PGlite,
    private readonly base: Queryable,
  ) {}
  /** Filled by openDatabase once migrations have created the extension. */
  capabilities: Capabilities = { asMvt: false, postgisVersion: 'unknown', postgresVersion: 'unknown' }

  /** dataDir undefined means in memory (tests). */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    const pg = await PGlite.create({
      dataDir,
      extensions: { postgis },
      parsers: { [INT8]: parseInt8, [DATE]: parseDate },
    })
    const base = queryable(pg)
    return new PgliteDatabase(pg, base)
  }

  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions) {
    return this.base.query<Row>(sql, params, options)
  }
  exec(sql: string) {
    return this.base.exec(sql)
  }
  copyCsv(table: string, columns: readonly string[], csv: AsyncIterable<string> | string) {
    return this.base.copyCsv(table, columns, csv)
  }
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.pg.transaction((tx) => fn(queryable(tx)))
  }
  listen(channel: string, onPayload: (payload: string) => void) {
    return this.pg.listen(channel, onPayload)
  }
  async close() {
    if (!this.pg.closed) await this.pg.close()
  }
}
