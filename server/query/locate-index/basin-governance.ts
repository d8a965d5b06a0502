// basin_governance(point) of migration 007, from memory: the innermost basins covering a point,
// each under its own regime, else that of the smallest basin around it with one, else 'other'.
import type { Governance } from '../common-schemas.ts'
import type { Area, AreaIndex } from './area-index.ts'
import { polygonCovers } from './point-in-area.ts'

export interface BasinItem {
  id: number
  code: string | null
  name: string | null
  authority: string | null
  governance: string | null
  /** ST_Area(Box2D(geom)): the SQL's nesting and ordering key. */
  boxArea: number
  /** ST_PointOnSurface(geom). */
  onSurface: number[]
}

export interface BasinRule {
  governance: string
  authority: string
  office: string
  oversight: string
  source: string
}

/**
 * Whether `inner` nests in `outer` as the SQL has it. A module function, not a closure made per
 * call: tsx (esbuild keepNames) wraps each named closure in __name() every time it is made.
 */
function nests(outer: Area<BasinItem>, inner: Area<BasinItem>): boolean {
  return (
    inner !== outer &&
    inner.item.boxArea <= outer.item.boxArea &&
    polygonCovers(outer.polygons, inner.item.onSurface)
  )
}

/**
 * The Governance[] that basin_governance(point) returns: never empty (one entry with basin_id
 * null when no basin covers the point); smallest box first, then id. For a point, the SQL's
 * "not covered by the inner basins" clause reduces to "no reached basin nested in it": every
 * nested basin here covers the point. Nesting is the SQL's: a smaller-or-equal box and the inner
 * basin's point on surface covered by the outer.
 */
export function basinGovernance(
  basins: AreaIndex<BasinItem>,
  rules: ReadonlyMap<string, BasinRule>,
  point: readonly number[],
): Governance[] {
  const hit = basins.covering(point).map((i) => basins.areas[i])
  const entries = hit
    .filter((h) => !hit.some((i) => nests(h, i)))
    .map((inner) => {
      const up = hit
        .filter((o) => o.item.governance !== null && nests(o, inner))
        .sort((a, b) => a.item.boxArea - b.item.boxArea || a.item.id - b.item.id)[0]
      const regime = inner.item.governance ?? up?.item.governance ?? null
      return { basin: inner.item, regime, fromLayer: regime !== null }
    })
    .sort((a, b) => a.basin.boxArea - b.basin.boxArea || a.basin.id - b.basin.id)
  const governed = entries.length > 0 ? entries : [{ basin: null, regime: null, fromLayer: false }]
  return governed.map(({ basin, regime, fromLayer }) => {
    const rule = rules.get(regime ?? 'other')
    if (!rule) throw new Error(`basin_rules has no row for ${regime ?? 'other'}`)
    return {
      basin_id: basin?.id ?? null,
      basin_code: basin?.code ?? null,
      basin: basin?.name ?? null,
      governance: rule.governance,
      authority: rule.authority,
      office: rule.office,
      oversight: rule.oversight,
      managing_body: basin?.authority ?? null,
      source: fromLayer ? 'layer' : 'default',
      rule_source: rule.source,
    } as Governance
  })
}
