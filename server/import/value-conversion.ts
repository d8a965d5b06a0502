// Turns a source value into what a layer attribute stores, or says why it cannot. A value that
// cannot be converted is never forced: the attribute stays empty, the raw value goes to extra,
// and the record number and reason go into the report.
import type { AttributeSpec } from '../layers/registry.ts'
import type { AttributeValue } from '../load/layer-record.ts'
import { enumerationValue } from './value-synonyms.ts'

export type Converted = { ok: true; value: AttributeValue } | { ok: false; problem: string }

const INT32 = 2 ** 31

function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

const pad = (n: number) => String(n).padStart(2, '0')

/** YYYY-MM-DD from 2013-01-02, 2013/1/2, 2013.1.2, 2013年1月2日, 20130102. */
function toDate(value: unknown): string | null {
  const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : ''
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return validDate(y, mo, d) ? `${m[1]}-${pad(mo)}-${pad(d)}` : null
}

/**
 * An ISO timestamp. Times written without a zone are China Standard Time (UTC+8): that is the
 * clock of every patrol app and office that produces these files.
 */
function toTimestamp(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null
  const s = String(value).trim()
  const date = toDate(s)
  if (date) return `${date}T00:00:00+08:00`
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
      s,
    )
  if (!m) return null
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number)
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || se > 60) return null
  const zone = m[8]
    ? m[8].toUpperCase() === 'Z'
      ? 'Z'
      : m[8].replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')
    : '+08:00'
  const iso = `${m[1]}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(se)}${m[7] ?? ''}${zone}`
  return Number.isNaN(Date.parse(iso)) ? null : iso
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value !== 'string' || value.trim() === '') return null
  const n = Number(value.trim())
  return Number.isFinite(n) && !/^0x/i.test(value.trim()) ? n : null
}

const shown = (value: unknown) => JSON.stringify(value).slice(0, 60)

export function convertValue(value: unknown, attribute: AttributeSpec): Converted {
  if (value === null || value === undefined || value === '') return { ok: true, value: null }
  switch (attribute.type) {
    case 'text': {
      const s = text(value)
      if (!attribute.values) return { ok: true, value: s }
      const allowed = enumerationValue(s, attribute.values)
      return allowed
        ? { ok: true, value: allowed }
        : { ok: false, problem: `${shown(value)} is not one of ${attribute.values.join(', ')}` }
    }
    case 'integer': {
      const n = toNumber(value)
      if (n === null) return { ok: false, problem: `${shown(value)} is not a number` }
      if (!Number.isInteger(n)) return { ok: false, problem: `${shown(value)} is not a whole number` }
      if (n < -INT32 || n >= INT32)
        return { ok: false, problem: `${shown(value)} is out of the integer range` }
      return { ok: true, value: n }
    }
    case 'number': {
      const n = toNumber(value)
      return n === null ? { ok: false, problem: `${shown(value)} is not a number` } : { ok: true, value: n }
    }
    case 'date': {
      const d = toDate(value)
      return d ? { ok: true, value: d } : { ok: false, problem: `${shown(value)} is not a date (YYYY-MM-DD)` }
    }
    case 'timestamp': {
      const t = toTimestamp(value)
      return t ? { ok: true, value: t } : { ok: false, problem: `${shown(value)} is not a date and time` }
    }
  }
}

// A UTF-16 surrogate without its partner: JSON.parse lets "\ud800" through, but it has no UTF-8
// form, and PostgreSQL refuses it in jsonb ("Unicode low surrogate must follow a high surrogate").
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g')

/**
 * A source value made storable by PostgreSQL, which refuses NUL (U+0000) in text and jsonb and
 * lone surrogates in jsonb. Text ends at the first NUL, as GDAL reads it (OGR strings are C
 * strings); a lone surrogate becomes U+FFFD. Objects and arrays (GeoJSON properties kept in
 * extra) are cleaned throughout, keys included.
 * Output: the value (the same object when nothing changed) and what was changed, for the report.
 */
export function storableValue(value: unknown): { value: unknown; changes: string[] } {
  const changes = new Set<string>()
  const clean = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let s = v
      const nul = s.indexOf('\0')
      if (nul >= 0) {
        s = s.slice(0, nul)
        changes.add('text cut at a NUL character (U+0000), which PostgreSQL cannot store')
      }
      if (LONE_SURROGATE.test(s)) {
        s = s.replace(LONE_SURROGATES, '\uFFFD')
        changes.add('a lone UTF-16 surrogate, which has no UTF-8 form, replaced by U+FFFD')
      }
      return s
    }
    if (Array.isArray(v)) return v.map(clean)
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [clean(k), clean(x)]))
    return v
  }
  const out = clean(value)
  return changes.size === 0 ? { value, changes: [] } : { value: out, changes: [...changes] }
}
