// Cross-origin reads of map data (issue 9 §5): another site's MapLibre page reads our tiles,
// TileJSON and PMTiles archives, and must see ETag (revalidation) and Content-Range (PMTiles
// range reads), which browsers hide from scripts unless exposed.
import cors from 'cors'
import type { RequestHandler } from 'express'
import type { Config } from '../config.ts'

/**
 * CORS for GET/HEAD answers of map data: `CORS_ORIGIN` '*' allows any origin, else a
 * comma-separated list of origins is allowed (answered with Vary: Origin). Preflights get 204.
 */
export function mapDataCors(config: Pick<Config, 'CORS_ORIGIN'>): RequestHandler {
  const origins = config.CORS_ORIGIN.split(',').map((o) => o.trim())
  return cors({
    origin: origins.includes('*') ? '*' : origins,
    methods: ['GET', 'HEAD'],
    exposedHeaders: ['ETag', 'Content-Range', 'Content-Length'],
  })
}
