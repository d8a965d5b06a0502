// POST /api/project-geometry: an uploaded project outline (GeoJSON, zipped or loose shapefile) as
// one EPSG:4490 geometry to send to /api/intrusion (issue 12 item 4). Public like intrusion; no
// database is touched.
import { Router } from 'express'
import { z } from 'zod'
import { limitsFromConfig } from '../../import/import-limits.ts'
import { readProjectOutline } from '../../import/project-outline.ts'
import type { AppDeps } from '../deps.ts'
import { receiveUpload } from '../multipart-upload.ts'
import { ErrorBody, parseRequest } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { textParam } from '../openapi/parameters.ts'

// An outline is a few shapes; a public endpoint need not take an import-sized upload.
const MAX_OUTLINE_BYTES = 20 * 1048576

const Fields = z.object({
  crs: textParam('crs', 100).optional(),
  encoding: textParam('encoding', 40).optional(),
})

export const ProjectGeometryResponse = z
  .object({
    geometry: z.record(z.string(), z.unknown()).meta({ description: 'GeoJSON geometry, EPSG:4490 lon/lat' }),
    features: z.number().int(),
    crs: z.object({ used: z.string(), name: z.string(), reason: z.string() }).passthrough(),
    encoding: z.object({ used: z.string(), reason: z.string() }),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'ProjectGeometry' })

export const projectGeometryOperations: OperationSpec[] = [
  {
    method: 'post',
    path: '/api/project-geometry',
    operationId: 'projectGeometry',
    tags: ['intrusion'],
    summary:
      'Read an uploaded project outline (GeoJSON or shapefile) into one lon/lat geometry for /api/intrusion',
    requestBody: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: {
              file: {
                type: 'array',
                items: { type: 'string', format: 'binary' },
                description: 'a .zip, the .shp/.shx/.dbf/.prj/.cpg parts, or a .geojson (20 MB at most)',
              },
              crs: {
                type: 'string',
                description: 'the source CRS when the .prj is missing or wrong (EPSG:4522, gcj02…)',
              },
              encoding: {
                type: 'string',
                description: 'the DBF encoding when neither the .cpg nor the DBF says',
              },
            },
          },
        },
      },
    },
    responses: {
      200: { description: 'the outline', schema: ProjectGeometryResponse },
      400: { description: 'not one readable dataset, or no shape in it', schema: ErrorBody },
      413: { description: 'over 20 MB', schema: ErrorBody },
    },
  },
]

export function projectGeometryRoutes({ config }: AppDeps): Router {
  const router = Router()
  const limits = { ...limitsFromConfig(config), maxUploadBytes: MAX_OUTLINE_BYTES }
  router.post('/api/project-geometry', async (req, res) => {
    const upload = await receiveUpload(req, MAX_OUTLINE_BYTES)
    try {
      const fields = parseRequest(Fields, upload.fields, 'body')
      res.json(
        await readProjectOutline(upload.files, {
          ...fields,
          limits,
          unzip: { maxUnpackedBytes: 10 * MAX_OUTLINE_BYTES, maxEntries: 100 },
        }),
      )
    } finally {
      await upload.cleanup()
    }
  })
  return router
}
