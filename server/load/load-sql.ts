// The statements of a load. They are built per layer (identifiers come from the registry and the
// import's own table name, through quoteIdent); every value is a bind parameter.
import { quoteIdent } from '../db/quote-ident.ts'
import type { AttributeType, GeometryKind, LayerSpec } from '../layers/registry.ts'

export const STAGING = 'import_staging'

const SQL_TYPES: Record<AttributeType, string> = {
  text: 'text',
  integer: 'integer',
  number: 'double precision',
  date: 'date',
  timestamp: 'timestamptz',
}

// How each layer kind is reached from whatever the source held. CollectionExtract drops parts
// of other dimensions (ST_MakeValid can turn a bow-tie into polygons plus a line) and yields
// EMPTY when nothing of the kind is left, which is then rejected.
const NORMALISE: Record<GeometryKind, (g: string) => string> = {
  MultiPolygon: (g) => `ST_ForcePolygonCCW(ST_Multi(ST_CollectionExtract(ST_Force2D(${g}), 3)))`,
  MultiLineString: (g) => `ST_Multi(ST_CollectionExtract(ST_Force2D(${g}), 2))`,
  LineString: (g) => `ST_LineMerge(ST_Multi(ST_CollectionExtract(ST_Force2D(${g}), 2)))`,
  Point: (g) => `CASE WHEN ST_NumGeometries(ST_CollectionExtract(ST_Force2D(${g}), 1)) = 1
            THEN ST_GeometryN(ST_Multi(ST_CollectionExtract(ST_Force2D(${g}), 1)), 1) END`,
}

const quoted = (layer: LayerSpec) => layer.attributes.map((a) => quoteIdent(a.name))

export function createStagingSql(layer: LayerSpec): string {
  const attributes = layer.attributes.map((a) => `${quoteIdent(a.name)} ${SQL_TYPES[a.type]}`)
  return `CREATE TEMP TABLE ${STAGING} (record_no integer NOT NULL, geom geometry, valid boolean,
    ${attributes.join(', ')}, extra jsonb NOT NULL) ON COMMIT DROP`
}

/** Plain names: copyCsv quotes them. */
export const stagingColumns = (layer: LayerSpec) => [
  'record_no',
  'geom',
  'valid',
  ...layer.attributes.map((a) => a.name),
  'extra',
]

/** $1 is the layer's geometry type, upper case. */
const fits = (g: string) =>
  `COALESCE(${g} IS NOT NULL AND NOT ST_IsEmpty(${g}) AND GeometryType(${g}) = $1, false)`

/**
 * Repairs, in place, the staged shapes that are invalid. Only rows whose validity was not
 * proven while staging are tested (the planner evaluates the cheap flag first), and only
 * invalid ones are rewritten.
 */
export const REPAIR_SQL = `UPDATE ${STAGING} SET geom = ST_MakeValid(geom)
  WHERE valid IS NOT TRUE AND NOT ST_IsValid(geom) RETURNING record_no`

/**
 * Normalises every staged shape of a batch to the layer's kind and inserts those that then fit
 * into the import's table `target` (the shadow or the append staging); OFFSET 0 keeps the
 * planner from inlining the normalisation into the WHERE and computing it twice. Without
 * ORDER BY, a temp table is read in COPY order (it is never scanned from a synchronised
 * mid-point), so ids follow the source's record order; after repairs moved rows, it is sorted.
 * $2 is the import id.
 */
export function settleSql(layer: LayerSpec, target: string, ordered: boolean): string {
  const columns = quoted(layer).join(', ')
  return `INSERT INTO ${quoteIdent(target)} (${columns}, extra, import_id, geom)
    SELECT ${columns}, extra, $2, g
      FROM (SELECT record_no, ${columns}, extra, ${NORMALISE[layer.geometry]('geom')} AS g FROM ${STAGING} OFFSET 0) s
     WHERE ${fits('g')}${ordered ? ' ORDER BY record_no' : ''}`
}

/**
 * An append's staging of settled rows: the layer's columns without its constraints, indexes or
 * identity, so that batches go in fast; UNLOGGED, since it is thrown away whatever happens.
 */
export function createAppendStagingSql(layer: LayerSpec, staging: string): string {
  return `CREATE UNLOGGED TABLE ${quoteIdent(staging)} AS
    SELECT ${quoted(layer).join(', ')}, extra, import_id, geom FROM ${quoteIdent(layer.id)} WITH NO DATA`
}

/**
 * An append's final step: the settled rows into the layer, in the order they were settled
 * (a fresh heap that nothing else scans is read in insertion order), ids given by the layer.
 */
export function appendSql(layer: LayerSpec, staging: string): string {
  const columns = `${quoted(layer).join(', ')}, extra, import_id, geom`
  return `INSERT INTO ${quoteIdent(layer.id)} (${columns}) SELECT ${columns} FROM ${quoteIdent(staging)}`
}

/** The staged shapes that do not fit the layer even after repair and normalisation. */
export function misfitsSql(layer: LayerSpec): string {
  return `SELECT record_no, GeometryType(geom) AS source_type
      FROM (SELECT record_no, geom, ${NORMALISE[layer.geometry]('geom')} AS g FROM ${STAGING} OFFSET 0) s
     WHERE NOT ${fits('g')} ORDER BY record_no`
}
