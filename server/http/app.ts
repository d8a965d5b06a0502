// The HTTP application, built without listening so tests drive it in-process.
import express, { type Express } from 'express'
import type { AppDeps } from './deps.ts'
import { errorHandler, notFoundHandler } from './error-handler.ts'
import { catalogueRoutes } from './routes/catalogue.ts'
import { chiefsRoutes } from './routes/chiefs.ts'
import { importRoutes } from './routes/import.ts'
import { intrusionRoutes } from './routes/intrusion.ts'
import { locateRoutes } from './routes/locate.ts'
import { networkRoutes } from './routes/network.ts'
import { openapiRoutes } from './routes/openapi.ts'

export function createApp(deps: AppDeps): Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('query parser', 'simple')
  app.use(express.json({ limit: '20mb' }))
  app.use(catalogueRoutes(deps))
  app.use(locateRoutes(deps))
  app.use(intrusionRoutes(deps))
  app.use(networkRoutes(deps))
  app.use(chiefsRoutes(deps))
  app.use(openapiRoutes(deps))
  app.use(importRoutes(deps))
  app.use('/api', notFoundHandler)
  app.use(errorHandler)
  return app
}
