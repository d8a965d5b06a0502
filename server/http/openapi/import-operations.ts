// POST /api/import (routes/import.ts), declared on its behalf until that file calls
// registerOperation itself beside its handler (its own declaration then wins). The fields are
// those routes/import.ts reads; the report's shape belongs to the import pipeline.
import { z } from 'zod'
import { LAYER_IDS } from '../../layers/registry.ts'
import { ErrorBody } from './common.ts'
import { registerFallbackOperation } from './registry.ts'

registerFallbackOperation({
  method: 'post',
  path: '/api/import',
  operationId: 'importLayer',
  tags: ['import'],
  summary: 'Import a shapefile (zip or loose parts) or GeoJSON into a layer (staff)',
  security: 'bearer',
  requestBody: {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: ['layer'],
          properties: {
            file: {
              type: 'array',
              items: { type: 'string', format: 'binary' },
              description: 'a .zip, the .shp/.shx/.dbf/.prj/.cpg parts, or a .geojson',
            },
            layer: { type: 'string', enum: [...LAYER_IDS] },
            mode: { type: 'string', enum: ['append', 'replace'] },
            crs: { type: 'string', description: 'the source CRS when the .prj is missing or wrong' },
            encoding: {
              type: 'string',
              description: 'the DBF encoding when neither the .cpg nor the DBF says',
            },
            dryRun: { type: 'boolean' },
            onReject: { type: 'string', enum: ['fail', 'skip'] },
            mapping: { type: 'string', description: 'attribute mapping (JSON), or a mapping file part' },
          },
        },
      },
    },
  },
  responses: {
    200: { description: 'the import report', schema: z.record(z.string(), z.unknown()) },
    400: { description: 'unreadable input, bad options, or records refused', schema: ErrorBody },
    401: { description: 'no bearer token', schema: ErrorBody },
    403: { description: 'the token is not a staff token', schema: ErrorBody },
    413: { description: 'over MAX_UPLOAD_MB', schema: ErrorBody },
  },
})
