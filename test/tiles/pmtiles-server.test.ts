// Serving PMTiles archives from TILES_DIR with no database: tiles (200/204/304/400/404), TileJSON
// with absolute URLs, the archive file with HTTP ranges and ETag, archive names that cannot
// leave the folder, and the pmtiles reader's own HTTP source reading the archive through us.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PMTiles, zxyToTileId } from 'pmtiles'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/db/database.ts'
import { ArchiveWriter } from '../../tiles/pmtiles/archive-writer.ts'
import { type RunningApp, serveApp } from '../support/http.ts'

// Every database call fails: the archive routes must not make any.
const noDatabase = new Proxy(
  {},
  { get: () => () => Promise.reject(new Error('no database here')) },
) as Database

const root = mkdtempSync(join(tmpdir(), 'rcgis-pmtiles-http-'))
const tilesDir = join(root, 'archives')
mkdirSync(tilesDir)
const bytes = (text: string) => new TextEncoder().encode(text)
const metadata = {
  name: 'demo',
  vector_layers: [{ id: 'reaches', fields: { name: 'String' }, minzoom: 0, maxzoom: 2 }],
}

async function writeDemoArchive(name: string, tiles: [number, number, number, string][]) {
  const writer = await ArchiveWriter.create(join(tilesDir, `${name}.pmtiles`))
  const sorted = tiles.map(([z, x, y, t]) => [zxyToTileId(z, x, y), t] as const).sort((a, b) => a[0] - b[0])
  for (const [id, text] of sorted) await writer.addTile(id, bytes(text))
  await writer.finish({
    minZoom: 0,
    maxZoom: 2,
    bounds: [102.1, 24.3, 103.7, 26.5],
    center: [102.7, 25.0, 1],
    metadata,
  })
}

let app: RunningApp
beforeAll(async () => {
  await writeDemoArchive('demo', [
    [0, 0, 0, 'world'],
    [1, 1, 0, 'north-east'],
    [2, 3, 1, 'kunming'],
  ])
  // A PMTiles file beside (not in) TILES_DIR: no name may reach it.
  writeFileSync(join(root, 'secret.pmtiles'), 'outside the folder')
  app = await serveApp(noDatabase, { TILES_DIR: tilesDir, PUBLIC_URL: 'https://gis.example.cn/rc' })
})
afterAll(async () => {
  await app?.close()
  rmSync(root, { recursive: true, force: true })
})

const get = (path: string, headers: Record<string, string> = {}) => fetch(app.url + path, { headers })

describe('GET /pmtiles/{name}/{z}/{x}/{y}.mvt', () => {
  it('answers the stored tile uncompressed, or gzip when the client accepts it', async () => {
    const plain = await get('/pmtiles/demo/2/3/1.mvt', { 'accept-encoding': 'identity' })
    expect(plain.status).toBe(200)
    expect(plain.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile')
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(await plain.text()).toBe('kunming')
    const gzipped = await get('/pmtiles/demo/1/1/0.mvt', { 'accept-encoding': 'gzip' })
    expect(gzipped.status).toBe(200)
    expect(gzipped.headers.get('content-encoding')).toBe('gzip')
    expect(await gzipped.text()).toBe('north-east') // fetch decodes gzip
  })

  it('answers 204 for an address the archive has no tile for, also past its zooms', async () => {
    expect((await get('/pmtiles/demo/1/0/0.mvt')).status).toBe(204)
    expect((await get('/pmtiles/demo/5/3/1.mvt')).status).toBe(204)
    expect((await get('/pmtiles/demo/30/0/0.mvt')).status).toBe(204)
  })

  it('answers 400 for an address that is no tile, 404 for an unknown archive', async () => {
    for (const path of [
      '/pmtiles/demo/2/4/0.mvt',
      '/pmtiles/demo/2/0/4.mvt',
      '/pmtiles/demo/31/0/0.mvt',
      '/pmtiles/demo/a/0/0.mvt',
      '/pmtiles/demo/1/-1/0.mvt',
      '/pmtiles/demo/1/0.5/0.mvt',
    ]) {
      const reply = await get(path)
      expect(reply.status, path).toBe(400)
      expect((await reply.json()).error.code).toBe('bad_request')
    }
    const unknown = await get('/pmtiles/nowhere/0/0/0.mvt')
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error.message).toMatch(/nowhere/)
    expect((await get('/pmtiles/demo/0/0/0.png')).status).toBe(404)
  })

  it('gives one ETag per tile and version of the archive; If-None-Match answers 304', async () => {
    const tags = await Promise.all(
      [1, 2, 3].map(async () => (await get('/pmtiles/demo/0/0/0.mvt')).headers.get('etag')),
    )
    expect(new Set(tags).size).toBe(1)
    expect(tags[0]).toMatch(/^"[^"]+"$/)
    expect((await get('/pmtiles/demo/2/3/1.mvt')).headers.get('etag')).not.toBe(tags[0])
    const cached = await get('/pmtiles/demo/0/0/0.mvt', { 'if-none-match': tags[0]! })
    expect(cached.status).toBe(304)
    // A new export replacing the archive is a new version: the old tag no longer matches.
    await writeDemoArchive('replaced', [[0, 0, 0, 'old world']])
    const before = (await get('/pmtiles/replaced/0/0/0.mvt')).headers.get('etag')!
    await new Promise((resolve) => setTimeout(resolve, 20))
    await writeDemoArchive('replaced', [[0, 0, 0, 'new world']])
    const after = await get('/pmtiles/replaced/0/0/0.mvt', { 'if-none-match': before })
    expect(after.status).toBe(200)
    expect(await after.text()).toBe('new world')
  })

  it('lets another site’s page read tiles (CORS), with ETag exposed', async () => {
    const reply = await get('/pmtiles/demo/0/0/0.mvt', { origin: 'https://other.example.org' })
    expect(reply.headers.get('access-control-allow-origin')).toBe('*')
    expect(reply.headers.get('access-control-expose-headers')).toMatch(/ETag/)
  })
})

describe('archive names never leave TILES_DIR', () => {
  it('refuses names with a path in them, encoded or not, without reading anything outside', async () => {
    for (const name of [
      '..%2Fsecret',
      '%2E%2E%2Fsecret',
      '..%5Csecret',
      '.hidden',
      '%2Fetc%2Fpasswd',
      'a%00b',
    ]) {
      for (const path of [
        `/pmtiles/${name}.pmtiles`,
        `/pmtiles/${name}.json`,
        `/pmtiles/${name}/0/0/0.mvt`,
      ]) {
        const reply = await get(path)
        const body = await reply.text()
        expect([400, 404], `${path} → ${reply.status}`).toContain(reply.status)
        expect(body).not.toContain('outside the folder')
      }
    }
    const traversal = await get('/pmtiles/..%2Fsecret.pmtiles')
    expect(traversal.status).toBe(400)
    expect((await traversal.json()).error.message).toMatch(/name/)
  })
})

describe('a file in TILES_DIR that is not an archive', () => {
  it('answers 500 in our JSON body, with no stack trace or file contents, and HEAD of a good archive answers its size', async () => {
    writeFileSync(join(tilesDir, 'broken.pmtiles'), 'not a PMTiles archive at all')
    for (const path of ['/pmtiles/broken/0/0/0.mvt', '/pmtiles/broken.json']) {
      const reply = await get(path)
      expect(reply.status, path).toBe(500)
      const body = await reply.text()
      expect(JSON.parse(body).error.code).toBe('internal')
      expect(body).not.toMatch(/ at |\.ts:|magic|not a PMTiles/)
    }
    const head = await fetch(`${app.url}/pmtiles/demo.pmtiles`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(Number(head.headers.get('content-length'))).toBe(
      readFileSync(join(tilesDir, 'demo.pmtiles')).length,
    )
  })
})

describe('GET /pmtiles/{name}.json', () => {
  it('is TileJSON 3.0.0 with the header’s zooms, bounds and center, and absolute tile URLs from PUBLIC_URL', async () => {
    const reply = await get('/pmtiles/demo.json')
    expect(reply.status).toBe(200)
    const tilejson = await reply.json()
    expect(tilejson).toMatchObject({
      tilejson: '3.0.0',
      tiles: ['https://gis.example.cn/rc/pmtiles/demo/{z}/{x}/{y}.mvt'],
      vector_layers: metadata.vector_layers,
      minzoom: 0,
      maxzoom: 2,
      bounds: [102.1, 24.3, 103.7, 26.5],
      center: [102.7, 25, 1],
    })
    expect((await get('/pmtiles/nowhere.json')).status).toBe(404)
  })

  it('builds URLs from X-Forwarded-* only when TRUST_PROXY is set', async () => {
    const proxied = await serveApp(noDatabase, { TILES_DIR: tilesDir, TRUST_PROXY: 'true' })
    try {
      const headers = {
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'map.km.gov.cn',
        'x-forwarded-prefix': '/gis',
      }
      const tilejson = await (await fetch(`${proxied.url}/pmtiles/demo.json`, { headers })).json()
      expect(tilejson.tiles).toEqual(['https://map.km.gov.cn/gis/pmtiles/demo/{z}/{x}/{y}.mvt'])
    } finally {
      await proxied.close()
    }
  })
})

describe('GET /pmtiles/{name}.pmtiles', () => {
  const file = () => readFileSync(join(tilesDir, 'demo.pmtiles'))

  it('sends the whole archive with a strong ETag, and 304 on If-None-Match', async () => {
    const reply = await get('/pmtiles/demo.pmtiles')
    expect(reply.status).toBe(200)
    expect(reply.headers.get('accept-ranges')).toBe('bytes')
    const etag = reply.headers.get('etag')!
    expect(etag).toMatch(/^"[^"]+"$/) // strong: the pmtiles reader ignores W/ tags
    expect(Buffer.from(await reply.arrayBuffer()).equals(file())).toBe(true)
    expect((await get('/pmtiles/demo.pmtiles', { 'if-none-match': etag })).status).toBe(304)
  })

  it('answers a byte range with 206 and Content-Range, a suffix range too', async () => {
    const size = file().length
    const head = await get('/pmtiles/demo.pmtiles', { range: 'bytes=0-126' })
    expect(head.status).toBe(206)
    expect(head.headers.get('content-range')).toBe(`bytes 0-126/${size}`)
    const body = Buffer.from(await head.arrayBuffer())
    expect(body.equals(file().subarray(0, 127))).toBe(true)
    expect(body.subarray(0, 7).toString()).toBe('PMTiles')
    const tail = await get('/pmtiles/demo.pmtiles', { range: 'bytes=-10' })
    expect(tail.status).toBe(206)
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`)
    expect(Buffer.from(await tail.arrayBuffer()).equals(file().subarray(size - 10))).toBe(true)
    // The reader asks for 16 KiB at offset 0 of any archive: the part that exists is sent.
    const first = await get('/pmtiles/demo.pmtiles', { range: 'bytes=0-16383' })
    expect(first.status).toBe(206)
    expect(first.headers.get('content-range')).toBe(`bytes 0-${size - 1}/${size}`)
  })

  it('answers 416 with the size in Content-Range for a range past the end', async () => {
    const size = file().length
    const reply = await get('/pmtiles/demo.pmtiles', { range: `bytes=${size}-${size + 10}` })
    expect(reply.status).toBe(416)
    expect(reply.headers.get('content-range')).toBe(`bytes */${size}`)
    expect((await reply.json()).error.code).toBeTypeOf('string')
  })

  it('is read tile by tile by the pmtiles reader’s HTTP source (what MapLibre’s pmtiles protocol uses)', async () => {
    const reader = new PMTiles(`${app.url}/pmtiles/demo.pmtiles`)
    const tile = await reader.getZxy(2, 3, 1)
    expect(new TextDecoder().decode(tile!.data)).toBe('kunming')
    expect(await reader.getZxy(1, 0, 0)).toBeUndefined()
    expect((await reader.getHeader()).etag).toMatch(/^"/)
  })

  it('exposes Content-Range and ETag to another site’s page', async () => {
    const reply = await get('/pmtiles/demo.pmtiles', {
      origin: 'https://other.example.org',
      range: 'bytes=0-9',
    })
    expect(reply.headers.get('access-control-allow-origin')).toBe('*')
    expect(reply.headers.get('access-control-expose-headers')).toMatch(/Content-Range/)
  })
})
