// Reads a page of features in keyset sub-pages (keyset.ts) and hands each on as soon as it is read,
// so a 10 000-feature page never sits whole in memory (issue 10 item 6): the HTTP writer sends
// one sub-page while the next is read, and waits for the socket to drain.
import type { Queryable } from '../db/database.ts'
import type { OgcCrs } from './crs-uri.ts'
import type { ItemsSql } from './items-sql.ts'
import { orderBy } from './items-sql.ts'
import { afterKeys } from './keyset.ts'
import { reprojectGeometry } from './reproject-geometry.ts'

/** Rows read per statement: ~1 MB of GeoJSON for the demo's polygons. */
export const SUB_PAGE_ROWS = 500

export interface FeatureRow {
  id: number | string
  properties: string
  geometry: string
  [key: `k${number}`]: string | null
}

/**
 * The rows of one page (`limit` rows after skipping `offset`) in sub-pages of at most `subPage`
 * rows: the first by OFFSET, the rest by keyset after the previous sub-page's last row.
 */
export async function* featureRows(
  db: Queryable,
  s: ItemsSql,
  offset: number,
  limit: number,
  subPage = SUB_PAGE_ROWS,
): AsyncGenerator<FeatureRow[]> {
  let remaining = limit
  let last: FeatureRow | undefined
  while (remaining > 0) {
    const take = Math.min(remaining, subPage)
    const { sql, params } = subPageStatement(s, take, last ? undefined : offset, last)
    const { rows } = await db.query<FeatureRow>(sql, params)
    if (rows.length === 0) return
    yield rows
    remaining -= rows.length
    if (rows.length < take) return
    last = rows[rows.length - 1]
  }
}

/**
 * The statement of one sub-page: `take` rows, skipping `offset` rows (the first sub-page) or
 * starting after `last` (the others). Exported so the benchmark's floor runs the same SQL.
 */
export function subPageStatement(
  s: ItemsSql,
  take: number,
  offset: number | undefined,
  last?: FeatureRow,
): { sql: string; params: unknown[] } {
  const params = [...s.params]
  const bind = (value: unknown, type: string) => {
    params.push(value)
    return `$${params.length}::${type}`
  }
  const after = last
    ? ` AND ${afterKeys(
        s.order,
        s.orderTypes,
        s.order.map((_, i) => last[`k${i}`] ?? null),
        bind,
      )}`
    : ''
  const skip = offset === undefined ? '' : ` OFFSET ${bind(offset, 'int8')}`
  const sql = `SELECT ${s.select} ${s.from}${after} ORDER BY ${orderBy(s.order)} LIMIT ${bind(take, 'int8')}${skip}`
  return { sql, params }
}

/** One feature as GeoJSON text, its geometry in `crs` (reproject-geometry.ts). */
export function featureJson(row: FeatureRow, crs: OgcCrs): string {
  const geometry =
    crs.fromStorage || crs.northFirst
      ? JSON.stringify(reprojectGeometry(JSON.parse(row.geometry), crs))
      : row.geometry
  return `{"type":"Feature","id":${Number(row.id)},"geometry":${geometry},"properties":${row.properties}}`
}
