// An import, start to end: find the dataset → read it (shapefile or GeoJSON, streamed) →
// decode its text → reproject to EPSG:4490 → map attributes → loadLayer, which stages, repairs
// and loads in one transaction and writes the import log. The CLI and POST /api/import both
// call runImport and get the same report.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import type { Database } from '../db/database.ts'
import { BadRequest } from '../errors.ts'
import { getLayer, type LayerId } from '../layers/registry.ts'
import type { LoadMode, LoadOptions } from '../load/layer-record.ts'
import { loadLayer, logImportFailure } from '../load/load-layer.ts'
import { AttributeMapper } from './attribute-mapping.ts'
import { crsReport, type ResolvedCrs, resolveImportCrs } from './crs.ts'
import { GeoJsonReader } from './geojson-reader.ts'
import { type ImportLimits, tooManyFeatures } from './import-limits.ts'
import type { ImportReport } from './import-report.ts'
import { parseMappingFile } from './mapping-file.ts'
import { RecordFlow } from './record-flow.ts'
import { createReprojector } from './reproject.ts'
import { ShapefileDataset } from './shapefile-dataset.ts'
import { type DiscoveredSource, discoverSource } from './source-files.ts'
import type { SourceRecord } from './source-record.ts'
import type { UnzipLimits } from './zip.ts'

export interface ImportRequest {
  /** A zip, a folder, a .shp/.geojson, or the loose files of one dataset. */
  paths: string[]
  layer: LayerId
  mode: LoadMode
  crs?: string
  encoding?: string
  mapping?: { text: string; fileName: string }
  dryRun?: boolean
  /** 'skip' loads the good records and lists the rest; the default refuses the whole file. */
  onReject?: 'fail' | 'skip'
  /** Who imports: 'cli:<user>' or 'token:<label>'. */
  actor: string
  limits: ImportLimits
  unzip?: UnzipLimits
  /** Called as the source is read: bytes done of bytes in all. */
  onProgress?: (done: number, total: number) => void
}

async function sha256(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer)
    bytes += (chunk as Buffer).length
  }
  return { bytes, sha256: hash.digest('hex') }
}

export interface OpenSource {
  format: 'shapefile' | 'geojson'
  encoding: { used: string; reason: string }
  fields: string[] | null
  crs: () => ResolvedCrs
  records: AsyncIterable<SourceRecord[]>
  progress: () => [number, number]
  warnings: () => string[]
  featureCount: number | null
  /** Known to hold no records (a shapefile whose header says so). */
  empty: boolean
  close(): Promise<void>
}

/** Opens the dataset `found` for reading: its encoding, CRS and records (also used by project-outline.ts). */
export async function openSource(
  found: DiscoveredSource,
  request: Pick<ImportRequest, 'crs' | 'encoding' | 'limits'>,
): Promise<OpenSource> {
  const dataset = found.dataset
  const crsGiven = Boolean(request.crs)
  if (dataset.kind === 'shapefile') {
    const shapefile = await ShapefileDataset.open(dataset, {
      encoding: request.encoding,
      limits: request.limits,
      crsGiven,
    })
    const { header } = shapefile.shp
    let crs: ResolvedCrs
    try {
      crs = resolveImportCrs({
        explicit: request.crs,
        prj: shapefile.prjFileName ? { crs: shapefile.prj, fileName: shapefile.prjFileName } : undefined,
        format: 'shapefile',
        bounds: shapefile.extent,
      })
    } catch (error) {
      await shapefile.close()
      throw error
    }
    return {
      format: 'shapefile',
      encoding: { used: shapefile.encoding.label, reason: shapefile.encoding.reason },
      fields: shapefile.fields,
      crs: () => crs,
      records: shapefile.records(),
      progress: () => [shapefile.shp.bytesRead, shapefile.shp.size],
      warnings: () => [...new Set([...crs.warnings, ...shapefile.warnings])],
      featureCount: shapefile.dbf?.hasFields ? shapefile.dbf.header.recordCount : null,
      empty: header.fileLength <= 100,
      close: () => shapefile.close(),
    }
  }
  const reader = await GeoJsonReader.open(
    dataset.path,
    basename(dataset.path),
    request.encoding ?? null,
    request.limits,
  )
  let crs: ResolvedCrs | null = null
  const resolve = () => {
    crs ??= resolveImportCrs({ explicit: request.crs, geojsonCrs: reader.crsName(), format: 'geojson' })
    return crs
  }
  return {
    format: 'geojson',
    encoding: request.encoding
      ? { used: request.encoding, reason: `--encoding ${request.encoding}` }
      : { used: 'utf-8', reason: 'GeoJSON is UTF-8 (RFC 8259)' },
    fields: null,
    crs: resolve,
    records: reader.records(crsGiven),
    progress: () => [reader.bytesRead, reader.size],
    warnings: () => [...(crs?.warnings ?? []), ...reader.warnings],
    featureCount: null,
    empty: false,
    close: async () => {},
  }
}

export async function runImport(db: Database, request: ImportRequest): Promise<ImportReport> {
  const started = performance.now()
  const layer = getLayer(request.layer)
  const unzip = request.unzip ?? { maxUnpackedBytes: Number.POSITIVE_INFINITY, maxEntries: 10_000 }
  const options: LoadOptions = {
    mode: request.mode,
    actor: request.actor,
    source: { fileName: basename(request.paths[0] ?? '') },
    onReject: request.onReject ?? 'fail',
    dryRun: request.dryRun,
  }
  let loading = false
  let found: DiscoveredSource | null = null
  let source: OpenSource | null = null
  try {
    found = await discoverSource(request.paths, unzip)
    options.source = { fileName: found.primary.name }
    const dataset = found.dataset
    const files =
      dataset.kind === 'shapefile'
        ? [dataset.shp, dataset.shx, dataset.dbf, dataset.prj, dataset.cpg]
        : [dataset.path]
    const hashed = Promise.all(
      [found.primary.path, ...files.filter((f): f is string => Boolean(f) && f !== found!.primary.path)].map(
        async (path) => ({
          name: basename(path),
          ...(await sha256(path)),
        }),
      ),
    )
    // Known as soon as hashed, so even a failure row written mid-stream names the file's hash.
    hashed.then(
      ([primary]) => {
        options.source = { ...options.source, sha256: primary.sha256 }
      },
      () => {}, // awaited below; an early failure must not leave it unhandled
    )

    const mapping = request.mapping
      ? parseMappingFile(request.mapping.text, request.mapping.fileName, layer)
      : undefined
    const mapper = new AttributeMapper(layer, mapping)
    source = await openSource(found, request)
    if (source.featureCount !== null && source.featureCount > request.limits.maxFeatures)
      throw tooManyFeatures(request.limits)
    if (source.fields) {
      mapper.prepare(source.fields)
      const unfillable = mapper.unfillable()
      if (unfillable.length > 0 && !source.empty)
        throw new BadRequest(
          `layer ${layer.id} needs ${unfillable.map((a) => `${a.name} (${a.title.zh})`).join(', ')}, but no field of ` +
            `${found.primary.name} maps to it (fields: ${source.fields.join(', ') || 'none'}; aliases: ` +
            `${unfillable.map((a) => a.aliases.join('/')).join('; ')}). Map one in a mapping file, e.g. ` +
            `{"fields": {"MC": "${unfillable[0].name}"}} or {"defaults": {"${unfillable[0].name}": "…"}}`,
          { missing: unfillable.map((a) => a.name) },
          'required_attribute_unmapped',
        )
    }
    const open = source
    const firstCrs = source.format === 'shapefile' ? source.crs() : null
    options.source = {
      ...options.source,
      crs: firstCrs?.used,
      encoding: source.encoding.used,
      encodingReason: source.encoding.reason,
    }

    const flow = new RecordFlow(mapper, () => createReprojector(open.crs()), request.limits, {
      progress: request.onProgress ? () => request.onProgress!(...open.progress()) : undefined,
      // Everything the log row needs is settled before loadLayer writes it, after staging.
      beforeEnd: async () => {
        const crs = open.crs()
        const [primary] = await hashed
        options.source = { ...options.source, crs: crs.used, sha256: primary.sha256 }
        options.skipped = flow.skippedCount
        // The log keeps what a reviewer needs later; record lists are capped at MAX_LISTED.
        options.report = {
          format: open.format,
          crs: crsReport(crs),
          mapping: mapper.used(),
          unmappedFields: [...mapper.unmappedFields],
          skipped: flow.skipped,
          dropped: flow.dropped,
          droppedCount: flow.droppedCount,
          conversionProblems: flow.conversionProblems,
          conversionProblemCount: flow.conversionProblemCount,
          warnings: [...open.warnings(), ...flow.notes],
          files: await hashed,
        }
      },
    })
    options.rejected = flow.rejected

    loading = true
    const result = await loadLayer(db, request.layer, flow.layerRecords(open.records), options)
    request.onProgress?.(...open.progress())
    const crs = open.crs()
    const fileHashes = await hashed
    return {
      layer: layer.id,
      mode: request.mode,
      fileName: found.primary.name,
      sha256: fileHashes[0].sha256,
      files: fileHashes,
      format: source.format,
      crs: crsReport(crs),
      encoding: source.encoding,
      counts: {
        read: result.read,
        inserted: result.inserted,
        repaired: result.repaired.length,
        skipped: result.skipped,
        rejected: result.rejected.length,
      },
      repaired: result.repaired.slice(0, 1000),
      rejected: result.rejected.slice(0, 1000),
      skipped: flow.skipped,
      dropped: flow.dropped,
      droppedCount: flow.droppedCount,
      conversionProblems: flow.conversionProblems,
      conversionProblemCount: flow.conversionProblemCount,
      unmappedFields: [...mapper.unmappedFields],
      mapping: mapper.used(),
      warnings: [...source.warnings(), ...flow.notes],
      importId: result.importId,
      dryRun: Boolean(request.dryRun),
      ...(request.dryRun
        ? {
            sample: {
              rows: flow.sampleRows,
              features: { type: 'FeatureCollection', features: flow.sampleFeatures },
            },
          }
        : {}),
      durationMs: Math.round(performance.now() - started),
    }
  } catch (error) {
    // loadLayer logs its own failures; a refusal before it started is logged here.
    if (!loading && !request.dryRun) await logImportFailure(db, request.layer, options, error)
    throw error
  } finally {
    await source?.close().catch(() => {})
    await found?.cleanup()
  }
}
