// What this engine can do, probed once at open rather than assumed from the engine name.
import type { Capabilities, Queryable } from './database.ts'

export async function detectCapabilities(db: Queryable): Promise<Capabilities> {
  const { rows } = await db.query<{ pg: string; postgis: string | null }>(
    `SELECT current_setting('server_version') AS pg,
            (SELECT extversion FROM pg_extension WHERE extname = 'postgis') AS postgis`,
  )
  let asMvt = false
  if (rows[0].postgis) {
    try {
      await db.query(`SELECT ST_AsMVT(q) FROM (SELECT 1 AS a, ST_Point(0, 0) AS geom) q`)
      asMvt = true
    } catch {
      asMvt = false // the WASM build: "Compiled without protobuf-c support"
    }
  }
  return { asMvt, postgisVersion: rows[0].postgis ?? 'missing', postgresVersion: rows[0].pg }
}
