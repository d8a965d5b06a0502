// GET /api/targets?year= as the dashboard reads it (server/water-quality/targets/target.ts): each
// §2 target with its rate in its unit (a share, a class rank, a count), the target, how they
// compare, whether it is met (null: no data) and the features behind it; a failing section
// names its upstream trace.
import { term } from '../../i18n/index.ts'

export interface TargetFeature {
  layer: string
  /** Its code; the row id as text where the layer has none. */
  code: string | null
  name: string
  class: string | null
  target_class: string | null
  /** null: no data for the year, left out of the rate. */
  met: boolean | null
  /** '/api/network/upstream?section=CODE' for a failing section. */
  upstream?: string
}

export interface Target {
  id: string
  title: { zh: string; en: string }
  /** In `unit`: a share 0..1, a class rank 1 (I) … 6 (worse than V), or a count; null: no data. */
  rate: number | null
  target: number
  comparison: string
  unit: 'share' | 'class_rank' | 'count'
  met: boolean | null
  numerator: number
  denominator: number
  features: TargetFeature[]
}

export interface TargetsAnswer {
  year: number
  targets: Target[]
}

/** GB 3838-2002 classes by rank, as the API ranks them (I = 1 … worse than V = 6). */
const CLASS_BY_RANK = ['I', 'II', 'III', 'IV', 'V', 'worse_than_V']

/** A rate or target value in its unit: 72.5 % for a share, Ⅳ类 for a class rank, a count as it is. */
export function formatValue(t: Target, value: number | null): string {
  if (value === null) return '—'
  if (t.unit === 'share') return `${(value * 100).toFixed(1)} %`
  if (t.unit === 'class_rank') return term('value', CLASS_BY_RANK[Math.round(value) - 1] ?? String(value))
  return String(value)
}

/** The chart scale of `t`: percent for a share (0–100), ranks 1–6 for a class, else from zero. */
export const chartValue = (t: Target, value: number | null): number =>
  value === null ? 0 : t.unit === 'share' ? value * 100 : value

/** The section code of an upstream trace link, or null. */
export function upstreamSection(link: string | undefined): string | null {
  if (!link) return null
  return new URL(link, location.origin).searchParams.get('section')
}
