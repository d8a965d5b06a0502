// Patrol compliance as a CSV download, in the form of the registry's (registry-csv.ts): Chinese
// headers and values, UTF-8 with a BOM and CRLF records, so Excel on a Chinese Windows opens it.
import { stringify } from 'csv-stringify/sync'
import { LEVEL_ZH, ROLE_ZH } from '../query/registry-csv.ts'
import type { ComplianceChief } from './compliance.ts'

export const COMPLIANCE_CSV_HEADER = [
  '河长编号',
  '姓名',
  '职务',
  '级别',
  '角色',
  '应巡河次数',
  '有效巡河次数',
  '是否达标',
  '未覆盖河段(湖泊)',
] as const

const PASS_ZH = { true: '达标', false: '未达标', null: '不考核' } as const

/**
 * The compliance list as CSV bytes (a Buffer): the BOM, COMPLIANCE_CSV_HEADER, then one
 * CRLF-terminated record per chief and level in the given order. 应巡河次数 counts the owed
 * windows; 是否达标 is 达标, 未达标, or 不考核 for specialists without a frequency; uncovered
 * scopes are 名称(编码) joined with 、. Throws nothing.
 */
export function complianceCsv(chiefs: readonly ComplianceChief[]): Buffer {
  const records = chiefs.map((c) => [
    c.chief_id,
    c.name,
    c.position ?? '',
    LEVEL_ZH[c.level],
    ROLE_ZH[c.role],
    c.required,
    c.done,
    PASS_ZH[String(c.pass) as keyof typeof PASS_ZH],
    c.uncovered.map((u) => `${u.name}(${u.code})`).join('、'),
  ])
  const text = stringify([[...COMPLIANCE_CSV_HEADER], ...records], {
    bom: true,
    record_delimiter: 'windows',
    // A value starting with = + - @ would run as a formula in Excel (CSV injection).
    escape_formulas: true,
  })
  return Buffer.from(text, 'utf8')
}
