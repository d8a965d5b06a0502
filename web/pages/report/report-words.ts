// The report page's own words (issue 13 item 5; seed §6(五) 公众举报): the public files a
// problem at a place and sees which chief, office and oversight body it went to.
import { words } from '../../i18n/index.ts'

const W = {
  heading: { zh: '公众举报', en: 'Report a problem' },
  hint: {
    zh: '在地图上点击问题所在位置，填写类别和内容后提交。',
    en: 'Click the map where the problem is, then pick a category, describe it and send.',
  },
  point: { zh: '位置', en: 'Location' },
  noPoint: { zh: '尚未选择位置：请点击地图', en: 'No location yet: click the map' },
  category: { zh: '类别', en: 'Category' },
  text: { zh: '举报内容', en: 'Description' },
  send: { zh: '提交举报', en: 'Send the report' },
  sending: { zh: '提交中…', en: 'Sending…' },
  needPoint: { zh: '请先在地图上点击问题所在位置', en: 'Click the map where the problem is first' },
  needText: { zh: '请填写举报内容', en: 'Describe the problem first' },
  filed: { zh: '举报已受理（编号 {id}）', en: 'Report received (no. {id})' },
  routedTo: { zh: '已转交', en: 'Routed to' },
  chief: { zh: '责任河长', en: 'Responsible chief' },
  noChief: { zh: '此处无责任河长，由河长办处理', en: 'No chief here: the office handles it' },
  office: { zh: '河长制办公室', en: 'River chief office' },
  oversight: { zh: '督察机构', en: 'Oversight' },
  legend: {
    zh: '举报图层：红色已受理，橙色已交办，绿色已办结',
    en: 'Report layer: red received, orange assigned, green resolved',
  },
} as const

/** The page's word `key` in the viewer's language, `{name}` placeholders filled from `vars`. */
export const w = words(W)
