// The registry stores enumerations as English codes ('first', 'county', 'worse_than_V');
// delivered tables write them as Chinese terms (一级, 县级, 劣Ⅴ类). These are the terms of the
// domain (seed §3 levels, GB 3838-2002 classes, shoreline and source-protection guidance).
const TERMS: Record<string, string[]> = {
  city: ['市', '市级', '州市', '市控'],
  county: [
    '县',
    '县级',
    '区',
    '县区',
    '县(市)区',
    '县（市）区',
    '县市区',
    '园区',
    '开发区',
    '度假区',
    '县控',
  ],
  township: ['乡', '镇', '乡镇', '乡级', '镇级', '街道', '乡镇(街道)', '乡镇（街道）'],
  village: ['村', '村级', '社区', '村(社区)', '村（社区）'],
  village_group: ['村小组', '小组', '组'],
  national: ['国家', '国家级', '国控', '国考'],
  provincial: ['省', '省级', '省控', '省考'],
  I: ['Ⅰ', 'Ⅰ类', 'I类', '1类', '一类'],
  II: ['Ⅱ', 'Ⅱ类', 'II类', '2类', '二类'],
  III: ['Ⅲ', 'Ⅲ类', 'III类', '3类', '三类'],
  IV: ['Ⅳ', 'Ⅳ类', 'IV类', '4类', '四类'],
  V: ['Ⅴ', 'Ⅴ类', 'V类', '5类', '五类'],
  worse_than_V: ['劣Ⅴ', '劣Ⅴ类', '劣V', '劣V类', '劣五类', '劣5类'],
  protection: ['保护区', '岸线保护区'],
  reserve: ['保留区', '岸线保留区'],
  controlled_use: ['控制利用区', '岸线控制利用区'],
  development: ['开发利用区', '岸线开发利用区'],
  first: ['一级', '一级保护区', '一级区'],
  second: ['二级', '二级保护区', '二级区'],
  quasi: ['准保护区', '准保护', '准保'],
  red: ['红', '红色', '红区'],
  yellow: ['黄', '黄色', '黄区'],
  green: ['绿', '绿色', '绿区'],
  river: ['河', '河流', '河道', '河流湿地'],
  canal: ['渠', '渠道', '沟渠'],
  lake: ['湖', '湖泊', '湖泊湿地'],
  marsh: ['沼泽', '沼泽湿地'],
  waterside: ['临水控制线', '临水线', '临水边界线'],
  outer: ['外缘控制线', '外缘线', '外缘边界线'],
  built_up: ['建成区', '城市建成区'],
  outside_built_up: ['非建成区', '建成区外'],
  not_started: ['未整治', '未开工', '未启动'],
  remediated: ['已整治', '已完成整治', '完成整治', '已消除'],
  reservoir: ['水库'],
  pond: ['塘', '库塘', '坝塘', '塘坝', '池塘'],
  groundwater: ['地下水'],
  prohibited: ['禁采', '禁采区'],
  restricted: ['限采', '限采区'],
  cold: ['冷水', '冷'],
  hot: ['热水', '热', '地热水', '温泉'],
  // A black and odorous water's remediation under way; a report being handled says the same words.
  in_progress: ['处理中', '办理中', '整治中', '治理中'],
  // A public report's statuses (migration 015), also under the names they had before it.
  received: ['open', '待处理', '未处理', '受理', '已受理', '待受理', '已接收'],
  assigned: ['in_progress', '处理中', '办理中', '交办', '已交办', '已分派', '已派单'],
  resolved: ['closed', '已处理', '已办结', '办结', '已完成', '已解决'],
}

// A term may stand for a code in several enumerations ('处理中': a remediation or a report in hand).
const canonical = new Map<string, string[]>()
for (const [code, terms] of Object.entries(TERMS))
  for (const term of terms) canonical.set(term, [...(canonical.get(term) ?? []), code])

// A column repeats a handful of terms thousands of times: each answer is remembered.
const memo = new WeakMap<readonly string[], Map<string, string | null>>()

/** The allowed value a delivered term stands for, or null. Case is ignored for Latin codes. */
export function enumerationValue(raw: string, allowed: readonly string[]): string | null {
  let answers = memo.get(allowed)
  if (!answers) {
    answers = new Map()
    memo.set(allowed, answers)
  }
  const known = answers.get(raw)
  if (known !== undefined) return known
  const answer = lookup(raw, allowed)
  if (answers.size < 10_000) answers.set(raw, answer)
  return answer
}

function lookup(raw: string, allowed: readonly string[]): string | null {
  const value = raw.trim()
  const direct = allowed.find((a) => a.toLowerCase() === value.toLowerCase())
  if (direct) return direct
  const codes = canonical.get(value.replace(/\s+/g, '')) ?? []
  return codes.find((code) => allowed.includes(code)) ?? null
}
