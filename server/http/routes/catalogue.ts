// Health and the layer catalogue: what every client asks first.
import { Router } from 'express'
import { z } from 'zod'
import { layerCatalogue } from '../../layers/layer-catalogue.ts'
import type { AppDeps } from '../deps.ts'
import { unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'

const Title = z.object({ zh: z.string(), en: z.string() })

export const catalogueOperations: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/health',
    operationId: 'health',
    tags: ['catalogue'],
    summary: 'Is the server up, on which engine',
    description: 'Asks the database a trivial question: 503 while the database is unreachable.',
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
      ...unavailableResponse,
    },
  },

  {
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
      ...unavailableResponse,
    },
  },
]

export function catalogueRoutes({ db }: AppDeps): Router {
  const router = Router()
  router.get('/api/health', async (_req, res) => {
    await db.query('SELECT 1')
    res.json({
      status: 'ok',
      engine: db.engine,
      postgis: db.capabilities.postgisVersion,
      postgres: db.capabilities.postgresVersion,
      capabilities: { asMvt: db.capabilities.asMvt },
    })
  })
  router.get('/api/layers', async (_req, res) => {
    res.json({ layers: await layerCatalogue(db) })
  })
  return router
}
