// The viewer's search box (issue 12 item 3): one ranked list over rivers, reaches, lakes, chiefs
// and places (admin areas), each hit with where to fly and a point to ask "who is responsible".
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Queryable } from '../db/database.ts'

const SEARCH_SQL = readFileSync(join(import.meta.dirname, 'search.sql'), 'utf8')

export const SEARCH_KINDS = ['river', 'reach', 'lake', 'chief', 'place'] as const

export const SearchHit = z
  .object({
    kind: z.enum(SEARCH_KINDS),
    id: z.string().meta({ description: 'row id of a feature (as text), or the chief id' }),
    code: z.string().nullable(),
    name: z.string(),
    detail: z.string().nullable().meta({ description: 'a second line: grade, reach ends, level, position' }),
    match: z.enum(['exact', 'prefix', 'contains']),
    bbox: z
      .tuple([z.number(), z.number(), z.number(), z.number()])
      .nullable()
      .meta({ description: '[west, south, east, north] degrees, EPSG:4490; null for a chief with no scope' }),
    point: z
      .object({ lon: z.number(), lat: z.number() })
      .nullable()
      .meta({ description: 'a point on the feature (not merely the bbox centre)' }),
  })
  .meta({ id: 'SearchHit' })
export type SearchHit = z.infer<typeof SearchHit>

const MATCHES = ['exact', 'prefix', 'contains'] as const

interface Row {
  kind: SearchHit['kind']
  id: string
  code: string | null
  name: string
  detail: string | null
  match_rank: number
  bbox: [number, number, number, number] | null
  point: { coordinates: [number, number] } | null
}

/**
 * Up to `limit` hits whose name or code holds `q` (case-insensitive), exact matches first, then
 * prefixes, then the rest; among equals the shorter name, then places, rivers, lakes, reaches,
 * chiefs. Chiefs are placed where their scopes on `date` (YYYY-MM-DD) lie.
 */
export async function search(
  db: Queryable,
  { q, limit, date }: { q: string; limit: number; date: string },
): Promise<SearchHit[]> {
  const { rows } = await db.query<Row>(SEARCH_SQL, [q, date, limit])
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    code: r.code,
    name: r.name,
    detail: r.detail,
    match: MATCHES[Number(r.match_rank)],
    bbox: r.bbox,
    point: r.point ? { lon: r.point.coordinates[0], lat: r.point.coordinates[1] } : null,
  }))
}
