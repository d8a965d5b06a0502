// The CLI's client of POST /api/import (routes/import.ts): sends an import to the server that
// holds the embedded store, when the CLI cannot open it itself (two processes writing one PGlite
// folder would corrupt it). Same report, same rules.
import { openAsBlob } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { AppError, Unavailable } from '../errors.ts'
import type { ImportOptions } from '../import/import-options.ts'
import type { ImportReport } from '../import/import-report.ts'
import { discoverSource } from '../import/source-files.ts'

export interface RemoteImport {
  serverUrl: string
  token: string
  paths: string[]
  options: ImportOptions
  mapping?: { text: string; fileName: string }
}

/** The files to upload: a zip as it is, else the parts of the one dataset found locally. */
async function filesToSend(paths: string[]): Promise<string[]> {
  if (paths.length === 1 && /\.zip$/i.test(paths[0])) return paths
  const found = await discoverSource(paths, { maxUnpackedBytes: 0, maxEntries: 0 })
  await found.cleanup()
  const d = found.dataset
  return d.kind === 'geojson'
    ? [d.path]
    : [d.shp, d.shx, d.dbf, d.prj, d.cpg].filter((f): f is string => Boolean(f))
}

export async function importRemotely(job: RemoteImport): Promise<ImportReport> {
  const form = new FormData()
  const o = job.options
  form.set('layer', o.layer)
  form.set('mode', o.mode)
  if (o.crs) form.set('crs', o.crs)
  if (o.encoding) form.set('encoding', o.encoding)
  form.set('dryRun', String(o.dryRun))
  form.set('onReject', o.onReject)
  if (job.mapping) form.set('mapping', new Blob([job.mapping.text]), job.mapping.fileName)
  for (const path of await filesToSend(job.paths)) {
    // openAsBlob streams the file into the request instead of reading it into memory first.
    const blob = typeof openAsBlob === 'function' ? await openAsBlob(path) : new Blob([await readFile(path)])
    form.append('files', blob, basename(path))
  }
  const url = new URL('/api/import', job.serverUrl)
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${job.token}` },
      body: form,
    })
  } catch (error) {
    throw new Unavailable(`cannot reach the server at ${job.serverUrl} (${(error as Error).message})`)
  }
  const body = (await response.json().catch(() => null)) as
    | (ImportReport & { error?: undefined })
    | { error?: { code: string; message: string; details?: unknown } }
    | null
  if (!response.ok || !body || body.error) {
    const e = body?.error
    throw new AppError(
      response.status,
      e?.code ?? 'remote_error',
      e?.message ?? `the server answered ${response.status}`,
      e?.details,
    )
  }
  return body as ImportReport
}
