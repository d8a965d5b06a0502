// The demo's patrol fix times: loadLayer stores a track's attributes and geometry; the times
// travel in properties.times (as POST /api/patrols takes them) and are written here.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from '../db/database.ts'
import { csvRow } from '../load/csv.ts'
import type { LayerFeature } from './dataset.ts'

const UPDATE_SQL = readFileSync(join(import.meta.dirname, 'patrol-times.sql'), 'utf8')

/** Rows per piece of the COPY: at demo scale 100 the whole CSV (~2 GB) is over V8's longest string. */
const BATCH = 10_000

/** The tracks' CSV rows, joined a batch at a time. */
async function* csvBatches(tracks: readonly LayerFeature[]): AsyncIterable<string> {
  for (let start = 0; start < tracks.length; start += BATCH)
    yield tracks
      .slice(start, start + BATCH)
      .map((f) =>
        csvRow([
          f.properties.chief_id,
          f.properties.started_at,
          `{${(f.properties.times as string[]).join(',')}}`,
        ]),
      )
      .join('')
}

/**
 * Writes each demo track's `properties.times` (ISO instants, one per vertex) to patrols.times,
 * matching the row by (chief_id, started_at), which the generator keeps unique. Tracks without
 * times are left NULL. One transaction. Returns the number of rows updated.
 */
export async function writeDemoPatrolTimes(db: Database, tracks: readonly LayerFeature[]): Promise<number> {
  const rows = tracks.filter((f) => Array.isArray(f.properties.times))
  if (!rows.length) return 0
  return db.transaction(async (tx) => {
    await tx.query(
      'CREATE TEMP TABLE demo_patrol_times (chief_id text, started_at timestamptz, times timestamptz[]) ON COMMIT DROP',
    )
    await tx.copyCsv('demo_patrol_times', ['chief_id', 'started_at', 'times'], csvBatches(rows))
    const { rowCount } = await tx.query(UPDATE_SQL)
    return rowCount
  })
}
