// POST /api/import: staff upload a zip (or loose shapefile parts, or GeoJSON) with the fields
// layer, mode, crs, encoding (and dryRun, onReject, mapping) and get the import report back.
import { Router } from 'express'
import { z } from 'zod'
import { requireRole } from '../../auth/require-role.ts'
import { limitsFromConfig } from '../../import/import-limits.ts'
import { parseImportOptions } from '../../import/import-options.ts'
import { runImport } from '../../import/import-pipeline.ts'
import { LAYER_IDS } from '../../layers/registry.ts'
import type { AppDeps } from '../deps.ts'
import { receiveUpload } from '../multipart-upload.ts'
import { ErrorBody, unavailableResponse } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'

export const importOperations: OperationSpec[] = [
  {
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
      ...unavailableResponse,
    },
  },
]

export function importRoutes({ db, config }: AppDeps): Router {
  const router = Router()
  const limits = limitsFromConfig(config)
  router.post('/api/import', requireRole(db, 'staff'), async (req, res) => {
    const upload = await receiveUpload(req, limits.maxUploadBytes)
    try {
      const f = upload.fields
      const options = parseImportOptions({
        layer: f.layer,
        mode: f.mode,
        crs: f.crs,
        encoding: f.encoding,
        dryRun: f.dryRun ?? f.dry_run ?? f['dry-run'],
        onReject: f.onReject,
      })
      const mapping =
        upload.mappingFile ?? (f.mapping ? { text: f.mapping, fileName: 'the mapping field' } : undefined)
      const report = await runImport(db, {
        paths: upload.files,
        ...options,
        mapping,
        actor: res.locals.actor as string,
        limits,
        // A zip may not unpack to more than ten times the upload limit (zip bombs).
        unzip: { maxUnpackedBytes: 10 * limits.maxUploadBytes, maxEntries: 1000 },
      })
      res.json(report)
    } finally {
      await upload.cleanup()
    }
  })
  return router
}
