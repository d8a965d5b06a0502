// The HTTP application, built without listening so tests drive it in-process.
import express, { type Express } from 'express'
import type { AppDeps } from './deps.ts'
import { errorHandler, notFoundHandler } from './error-handler.ts'
import { asMiddleware, firstOf } from './fast-path.ts'
import { leanLocate } from './locate-lean.ts'
import type { OperationSpec } from './openapi/operation.ts'
import { catalogueOperations, catalogueRoutes } from './routes/catalogue.ts'
import { chiefsOperations, chiefsRoutes } from './routes/chiefs.ts'
import { eventsOperations, eventsRoutes } from './routes/events.ts'
import { importOperations, importRoutes } from './routes/import.ts'
import { intrusionOperations, intrusionRoutes } from './routes/intrusion.ts'
import { locateOperations, locateRoutes } from './routes/locate.ts'
import { measurementsOperations, measurementsRoutes } from './routes/measurements.ts'
import { networkOperations, networkRoutes } from './routes/network.ts'
import { OGC_PREFIX, ogcRoutes } from './routes/ogc.ts'
import { openapiOperations, openapiRoutes } from './routes/openapi.ts'
import { patrolComplianceOperations, patrolComplianceRoutes } from './routes/patrol-compliance.ts'
import { patrolsOperations, patrolsRoutes } from './routes/patrols.ts'
import { pmtilesOperations, pmtilesRoutes } from './routes/pmtiles.ts'
import { projectGeometryOperations, projectGeometryRoutes } from './routes/project-geometry.ts'
import { registryOperations, registryRoutes } from './routes/registry.ts'
import { reportsOperations, reportsRoutes } from './routes/reports.ts'
import { searchOperations, searchRoutes } from './routes/search.ts'
import { signboardsOperations, signboardsRoutes } from './routes/signboards.ts'
import { targetsOperations, targetsRoutes } from './routes/targets.ts'
import { tilejsonOperations, tilejsonRoutes } from './routes/tilejson.ts'
import { cachedTiles, tilesOperations, tilesRoutes } from './routes/tiles.ts'
import { tokensOperations, tokensRoutes } from './routes/tokens.ts'
import { viewerRoutes } from './routes/viewer.ts'
import { tileCacheHits } from './tile-hits.ts'

/** Every operation the app serves, as the route files declare them beside their handlers. */
export const API_OPERATIONS: readonly OperationSpec[] = Object.freeze([
  ...catalogueOperations,
  ...locateOperations,
  ...intrusionOperations,
  ...projectGeometryOperations,
  ...networkOperations,
  ...chiefsOperations,
  ...searchOperations,
  ...signboardsOperations,
  ...eventsOperations,
  ...registryOperations,
  ...patrolComplianceOperations,
  ...reportsOperations,
  ...patrolsOperations,
  ...openapiOperations,
  ...importOperations,
  ...tokensOperations,
  ...pmtilesOperations,
  ...tilesOperations,
  ...tilejsonOperations,
  ...measurementsOperations,
  ...targetsOperations,
])

/**
 * The Express app over `deps.db`: every /api route, OGC API – Features at /ogc (its own 404s and
 * exception shape), the web viewer at /, JSON 404s for unknown /api paths, and the one
 * error middleware. Does not listen: see listen.ts.
 */
export function createApp(deps: AppDeps): Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('query parser', 'simple')
  const tiles = cachedTiles(deps)
  // Warm tiles and locates from the index are answered before Express by listen.ts, else before
  // the router (fast-path.ts).
  const fastPath = firstOf(tileCacheHits(tiles, deps.config), leanLocate(deps.config, deps.locateIndex))
  app.set('fast path', fastPath)
  app.use(asMiddleware(fastPath))
  // Before the JSON parser: public reports parse their own bodies, rate-limited, REPORT_MAX_BYTES.
  app.use(reportsRoutes(deps))
  // Before the JSON parser too: patrol uploads are read after their token, within PATROL_MAX_BYTES.
  app.use(patrolsRoutes(deps))
  app.use(express.json({ limit: '20mb' }))
  app.use(catalogueRoutes(deps))
  app.use(locateRoutes(deps))
  app.use(intrusionRoutes(deps))
  app.use(projectGeometryRoutes(deps))
  app.use(networkRoutes(deps))
  app.use(chiefsRoutes(deps))
  app.use(searchRoutes(deps))
  app.use(signboardsRoutes(deps))
  app.use(eventsRoutes(deps))
  app.use(registryRoutes(deps))
  app.use(patrolComplianceRoutes(deps))
  app.use(openapiRoutes(API_OPERATIONS))
  app.use(importRoutes(deps))
  app.use(tokensRoutes(deps))
  app.use(tilesRoutes(deps, tiles))
  app.use(tilejsonRoutes(deps))
  app.use(measurementsRoutes(deps))
  app.use(targetsRoutes(deps))
  // OGC API – Features has its own OpenAPI 3.0 document at /ogc/api, not in API_OPERATIONS.
  app.use(OGC_PREFIX, ogcRoutes(deps))
  app.use(pmtilesRoutes(deps))
  // The web viewer at / (web/dist); it leaves /api, /tiles, /pmtiles and /ogc to the handlers above.
  app.use(viewerRoutes())
  app.use('/api', notFoundHandler)
  app.use('/pmtiles', notFoundHandler)
  app.use(errorHandler)
  return app
}
