// The shape of one 2020 target (seed §2) as GET /api/targets answers it, and the two ways a
// target is scored: a share of features that meet it, or a count that must stay at zero.
import { z } from 'zod'
import { WATER_CLASSES } from '../../layers/registry.ts'

export const TargetFeature = z
  .object({
    layer: z.string().meta({ description: 'the layer (table) the feature is from' }),
    code: z
      .string()
      .nullable()
      .meta({ description: 'its code; the row id as text where the layer has none' }),
    name: z.string(),
    class: z.enum(WATER_CLASSES).nullable().meta({ description: 'its class for the year; null: no data' }),
    target_class: z.enum(WATER_CLASSES).nullable(),
    met: z.boolean().nullable().meta({ description: 'null: no data, so it is left out of the rate' }),
    worst_section: z.string().nullable().optional().meta({
      description: 'a water body judged by several sections: the one that sets its class',
    }),
    sections: z.array(z.string()).optional().meta({ description: 'the sections that judge it' }),
    samples: z.number().int().optional().meta({ description: 'a section: its measurements that year' }),
    area_m2: z.number().optional().meta({ description: 'a wetland: its geodesic area, m²' }),
    status: z
      .string()
      .optional()
      .meta({ description: 'a black and odorous water: its status at the year end' }),
    upstream: z.string().optional().meta({
      description: 'a failing feature: the upstream trace of its (worst) section, 水质恶化倒查 (seed §5(五))',
    }),
  })
  .meta({ id: 'TargetFeature' })
export type TargetFeature = z.infer<typeof TargetFeature>

export const Target = z
  .object({
    id: z.string(),
    title: z.object({ zh: z.string(), en: z.string() }),
    source: z.string().meta({ description: 'where the target is set, e.g. seed §2' }),
    rate: z
      .number()
      .nullable()
      .meta({ description: 'a share 0..1, a class rank 1..6 or a count; null: no data' }),
    target: z.number(),
    comparison: z.enum(['>=', '<=', '=']),
    unit: z.enum(['share', 'class_rank', 'count']),
    met: z.boolean().nullable().meta({ description: 'null when the denominator is 0 (no data)' }),
    numerator: z.number(),
    denominator: z.number(),
    class: z.enum(WATER_CLASSES).nullable().optional(),
    target_class: z.enum(WATER_CLASSES).optional(),
    features: z.array(TargetFeature),
  })
  .meta({ id: 'Target' })
export type Target = z.infer<typeof Target>

/** The upstream trace of a section, as GET /api/network/upstream takes it. */
export const upstreamLink = (section: string) =>
  `/api/network/upstream?section=${encodeURIComponent(section)}`

/** Adds the upstream link to a feature that fails, traced from `section` (seed §5(五)). */
export function withUpstream(feature: TargetFeature, section: string | null | undefined): TargetFeature {
  return feature.met === false && section ? { ...feature, upstream: upstreamLink(section) } : feature
}

type Head = Pick<Target, 'id' | 'title' | 'source'>

/**
 * A target on the share of features that meet theirs: numerator = features with met true,
 * denominator = features with met known (true or false); features without data (met null) are
 * listed but not counted. rate = numerator / denominator, met = rate >= `target`; both null when
 * the denominator is 0.
 */
export function shareTarget(head: Head, target: number, features: TargetFeature[]): Target {
  const numerator = features.filter((f) => f.met === true).length
  const denominator = features.filter((f) => f.met !== null).length
  const rate = denominator ? numerator / denominator : null
  return {
    ...head,
    rate,
    target,
    comparison: '>=',
    unit: 'share',
    met: rate === null ? null : rate >= target,
    numerator,
    denominator,
    features,
  }
}

/**
 * A target that no feature may fail ("消除…", 0 left): rate = numerator = features with met false,
 * denominator = features with met known; met = no failing feature; rate and met null when the
 * denominator is 0 (nothing known, rather than a zero that was never counted).
 */
export function zeroTarget(head: Head, features: TargetFeature[]): Target {
  const numerator = features.filter((f) => f.met === false).length
  const denominator = features.filter((f) => f.met !== null).length
  return {
    ...head,
    rate: denominator ? numerator : null,
    target: 0,
    comparison: '=',
    unit: 'count',
    met: denominator ? numerator === 0 : null,
    numerator,
    denominator,
    features,
  }
}
