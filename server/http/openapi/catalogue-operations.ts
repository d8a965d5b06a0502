// The operations of routes/catalogue.ts (health and the layer catalogue), declared on its behalf
// until that file declares them itself beside its handlers (its own declaration then wins).
import { z } from 'zod'
import { registerFallbackOperation } from './registry.ts'

const Title = z.object({ zh: z.string(), en: z.string() })

registerFallbackOperation({
  method: 'get',
  path: '/api/health',
  operationId: 'health',
  tags: ['catalogue'],
  summary: 'Is the server up, on which engine',
  responses: {
    200: {
      description: 'up',
      schema: z.object({
        status: z.literal('ok'),
        engine: z.enum(['embedded', 'server']),
        postgis: z.string(),
        postgres: z.string(),
        capabilities: z.object({ asMvt: z.boolean() }),
      }),
    },
  },
})

registerFallbackOperation({
  method: 'get',
  path: '/api/layers',
  operationId: 'listLayers',
  tags: ['catalogue'],
  summary: 'The layer catalogue: every layer with its attributes, count and extent',
  responses: {
    200: {
      description: 'the layers',
      schema: z.object({
        layers: z.array(
          z.object({
            id: z.string(),
            title: Title,
            geometryType: z.string(),
            count: z.number().int(),
            bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
            attributes: z.array(
              z.object({
                name: z.string(),
                type: z.string(),
                title: Title,
                values: z.array(z.string()).optional(),
              }),
            ),
          }),
        ),
      }),
    },
  },
})
