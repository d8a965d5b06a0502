// GET /api/openapi.json: the OpenAPI 3.1 document of every operation registered by the route files.
import { Router } from 'express'
import { z } from 'zod'
import '../openapi/catalogue-operations.ts'
import '../openapi/import-operations.ts'
import type { AppDeps } from '../deps.ts'
import { buildOpenApiDocument } from '../openapi/document.ts'
import { listOperations, registerOperation } from '../openapi/registry.ts'

registerOperation({
  method: 'get',
  path: '/api/openapi.json',
  operationId: 'openapi',
  tags: ['catalogue'],
  summary: 'This document',
  responses: { 200: { description: 'an OpenAPI 3.1 document', schema: z.record(z.string(), z.unknown()) } },
})

export function openapiRoutes(_deps: AppDeps): Router {
  const router = Router()
  let cached: unknown = null
  router.get('/api/openapi.json', (_req, res) => {
    // Built on first request, when every route file has registered its operations.
    cached ??= buildOpenApiDocument(listOperations(), { title: 'River chief GIS API', version: '0.1.0' })
    res.json(cached)
  })
  return router
}
