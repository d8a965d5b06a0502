// The web viewer (web/, built by Vite into web/dist) served at /. Hashed assets are cached for a
// year (their names change with their content); index.html is revalidated on every load so a
// rebuild reaches browsers at once. Any other page path (/?page=…, a deep link) gets index.html,
// but never a path of the API, tiles or OGC, whose 404s stay JSON.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import express, { type Request, type Response, Router } from 'express'

/** web/dist beside this repository's server/. */
export const VIEWER_DIST = resolve(import.meta.dirname, '../../../web/dist')

// Served by other routers: a miss there is their 404, not the viewer's page.
const NOT_THE_VIEWER = /^\/(api|tiles|pmtiles|ogc|style\.json)(\/|$)/

// Vite names built assets name-hash.ext (web/vite.config.ts, build.assetsDir 'assets').
const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

/**
 * GET/HEAD of the viewer from `dist` (default web/dist): files as they are, index.html for page
 * paths (no extension, not an API prefix). When the viewer is not built, / answers 503 with the
 * command that builds it.
 */
export function viewerRoutes(dist: string = VIEWER_DIST): Router {
  const router = Router()
  const index = join(dist, 'index.html')
  router.use(
    express.static(dist, {
      index: false,
      redirect: false,
      setHeaders(res, path) {
        res.setHeader('Cache-Control', path.includes(`${join(dist, 'assets')}`) ? IMMUTABLE : REVALIDATE)
      },
    }),
  )
  router.get(/.*/, (req: Request, res: Response, next) => {
    if (NOT_THE_VIEWER.test(req.path) || /\.[A-Za-z0-9]+$/.test(req.path)) return next()
    if (!req.accepts('html')) return next()
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('the web viewer is not built: run `npm run build:web` (npm start builds it when missing)\n')
      return
    }
    res.setHeader('Cache-Control', REVALIDATE)
    res.sendFile(index)
  })
  return router
}
