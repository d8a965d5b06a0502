// The parts of the locate and intrusion statements that list layers are built from the registry
// (zone layers, constraint layers), so that adding a layer there is the whole change. The rest of
// each statement stays static in its .sql file, which names the spot with a {{placeholder}}.
import { quoteIdent } from '../db/quote-ident.ts'
import { type LayerSpec, layersFor, zoneLayers } from '../layers/registry.ts'

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`

/**
 * The `json_build_object(…)` of one zone feature `z` as locate answers it: `{id, …zone fields}`,
 * flags as booleans. Shared by the SQL path and the in-process index (locate-index/), so both
 * give the same values of the same types.
 */
export function zoneFeatureSql(layer: LayerSpec & { zone: NonNullable<LayerSpec['zone']> }): string {
  const fields = layer.zone.fields.map((name) => {
    const column = `z.${quoteIdent(name)}`
    return `${literal(name)}, ${layer.zone.flags?.includes(name) ? `${column} = 1` : column}`
  })
  return `json_build_object('id', z.id, ${fields.join(', ')})`
}

/**
 * `json_build_object` arguments, one list per zone layer: key → the features of that layer
 * covering `p.g`, each `{id, …zone fields}` (flags as booleans), ordered by id.
 */
export function zoneListsSql(): string {
  return zoneLayers()
    .map(
      (layer) =>
        `${literal(layer.zone.key)}, (SELECT coalesce(json_agg(${zoneFeatureSql(layer)}
                         ORDER BY z.id), '[]') FROM ${quoteIdent(layer.id)} z WHERE ST_Intersects(z.geom, p.g))`,
    )
    .join(',\n      ')
}

/** Attributes a constraint feature carries into the intrusion answer (and intrusion_rules matches on). */
export const constraintAttributes = (layer: LayerSpec) => layer.attributes.filter((a) => a.name !== 'name')

/**
 * Rows (layer, id, name, geom, attrs) of every constraint layer whose box meets `p.near_box`,
 * as a UNION ALL.
 */
export function constraintCandidatesSql(): string {
  return layersFor('constraint')
    .map((layer) => {
      const attrs = constraintAttributes(layer).map((a) => `${literal(a.name)}, f.${quoteIdent(a.name)}`)
      return `SELECT ${literal(layer.id)}::text AS layer, f.id, f.name, f.geom, json_build_object(${attrs.join(', ')}) AS attrs
    FROM ${quoteIdent(layer.id)} f, project p WHERE f.geom && p.near_box`
    })
    .join('\n  UNION ALL\n  ')
}

/** Fills the {{name}} placeholders of a statement; a placeholder left unfilled is a bug. */
export function fillSql(sql: string, parts: Record<string, string>): string {
  const filled = sql.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in parts)) throw new Error(`no SQL for placeholder {{${name}}}`)
    return parts[name]
  })
  return filled
}
