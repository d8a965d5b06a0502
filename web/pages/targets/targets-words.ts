// The targets dashboard's own words (issue 13 item 5): the seed's §2 goals for 2020 (主要目标),
// each rate against its target, 达标 / 未达标, and the features behind it.
import { words } from '../../i18n/index.ts'

const W = {
  heading: { zh: '2020 年水质目标（§2）', en: '2020 water targets (§2)' },
  year: { zh: '年份', en: 'Year' },
  show: { zh: '计算', en: 'Compute' },
  loading: { zh: '计算目标中…', en: 'Computing the targets…' },
  rate: { zh: '现状', en: 'Now' },
  target: { zh: '目标', en: 'Target' },
  met: { zh: '达标', en: 'Met' },
  notMet: { zh: '未达标', en: 'Not met' },
  noData: { zh: '无数据', en: 'No data' },
  latest: { zh: '最新监测年份', en: 'Latest measured year' },
  count: { zh: '{n} / {d}', en: '{n} of {d}' },
  features: { zh: '相关要素（{n}）', en: 'Features behind it ({n})' },
  feature: { zh: '名称', en: 'Name' },
  cls: { zh: '水质', en: 'Class' },
  targetClass: { zh: '目标水质', en: 'Target class' },
  result: { zh: '结果', en: 'Result' },
  trace: { zh: '向上游倒查', en: 'Trace upstream' },
  summary: { zh: '{year} 年：{met} / {all} 项目标达标', en: '{year}: {met} of {all} targets met' },
  none: { zh: '无目标数据', en: 'No target data' },
} as const

/** The page's word `key` in the viewer's language, `{name}` placeholders filled from `vars`. */
export const w = words(W)
