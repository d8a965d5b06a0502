// The water registry as a CSV download for the public notice (向社会公告, seed §5(一)): Chinese
// headers and values, UTF-8 with a byte-order mark and CRLF records, because Excel on a Chinese
// Windows reads a BOM-less CSV as GBK and garbles it, and RFC 4180 ends records with CRLF.
import { stringify } from 'csv-stringify/sync'
import type { RegistryEntry } from './registry-list.ts'

const LAYER_ZH = { rivers: '河流渠道', lakes: '湖泊水库' } as const
const KIND_ZH = { river: '河流', canal: '渠道', lake: '湖泊', reservoir: '水库', pond: '库塘' } as const
export const LEVEL_ZH = {
  city: '市级',
  county: '县级',
  township: '乡级',
  village: '村级',
  village_group: '村小组',
} as const
export const ROLE_ZH = {
  chief_general: '总河长',
  deputy_chief_general: '副总河长',
  chief: '河长',
  specialist: '专管员',
} as const

export const REGISTRY_CSV_HEADER = [
  '类别',
  '编码',
  '名称',
  '类型',
  '管理级别',
  '流经县(市)区',
  '长度(米)',
  '面积(平方米)',
  '责任河长(湖长)',
] as const

/** One chief as the public notice names them: 姓名(级别职务，本人职务). A lake's chief is its 湖长/库长. */
function chiefText(entry: RegistryEntry, chief: RegistryEntry['chiefs'][number]): string {
  const role =
    chief.role === 'chief' && entry.layer === 'lakes'
      ? entry.kind === 'lake'
        ? '湖长'
        : '库长'
      : ROLE_ZH[chief.role]
  const title = `${LEVEL_ZH[chief.level]}${role}`
  return chief.position ? `${chief.name}(${title}，${chief.position})` : `${chief.name}(${title})`
}

/**
 * The registry entries as CSV bytes (a Buffer): the BOM, the header REGISTRY_CSV_HEADER, then one
 * CRLF-terminated record per entry in the given order. Length and area are rounded to whole m and
 * m²; counties and chiefs are joined with 、 and ；. Throws nothing.
 */
export function registryCsv(entries: readonly RegistryEntry[]): Buffer {
  const records = entries.map((e) => [
    LAYER_ZH[e.layer],
    e.code ?? '',
    e.name,
    e.kind ? KIND_ZH[e.kind] : '',
    e.management_level ? LEVEL_ZH[e.management_level] : '',
    e.counties.map((c) => c.name).join('、'),
    e.length_m === null ? '' : Math.round(e.length_m),
    e.area_m2 === null ? '' : Math.round(e.area_m2),
    e.chiefs.map((c) => chiefText(e, c)).join('；'),
  ])
  const text = stringify([[...REGISTRY_CSV_HEADER], ...records], {
    bom: true,
    record_delimiter: 'windows',
    // A value starting with = + - @ would run as a formula in Excel (CSV injection).
    escape_formulas: true,
  })
  return Buffer.from(text, 'utf8')
}
