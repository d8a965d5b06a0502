// Who manages a place follows from its basin (domain.md, "Who manages what"): inside the 滇池 basin
// the Dianchi Management Bureau and the Dianchi basin river chief office, elsewhere the Water
// Affairs Bureau and the city office; the People's Congress group oversees 滇池 and 阳宗海, the
// CPPCC group everything else. The basin layer's own attributes win when they are filled in.
import type { Governance } from './common-schemas.ts'

export interface BasinRow {
  id: number
  code: string | null
  name: string
  authority: string | null
  office: string | null
  oversight: string | null
}

// Names as domain.md gives them.
const DIANCHI = { authority: '市滇池管理局', office: '滇池流域河长制办公室' }
const ELSEWHERE = { authority: '市水务局', office: '市河长制办公室' }
const NPC_GROUP = '人大督察组'
const CPPCC_GROUP = '政协督察组'

function ruleFor(name: string | null) {
  const dianchi = !!name?.includes('滇池')
  const npc = dianchi || !!name?.includes('阳宗海')
  return { ...(dianchi ? DIANCHI : ELSEWHERE), oversight: npc ? NPC_GROUP : CPPCC_GROUP }
}

/**
 * `basins` are those containing the place, most specific first. `inCity` says the place is inside
 * the administrative areas even if no basin polygon covers it: the "elsewhere" rule then applies.
 * Nowhere at all gives null.
 */
export function governanceOf(basins: BasinRow[], inCity: boolean): Governance | null {
  const basin = basins[0]
  if (!basin) {
    if (!inCity) return null
    return { basin_id: null, basin_code: null, basin: null, ...ruleFor(null), source: 'rule' }
  }
  const rule = ruleFor(basin.name)
  const complete = basin.authority && basin.office && basin.oversight
  return {
    basin_id: basin.id,
    basin_code: basin.code,
    basin: basin.name,
    authority: basin.authority || rule.authority,
    office: basin.office || rule.office,
    oversight: basin.oversight || rule.oversight,
    source: complete ? 'layer' : 'rule',
  }
}
