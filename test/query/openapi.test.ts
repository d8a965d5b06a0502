// The OpenAPI document is generated from the same zod schemas the routes validate with; this
// checks it is well formed and that it and the app's routes are the same set of operations.
import type { Router } from 'express'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config.ts'
import type { Database } from '../../server/db/database.ts'
import { API_OPERATIONS, createApp } from '../../server/http/app.ts'
import { buildOpenApiDocument } from '../../server/http/openapi/document.ts'
import { type OperationSpec, openApiPath } from '../../server/http/openapi/operation.ts'
import { startClient } from './http-client.ts'

// Building the app and serving the document never touches the database.
const noDatabase = new Proxy(
  {},
  { get: () => () => Promise.reject(new Error('no database here')) },
) as Database

interface Layer {
  route?: { path: string | RegExp; methods: Record<string, boolean> }
  handle?: { stack?: Layer[] }
}

/** Every METHOD /path the app answers, walking nested routers. */
function appRoutes(stack: Layer[]): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const { path, methods } = layer.route
      // A RegExp route (the viewer's client-side paths) is no API operation.
      if (typeof path !== 'string') return []
      return Object.keys(methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${openApiPath(path)}`)
    }
    return layer.handle?.stack ? appRoutes(layer.handle.stack) : []
  })
}

describe('OpenAPI document', () => {
  let doc: any
  beforeAll(async () => {
    const client = await startClient(noDatabase)
    const reply = await client.get('/api/openapi.json')
    await client.close()
    expect(reply.status).toBe(200)
    doc = reply.body
  })

  it('documents exactly the routes the app serves', () => {
    const app = createApp({ db: noDatabase, config: loadConfig({ DEMO: '0' }) })
    // Every /api route is documented; routes elsewhere (OGC API's own document) may be left out,
    // but whatever is documented (/pmtiles, /tiles too) must be served.
    const allServed = appRoutes((app as unknown as { router: Router }).router.stack as Layer[])
    const served = allServed.filter((r) => r.split(' ')[1].startsWith('/api/'))
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`),
    )
    for (const route of served) {
      expect(
        documented,
        `${route} has no OpenAPI operation: export it from its route file and list it in API_OPERATIONS`,
      ).toContain(route)
    }
    for (const op of documented) expect(allServed, `${op} is documented but not served`).toContain(op)
    expect(documented).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'GET /api/layers',
        'GET /api/locate',
        'POST /api/locate',
        'POST /api/intrusion',
        'GET /api/network/upstream',
        'GET /api/network/downstream',
        'GET /api/chiefs',
        'GET /api/chiefs/{id}',
        'GET /api/openapi.json',
      ]),
    )
  })

  it('is OpenAPI 3.1 with unique operation ids, declared path parameters and resolvable $refs', () => {
    expect(doc.openapi).toBe('3.1.0')
    const ids = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops as object).map((o) => o.operationId),
    )
    expect(new Set(ids).size).toBe(ids.length)
    for (const [path, ops] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
      for (const op of Object.values(ops as Record<string, any>)) {
        const declared = op.parameters
          .filter((p: { in: string }) => p.in === 'path')
          .map((p: { name: string }) => p.name)
        expect(declared.sort(), path).toEqual(names.sort())
        expect(op.responses['200'] ?? op.responses['201'], `${path} success response`).toBeDefined()
      }
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1],
    )
    expect(refs.length).toBeGreaterThan(0)
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty(ref)
    expect(JSON.stringify(doc)).not.toContain('#/$defs/')
  })

  it('describes the locate parameters with their types and requirements', () => {
    const params = doc.paths['/api/locate'].get.parameters
    expect(params.find((p: { name: string }) => p.name === 'lon')).toMatchObject({
      in: 'query',
      required: true,
      schema: { type: 'number' },
    })
    expect(params.find((p: { name: string }) => p.name === 'date')).toMatchObject({
      required: false,
      schema: { format: 'date' },
    })
    const body = doc.paths['/api/intrusion'].post.requestBody.content['application/json'].schema
    expect(body.properties.buffer_m).toMatchObject({ type: 'number', minimum: 0 })
    expect(doc.components.schemas.ChiefOnDuty.properties.level.enum).toContain('village_group')
  })

  it('is regenerated identically from the operations the app collects (no hidden state)', () => {
    const again = buildOpenApiDocument(API_OPERATIONS, { title: doc.info.title, version: doc.info.version })
    expect(JSON.parse(JSON.stringify(again))).toEqual(doc)
  })
})

describe('operations list', () => {
  const op = (path: string): OperationSpec => ({
    method: 'get',
    path,
    operationId: path.replaceAll('/', '_'),
    summary: 'test only',
    tags: [],
    responses: { 200: { description: 'ok' } },
  })

  it('documents exactly the list it is given, sorted by path', () => {
    const doc = buildOpenApiDocument([op('/api/b'), op('/api/a')], { title: 't', version: '0' })
    expect(Object.keys(doc.paths as object)).toEqual(['/api/a', '/api/b'])
  })

  it('refuses an operation declared twice', () => {
    expect(() => buildOpenApiDocument([op('/api/a'), op('/api/a')], { title: 't', version: '0' })).toThrow(
      /GET \/api\/a is declared twice/,
    )
  })
})
