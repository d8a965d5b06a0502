// The options of an import, as the CLI flags and the HTTP form fields give them, checked once.
import { z } from 'zod'
import { isDatabaseText } from '../db/database-text.ts'
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

const notText = 'holds a NUL character or an unpaired surrogate, which is not text'

const schema = z.object({
  layer: z.string({ error: 'layer is required' }),
  mode: z.enum(['append', 'replace'], { error: 'mode must be append or replace' }).default('append'),
  crs: z.string().trim().max(200, 'crs is at most 200 characters').refine(isDatabaseText, notText).optional(),
  encoding: z
    .string()
    .trim()
    .max(40, 'encoding is at most 40 characters')
    .refine(isDatabaseText, notText)
    .optional(),
  dryRun: flag.default(false),
  onReject: z.enum(['fail', 'skip'], { error: 'onReject must be fail or skip' }).default('fail'),
})

export function parseImportOptions(input: Record<string, unknown>): ImportOptions {
  const picked = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = schema.safeParse(picked)
  if (!parsed.success) {
    // Each problem names its option, as the CLI flag and the form field both call it.
    const problems = parsed.error.issues.map((i) => {
      const name = i.path.map(String).join('.')
      return name && !i.message.startsWith(name) ? `${name}: ${i.message}` : i.message
    })
    throw new BadRequest(problems.join('; '))
  }
  const { layer, ...rest } = parsed.data
  if (!(LAYER_IDS as readonly string[]).includes(layer))
    throw new BadRequest(`layer: unknown layer '${layer.slice(0, 100)}'; layers are ${LAYER_IDS.join(', ')}`)
  return {
    layer: layer as LayerId,
    ...rest,
    crs: rest.crs || undefined,
    encoding: rest.encoding || undefined,
  }
}
