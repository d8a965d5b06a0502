// GET /api/openapi.json: the OpenAPI 3.1 document of the operations createApp collected from the
// route files, its own included.
import { Router } from 'express'
import { z } from 'zod'
import { buildOpenApiDocument } from '../openapi/document.ts'
import type { OperationSpec } from '../openapi/operation.ts'

export const openapiOperations: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openapi',
    tags: ['catalogue'],
    summary: 'This document',
    responses: { 200: { description: 'an OpenAPI 3.1 document', schema: z.record(z.string(), z.unknown()) } },
  },
]

/** Serves the document of `operations` (every operation the app serves), built once. */
export function openapiRoutes(operations: readonly OperationSpec[]): Router {
  const router = Router()
  const document = buildOpenApiDocument(operations, { title: 'River chief GIS API', version: '0.1.0' })
  router.get('/api/openapi.json', (_req, res) => {
    res.json(document)
  })
  return router
}
