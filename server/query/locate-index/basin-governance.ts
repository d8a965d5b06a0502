// basin_governance(point) of migration 007, from memory: the innermost basins covering a point,
// each under its own regime, else that of the smallest basin around it with one, else 'other'.
import type { Governance } from '../common-schemas.ts'
import { shareJson } from '../locate-json.ts'
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

/** Whether `inner` nests in `outer` as the SQL has it (both positions in the basins' index). */
function nests(outer: Area<BasinItem>, inner: Area<BasinItem>): boolean {
  return (
    inner !== outer &&
    inner.item.boxArea <= outer.item.boxArea &&
    polygonCovers(outer.polygons, inner.item.onSurface)
  )
}

/**
 * basin_governance(point) over one index's basins and rules. Its entries depend only on the basin
 * and the regime found, so each is made once and shared between answers (locate-json.ts): it is
 * about 300 bytes of Chinese text that would otherwise be built and encoded for every locate.
 */
export class BasinGovernance {
  /** Answers by `${basin id} ${regime}` ('none' for no basin). */
  private readonly made = new Map<string, Governance>()
  /**
   * nests(outer, inner) by `outer × count + inner`, worked out when first asked: it depends on
   * the two basins alone, and a point asks it of every pair of basins covering it.
   */
  private readonly nesting = new Map<number, boolean>()

  constructor(
    private readonly basins: AreaIndex<BasinItem>,
    private readonly rules: ReadonlyMap<string, BasinRule>,
  ) {}

  /**
   * The Governance[] that basin_governance(point) returns for `point` ([lon, lat] EPSG:4490):
   * never empty (one entry with basin_id null when no basin covers the point); smallest box
   * first, then id. For a point, the SQL's "not covered by the inner basins" clause reduces to
   * "no reached basin nested in it": every nested basin here covers the point. Nesting is the
   * SQL's: a smaller-or-equal box and the inner basin's point on surface covered by the outer.
   * Throws when basin_rules has no row for a regime (migration 007 seeds every one).
   */
  at(point: readonly number[]): Governance[] {
    const hit = this.basins.covering(point)
    const entries = hit
      .filter((h) => !hit.some((i) => this.nests(h, i)))
      .map((i) => {
        const inner = this.basins.areas[i].item
        const up = hit
          .filter((o) => this.basins.areas[o].item.governance !== null && this.nests(o, i))
          .map((o) => this.basins.areas[o].item)
          .sort((a, b) => a.boxArea - b.boxArea || a.id - b.id)[0]
        return { basin: inner, regime: inner.governance ?? up?.governance ?? null }
      })
      .sort((a, b) => a.basin.boxArea - b.basin.boxArea || a.basin.id - b.basin.id)
    if (entries.length === 0) return [this.answer(null, null)]
    return entries.map(({ basin, regime }) => this.answer(basin, regime))
  }

  /** nests() of the basins at positions `outer` and `inner`, memoized. */
  private nests(outer: number, inner: number): boolean {
    const key = outer * this.basins.areas.length + inner
    let known = this.nesting.get(key)
    if (known === undefined) {
      known = nests(this.basins.areas[outer], this.basins.areas[inner])
      this.nesting.set(key, known)
    }
    return known
  }

  private answer(basin: BasinItem | null, regime: string | null): Governance {
    const key = basin ? `${basin.id} ${regime}` : 'none'
    let made = this.made.get(key)
    if (!made) {
      const rule = this.rules.get(regime ?? 'other')
      if (!rule) throw new Error(`basin_rules has no row for ${regime ?? 'other'}`)
      made = shareJson({
        basin_id: basin?.id ?? null,
        basin_code: basin?.code ?? null,
        basin: basin?.name ?? null,
        governance: rule.governance,
        authority: rule.authority,
        office: rule.office,
        oversight: rule.oversight,
        managing_body: basin?.authority ?? null,
        source: regime !== null ? 'layer' : 'default',
        rule_source: rule.source,
      } as Governance)
      this.made.set(key, made)
    }
    return made
  }
}
