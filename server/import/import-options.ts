// The options of an import, as the CLI flags and the HTTP form fields give them, checked once.
import { z } from 'zod'
import { BadRequest } from '../errors.ts'
import { LAYER_IDS, type LayerId } from '../layers/registry.ts'
import type { LoadMode } from '../load/layer-record.ts'

export interface ImportOptions {
  layer: LayerId
  mode: LoadMode
  crs?: string
  encoding?: string
  dryRun: boolean
  onReject: 'fail' | 'skip'
}

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', ''])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes' || v === 'on')

const schema = z.object({
  layer: z.string({ error: 'layer is required' }),
  mode: z.enum(['append', 'replace'], { error: 'mode must be append or replace' }).default('append'),
  crs: z.string().trim().max(200).optional(),
  encoding: z.string().trim().max(40).optional(),
  dryRun: flag.default(false),
  onReject: z.enum(['fail', 'skip'], { error: 'onReject must be fail or skip' }).default('fail'),
})

export function parseImportOptions(input: Record<string, unknown>): ImportOptions {
  const picked = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = schema.safeParse(picked)
  if (!parsed.success) throw new BadRequest(parsed.error.issues.map((i) => i.message).join('; '))
  const { layer, ...rest } = parsed.data
  if (!(LAYER_IDS as readonly string[]).includes(layer))
    throw new BadRequest(`unknown layer '${layer}'; layers are ${LAYER_IDS.join(', ')}`)
  return {
    layer: layer as LayerId,
    ...rest,
    crs: rest.crs || undefined,
    encoding: rest.encoding || undefined,
  }
}
