// Health and the layer catalogue: what every client asks first.
import { Router } from 'express'
import { layerCatalogue } from '../../layers/layer-catalogue.ts'
import type { AppDeps } from '../deps.ts'

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
