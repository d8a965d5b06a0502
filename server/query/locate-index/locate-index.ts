// The in-process locate index (issue 14): every table locate reads, loaded from PostGIS once and
// answered from memory with the SQL path's rules, so /api/locate costs microseconds, not a query.
// The SQL (locate.sql) stays the oracle: test/query/locate-index-parity.test.ts compares the two.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Flatbush from 'flatbush'
import type { Queryable } from '../../db/database.ts'
import { quoteIdent } from '../../db/quote-ident.ts'
import { type ZoneSpec, zoneLayers } from '../../layers/registry.ts'
import type { ChiefOnDuty, ParkRef, ReachRef } from '../common-schemas.ts'
import type { LocateResult, LocateRow } from '../locate.ts'
import { shareJson } from '../locate-json.ts'
import { zoneFeatureSql } from '../registry-sql.ts'
import { type AreaGeometry, AreaIndex, polygonsOf } from './area-index.ts'
import { BasinGovernance, type BasinRule } from './basin-governance.ts'
import { boxOf } from './box-of.ts'
import { type AssignmentEntry, chiefsOnDuty, type DutyScope, scopeKey } from './chiefs-on-duty.ts'
import { degreePad } from './degree-pad.ts'
import { geographyDistanceToLines, unit } from './geodesic-distance.ts'
import { nearestLine } from './nearest-reach.ts'
import { polygonCovers } from './point-in-area.ts'
import { geometryOfWkb } from './wkb.ts'

const sql = (name: string) => readFileSync(join(import.meta.dirname, name), 'utf8')
const SQL = {
  versions: sql('versions.sql'),
  admin: sql('admin-areas.sql'),
  parks: sql('parks.sql'),
  basins: sql('basins.sql'),
  basinRules: sql('basin-rules.sql'),
  chiefAreas: sql('chief-areas.sql'),
  lakes: sql('lakes.sql'),
  reaches: sql('reaches.sql'),
  assignments: sql('assignments.sql'),
  textOrder: sql('text-order.sql'),
}

/** Every table the index reads: its answers hold while their data versions (migration 008) do. */
export const LOCATE_INDEX_TABLES: readonly string[] = [
  ...new Set([
    'admin_areas',
    'parks',
    'basins',
    'chief_areas',
    'lakes',
    'reaches',
    ...zoneLayers().map((l) => l.id),
    'chiefs',
    'assignments',
    // Reference tables (migration 017): the regimes basin_governance() joins, the chiefs' order.
    'basin_rules',
    'chief_ranks',
  ]),
]

/** One zone layer's statement, built from the registry as locate.sql's zone lists are. */
const zoneSql = (layer: ReturnType<typeof zoneLayers>[number]) =>
  `SELECT ${zoneFeatureSql(layer)} AS j, ST_AsBinary(z.geom) AS g
     FROM ${quoteIdent(layer.id)} z WHERE z.geom IS NOT NULL ORDER BY z.id`

/** Store id and data version of each table in LOCATE_INDEX_TABLES. */
export interface IndexVersions {
  storeId: string
  versions: ReadonlyMap<string, number>
}

/** Reads the versions the index is tied to (read before the data: never newer than what is held). */
export async function readIndexVersions(db: Queryable): Promise<IndexVersions> {
  const { rows } = await db.query<{ store_id: string; table_name: string; version: number }>(SQL.versions, [
    LOCATE_INDEX_TABLES,
  ])
  return {
    storeId: rows[0]?.store_id ?? '',
    versions: new Map(rows.map((r) => [r.table_name, Number(r.version)])),
  }
}

type AdminEntry = LocateResult['admin'][number]
interface AdminItem {
  levelRank: number
  codeRank: number
  answer: AdminEntry
}
interface ScopeItem {
  id: number
  code: string
  name: string
}
interface Lines {
  tree: Flatbush | null
  boxes: [number, number, number, number][]
  lines: number[][][]
  ids: number[]
  items: (ReachRef & { distance_m: number })[]
}

function linesIndex(
  rows: {
    id: number
    code: string
    name: string
    river_code: string | null
    g: Uint8Array
  }[],
): Lines {
  const lines = rows.map((r) => geometryOfWkb<{ coordinates: number[][] }>(r.g).coordinates)
  const boxes = lines.map((line) => boxOf([[line]]))
  const tree = rows.length > 0 ? new Flatbush(rows.length) : null
  if (tree) {
    for (const box of boxes) tree.add(...box)
    tree.finish()
  }
  return {
    tree,
    boxes,
    lines,
    ids: rows.map((r) => Number(r.id)),
    items: rows.map((r) => ({
      id: Number(r.id),
      code: r.code,
      name: r.name,
      river_code: r.river_code,
      distance_m: 0,
    })),
  }
}

/** An AreaIndex of rows read with their geometry as WKB (`g`), each area's item made by `item`. */
function areaIndexOf<R extends { g: Uint8Array }, T>(rows: readonly R[], item: (row: R) => T): AreaIndex<T> {
  return new AreaIndex(
    rows.map((row) => ({ polygons: polygonsOf(geometryOfWkb<AreaGeometry>(row.g)), item: item(row) })),
  )
}

/**
 * Locate answered from memory. Build with `LocateIndex.build(db)`; `versions` are the data
 * versions it holds (compare them with the store's before answering: locate-index/kept-index.ts).
 */
export class LocateIndex {
  private constructor(
    readonly versions: IndexVersions,
    private readonly admin: AreaIndex<AdminItem>,
    private readonly parks: AreaIndex<{ codeRank: number; answer: ParkRef }>,
    private readonly basins: BasinGovernance,
    private readonly chiefAreas: AreaIndex<DutyScope>,
    private readonly lakes: AreaIndex<ScopeItem>,
    private readonly reaches: Lines,
    private readonly zones: readonly { key: string; areas: AreaIndex<Record<string, unknown>> }[],
    private readonly assignments: ReadonlyMap<string, AssignmentEntry[]>,
    private readonly textRank: ReadonlyMap<string, number>,
    /** How long the build took (ms) and the feature count held, for logs and the benchmark. */
    readonly stats: { buildMs: number; features: number },
  ) {}

  /**
   * A code's rank in the database's collation (0 when unknown). Made once per index, not per
   * locateRow: tsx (esbuild keepNames) wraps a named closure in __name() each time it is made,
   * which cost about a tenth of a locate.
   */
  private readonly codeRank = (code: string) => this.textRank.get(code) ?? 0

  /**
   * Reads every table of LOCATE_INDEX_TABLES (versions first) and indexes them. Throws what the
   * database throws. Takes about a second per 100 000 vertices (scripts/bench/locate.ts).
   */
  static async build(db: Queryable): Promise<LocateIndex> {
    const started = performance.now()
    const versions = await readIndexVersions(db)
    const q = <R>(text: string) => db.query<R>(text).then((r) => r.rows)
    const layers = zoneLayers()
    const [admin, parks, basins, rules, areas, lakes, reaches, assignments, order, ...zoneRows] =
      await Promise.all([
        q<AdminEntry & { level_rank: number; g: Uint8Array }>(SQL.admin),
        q<ParkRef & { g: Uint8Array }>(SQL.parks),
        q<{
          id: number
          code: string | null
          name: string | null
          authority: string | null
          governance: string | null
          box_area: number
          on_surface: Uint8Array
          g: Uint8Array
        }>(SQL.basins),
        q<BasinRule>(SQL.basinRules),
        q<ScopeItem & { g: Uint8Array }>(SQL.chiefAreas),
        q<ScopeItem & { g: Uint8Array }>(SQL.lakes),
        q<{
          id: number
          code: string
          name: string
          river_code: string | null
          g: Uint8Array
        }>(SQL.reaches),
        q<{
          kind: string
          code: string
          valid_from: string
          valid_to: string | null
          level_rank: number
          role_rank: number
          chief_name: string
          chief_id: string
          chief: Omit<ChiefOnDuty, 'scope'>
        }>(SQL.assignments),
        q<{ text: string; rank: number }>(SQL.textOrder),
        ...layers.map((layer) => q<{ j: Record<string, unknown>; g: Uint8Array }>(zoneSql(layer))),
      ])
    const textRank = new Map(order.map((r) => [r.text, r.rank]))
    const rank = (text: string | null) =>
      text === null ? Number.MAX_SAFE_INTEGER : (textRank.get(text) ?? 0)
    const byScope = new Map<string, AssignmentEntry[]>()
    for (const a of assignments) {
      const key = scopeKey(a.kind, a.code)
      const list = byScope.get(key) ?? []
      list.push({
        validFrom: a.valid_from,
        validTo: a.valid_to,
        levelRank: a.level_rank,
        roleRank: a.role_rank,
        nameRank: rank(a.chief_name),
        idRank: rank(a.chief_id),
        chief: a.chief,
      })
      byScope.set(key, list)
    }
    const features =
      admin.length + parks.length + basins.length + areas.length + lakes.length + reaches.length
    return new LocateIndex(
      versions,
      areaIndexOf(admin, (a) => ({
        levelRank: a.level_rank,
        codeRank: rank(a.code),
        answer: shareJson({
          id: Number(a.id),
          level: a.level,
          code: a.code,
          name: a.name,
          parent_code: a.parent_code,
        }),
      })),
      areaIndexOf(parks, (k) => ({
        codeRank: rank(k.code),
        answer: shareJson({ id: Number(k.id), code: k.code, name: k.name, committee: k.committee }),
      })),
      new BasinGovernance(
        areaIndexOf(basins, (b) => ({
          id: Number(b.id),
          code: b.code,
          name: b.name,
          authority: b.authority,
          governance: b.governance,
          boxArea: b.box_area,
          onSurface: geometryOfWkb<{ coordinates: number[] }>(b.on_surface).coordinates,
        })),
        new Map(rules.map((r) => [r.governance, r])),
      ),
      // A chief area's duty scope is the same for every point in it: made once.
      areaIndexOf(
        areas,
        (r): DutyScope => ({ kind: 'area', id: Number(r.id), code: r.code, name: r.name, distance_m: null }),
      ),
      areaIndexOf(lakes, (r) => ({ id: Number(r.id), code: r.code, name: r.name })),
      linesIndex(reaches),
      layers.map((layer: { zone: ZoneSpec }, i) => ({
        key: layer.zone.key,
        areas: areaIndexOf(zoneRows[i], (r) => shareJson(r.j)),
      })),
      byScope,
      textRank,
      {
        buildMs: performance.now() - started,
        features: features + zoneRows.reduce((n, rows) => n + rows.length, 0),
      },
    )
  }

  /**
   * The row locate.sql gives for one point: `point` [lon, lat] EPSG:4490 degrees, `date`
   * YYYY-MM-DD, `nearM` and `nearestMaxM` metres on the ellipsoid. Distances are raw metres
   * (locate.ts rounds both paths alike).
   */
  locateRow(point: readonly [number, number], date: string, nearM: number, nearestMaxM: number): LocateRow {
    const admin = this.admin
      .coveringItems(point)
      .sort((a, b) => a.levelRank - b.levelRank || a.codeRank - b.codeRank)
      .map((a) => a.answer)
    const parkHit = this.parks.coveringItems(point).sort((a, b) => a.codeRank - b.codeRank)[0]
    const park = parkHit ? parkHit.answer : null

    const [padX, padY] = degreePad(nearM, point[1])
    // The point as a unit vector, for every distance to a line: worked out once.
    const onSphere = unit(point)
    const near_reaches: ReachRef[] = []
    for (const i of this.reaches.tree?.search(
      point[0] - padX,
      point[1] - padY,
      point[0] + padX,
      point[1] + padY,
    ) ?? []) {
      const d = geographyDistanceToLines(point, [this.reaches.lines[i]], onSphere)
      if (d <= nearM) near_reaches.push({ ...this.reaches.items[i], distance_m: d })
    }
    near_reaches.sort((a, b) => a.distance_m - b.distance_m || a.id - b.id)

    const scopes: DutyScope[] = near_reaches.map((r) => ({
      kind: 'reach',
      id: r.id,
      code: r.code,
      name: r.name,
      distance_m: r.distance_m,
    }))
    for (const i of this.chiefAreas.covering(point)) scopes.push(this.chiefAreas.areas[i].item)
    for (const i of this.lakes.near(point, padX, padY)) {
      const lake = this.lakes.areas[i]
      // geography counts the water itself as 0 m (PostGIS tests containment first).
      const d = polygonCovers(lake.polygons, point)
        ? 0
        : geographyDistanceToLines(point, lake.polygons.flat(), onSphere)
      if (d <= nearM) scopes.push({ kind: 'lake', ...lake.item, distance_m: d })
    }

    const zones: Record<string, unknown[]> = {}
    for (const { key, areas } of this.zones) zones[key] = areas.coveringItems(point)

    const nearest = nearestLine(
      this.reaches.tree,
      this.reaches.boxes,
      this.reaches.lines,
      this.reaches.ids,
      point,
      nearestMaxM,
      onSphere,
    )
    return {
      i: 0,
      admin,
      park,
      basins: this.basins.at(point),
      near_reaches,
      chiefs: chiefsOnDuty(this.assignments, this.codeRank, date, scopes),
      zones: zones as LocateRow['zones'],
      nearest_reach: nearest ? { ...this.reaches.items[nearest.index], distance_m: nearest.distance } : null,
    }
  }
}
