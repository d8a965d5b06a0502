// The categories a public report is filed under (migration 015), with the titles the public
// reads. The seed's tasks name what the public most often sees: water pollution and outfalls
// (§4(三)), rubbish dumped on banks and encroachment on the waterway (乱占、乱堆、乱建, §4(二)),
// illegal sand mining (乱采, §4(二)); anything else is 'other'.
import { REPORT_CATEGORIES } from '../layers/registry.ts'

export type ReportCategory = (typeof REPORT_CATEGORIES)[number]

export const CATEGORY_TITLES: Readonly<Record<ReportCategory, { zh: string; en: string }>> = {
  pollution: { zh: '水体污染', en: 'Water pollution' },
  dumping: { zh: '乱倒垃圾', en: 'Rubbish dumping' },
  encroachment: { zh: '侵占河道', en: 'Encroachment on the waterway' },
  sand_mining: { zh: '非法采砂', en: 'Illegal sand mining' },
  outfall: { zh: '违法排污口', en: 'Illegal sewage outfall' },
  other: { zh: '其他', en: 'Other' },
}

export { REPORT_CATEGORIES }
