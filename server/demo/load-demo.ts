// Loads the demo city into an empty store, through the same loadLayer that imports use.
import type { Database } from '../db/database.ts'
import { LAYERS } from '../layers/registry.ts'
import { csvRow } from '../load/csv.ts'
import { loadLayer } from '../load/load-layer.ts'
import { evaluatePatrols } from '../patrols/evaluate.ts'
import type { DemoDataset } from './dataset.ts'
import { writeDemoPatrolTimes } from './patrol-times.ts'

const DEMO_ACTOR = 'demo'

/**
 * The demo is needed when nobody has loaded anything but (part of) the demo: a start that was
 * killed half-way through loading it loads it again, but real data is never overwritten.
 */
export async function demoNeeded(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ demo_layers: number; other: number }>(
    `SELECT count(DISTINCT layer) FILTER (WHERE actor = $1)::int8 AS demo_layers,
            count(*) FILTER (WHERE actor <> $1)::int8 AS other
       FROM import_log WHERE status = 'ok'`,
    [DEMO_ACTOR],
  )
  const chiefs = await db.query('SELECT 1 FROM chiefs LIMIT 1')
  return rows[0].other === 0 && (rows[0].demo_layers < LAYERS.length || chiefs.rowCount === 0)
}

export async function loadDemo(db: Database, demo: DemoDataset): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const layer of LAYERS) {
    const result = await loadLayer(
      db,
      layer.id,
      demo.layers[layer.id].map((feature, i) => ({
        recordNo: i + 1,
        geometry: feature.geometry,
        attributes: Object.fromEntries(
          layer.attributes.map((a) => [
            a.name,
            (feature.properties[a.name] ?? null) as string | number | null,
          ]),
        ),
      })),
      { mode: 'replace', actor: DEMO_ACTOR, source: { fileName: 'demo', crs: 'EPSG:4490' } },
    )
    counts[layer.id] = result.inserted
  }
  // The governance tables are not layers; they are replaced whole in one transaction.
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM measurements')
    await tx.query('DELETE FROM assignments')
    await tx.query('DELETE FROM chiefs')
    await tx.copyCsv(
      'chiefs',
      ['id', 'name', 'position', 'contact'],
      demo.chiefs.map((c) => csvRow([c.id, c.name, c.position, c.contact])).join(''),
    )
    await tx.copyCsv(
      'assignments',
      ['chief_id', 'level', 'role', 'scope_kind', 'scope_code', 'valid_from', 'valid_to'],
      demo.assignments
        .map((a) =>
          csvRow([a.chief_id, a.level, a.role, a.scope_kind, a.scope_code, a.valid_from, a.valid_to]),
        )
        .join(''),
    )
    await tx.copyCsv(
      'measurements',
      ['section_code', 'measured_on', 'water_class', 'cod_mg_l', 'nh3n_mg_l', 'tp_mg_l'],
      demo.measurements
        .map((m) =>
          csvRow([m.section_code, m.measured_on, m.water_class, m.cod_mg_l, m.nh3n_mg_l, m.tp_mg_l]),
        )
        .join(''),
    )
  })
  // Patrols are judged against the chiefs' scopes on their dates, so only once those are loaded.
  await writeDemoPatrolTimes(db, demo.layers.patrols)
  await evaluatePatrols(db, { stale: true })
  counts.chiefs = demo.chiefs.length
  counts.assignments = demo.assignments.length
  counts.measurements = demo.measurements.length
  return counts
}
