// The viewer's static route and the build-on-start check: what a browser gets at / and at a
// deep link, the cache headers of hashed assets and of index.html, that API paths keep their JSON
// 404s, the 503 when the viewer is not built, and when npm start decides to rebuild.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notFoundHandler } from '../../server/http/error-handler.ts'
import { viewerRoutes } from '../../server/http/routes/viewer.ts'
import { viewerBuildStale } from '../../server/viewer-build.ts'

function serve(dist: string) {
  const app = express()
  app.use(viewerRoutes(dist))
  app.use('/api', notFoundHandler)
  const server = app.listen(0, '127.0.0.1')
  return {
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    ready: new Promise<void>((resolve) => server.once('listening', () => resolve())),
  }
}

describe('viewer route', () => {
  const root = mkdtempSync(join(tmpdir(), 'rcgis-viewer-'))
  const dist = join(root, 'dist')
  const missing = join(root, 'not-built')
  let built: ReturnType<typeof serve>
  let unbuilt: ReturnType<typeof serve>
  beforeAll(async () => {
    mkdirSync(join(dist, 'assets'), { recursive: true })
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>viewer</title>')
    writeFileSync(join(dist, 'assets', 'index-Abc123.js'), 'console.log(1)')
    built = serve(dist)
    unbuilt = serve(missing)
    await Promise.all([built.ready, unbuilt.ready])
  })
  afterAll(async () => {
    await Promise.all([built.close(), unbuilt.close()])
    rmSync(root, { recursive: true, force: true })
  })

  it('answers / and a deep link with index.html, revalidated on every load', async () => {
    for (const path of ['/', '/?page=trace', '/trace/KM-JC-001']) {
      const res = await fetch(`${built.url()}${path}`, { headers: { accept: 'text/html' } })
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(await res.text()).toContain('<title>viewer</title>')
    }
  })

  it('serves hashed assets as immutable for a year', async () => {
    const res = await fetch(`${built.url()}/assets/index-Abc123.js`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('content-type')).toMatch(/javascript/)
  })

  it('leaves API, tile and OGC paths and missing files to their own 404s', async () => {
    const api = await fetch(`${built.url()}/api/nothing`, { headers: { accept: 'text/html' } })
    expect(api.status).toBe(404)
    expect(await api.json()).toEqual({ error: { code: 'not_found', message: 'no route for GET /nothing' } })
    for (const path of ['/tiles/x', '/ogc/x', '/pmtiles/x', '/style.json', '/assets/gone-123.js']) {
      const res = await fetch(`${built.url()}${path}`, { headers: { accept: 'text/html' } })
      expect(res.status, path).toBe(404)
      expect(await res.text(), path).not.toContain('<title>viewer</title>')
    }
  })

  it('answers 503 naming the build command when the viewer is not built', async () => {
    const res = await fetch(`${unbuilt.url()}/`, { headers: { accept: 'text/html' } })
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('npm run build:web')
  })
})

describe('viewerBuildStale', () => {
  it('is stale when dist is missing, or older than a source or the lock file, and fresh otherwise', () => {
    const web = mkdtempSync(join(tmpdir(), 'rcgis-web-'))
    try {
      const lock = join(web, 'lock.json')
      writeFileSync(lock, '{}')
      mkdirSync(join(web, 'map'))
      writeFileSync(join(web, 'map', 'create-map.ts'), '')
      utimesSync(lock, 1000, 1000)
      utimesSync(join(web, 'map', 'create-map.ts'), 2000, 2000)
      expect(viewerBuildStale(web, lock)).toBe(true)

      mkdirSync(join(web, 'dist'))
      writeFileSync(join(web, 'dist', 'index.html'), '')
      utimesSync(join(web, 'dist', 'index.html'), 3000, 3000)
      expect(viewerBuildStale(web, lock)).toBe(false)

      // Output newer than the build, inside dist, is not a source.
      writeFileSync(join(web, 'dist', 'late.js'), '')
      expect(viewerBuildStale(web, lock)).toBe(false)

      utimesSync(join(web, 'map', 'create-map.ts'), 4000, 4000)
      expect(viewerBuildStale(web, lock)).toBe(true)
      utimesSync(join(web, 'map', 'create-map.ts'), 2000, 2000)
      utimesSync(lock, 5000, 5000)
      expect(viewerBuildStale(web, lock)).toBe(true)
    } finally {
      rmSync(web, { recursive: true, force: true })
    }
  })
})
