// POST /api/import: staff upload a zip (or loose shapefile parts, or GeoJSON) with the fields
// layer, mode, crs, encoding (and dryRun, onReject, mapping) and get the import report back.
import { Router } from 'express'
import { requireRole } from '../../auth/require-role.ts'
import { limitsFromConfig } from '../../import/import-limits.ts'
import { parseImportOptions } from '../../import/import-options.ts'
import { runImport } from '../../import/import-pipeline.ts'
import { receiveUpload } from '../../import/multipart-upload.ts'
import type { AppDeps } from '../deps.ts'

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
