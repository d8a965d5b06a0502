// The compliance page's own words (issue 13 item 5), in the plan's terms: 巡河 is a patrol, 应巡 the
// patrols owed by the seed's frequency (§5(四)), 达标 / 未达标 pass and fail.
import { words } from '../../i18n/index.ts'

const W = {
  heading: { zh: '巡河履职考核', en: 'Patrol compliance' },
  county: { zh: '县（市、区）', en: 'County' },
  countyPick: { zh: '选择县（市、区）', en: 'Pick a county' },
  year: { zh: '年份', en: 'Year' },
  quarter: { zh: '季度', en: 'Quarter' },
  q1: { zh: '第一季度', en: 'Q1' },
  q2: { zh: '第二季度', en: 'Q2' },
  q3: { zh: '第三季度', en: 'Q3' },
  q4: { zh: '第四季度', en: 'Q4' },
  level: { zh: '级别', en: 'Level' },
  allLevels: { zh: '全部级别', en: 'All levels' },
  show: { zh: '查询', en: 'Show' },
  loading: { zh: '统计巡河中…', en: 'Counting patrols…' },
  csv: { zh: '下载 CSV', en: 'Download CSV' },
  chief: { zh: '河长', en: 'Chief' },
  required: { zh: '应巡', en: 'Required' },
  done: { zh: '有效巡河', en: 'Valid done' },
  result: { zh: '考核', en: 'Result' },
  uncovered: { zh: '未巡河段', en: 'Reaches never covered' },
  pass: { zh: '达标', en: 'Pass' },
  fail: { zh: '未达标', en: 'Fail' },
  unrated: { zh: '不考核', en: 'Not rated' },
  summary: {
    zh: '{from} 至 {to}：{chiefs} 名河长，{pass} 名达标，{fail} 名未达标',
    en: '{from} to {to}: {chiefs} chiefs, {pass} pass, {fail} fail',
  },
  none: { zh: '该县此期间没有需考核的河长', en: 'No chief to rate in this county and period' },
  legend: {
    zh: '责任范围：绿色达标，红色未达标，灰色不考核',
    en: 'Scopes: green pass, red fail, grey not rated',
  },
} as const

/** The page's word `key` in the viewer's language, `{name}` placeholders filled from `vars`. */
export const w = words(W)
