// A shapefile as one source: .shp shapes and .dbf rows read in step, the encoding resolved
// before the first row is decoded, and the two files checked to belong together.
import { createReadStream } from 'node:fs'
import { open, readFile, stat } from 'node:fs/promises'
import type { Bounds } from '../crs/extent.ts'
import { BadRequest } from '../errors.ts'
import { type EncodingChoice, resolveDbfEncoding } from './dbf-encoding.ts'
import { DbfReader, parseDbfHeader } from './dbf-reader.ts'
import type { ImportLimits } from './import-limits.ts'
import { type PrjCrs, readPrj } from './prj.ts'
import { recordsExtent } from './shapefile-extent.ts'
import { ShpReader } from './shapefile-reader.ts'
import type { ShapefileSource } from './source-files.ts'
import type { SourceRecord } from './source-record.ts'

const base = (path: string) => path.split(/[/\\]/).pop()!
const BATCH = 256

async function readHead(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/** A sidecar text file; one larger than `limit` is not what its extension promises. */
async function sidecar(path: string | undefined, limit: number): Promise<Buffer | null> {
  if (!path) return null
  const { size } = await stat(path)
  return size > limit ? Buffer.concat([await readHead(path, 200), Buffer.from(' …')]) : readFile(path)
}

export class ShapefileDataset {
  readonly warnings: string[] = []

  private constructor(
    readonly source: ShapefileSource,
    readonly shp: ShpReader,
    readonly dbf: DbfReader | null,
    readonly encoding: EncodingChoice,
    readonly prj: PrjCrs | null,
    readonly prjFileName: string | null,
    /** The records' extent (never the header's bounding box), null when they hold no vertex. */
    readonly extent: Bounds | null,
  ) {
    this.warnings.push(...shp.warnings)
    if (dbf) this.warnings.push(...dbf.warnings)
    if (!source.dbf) this.warnings.push(`${base(source.shp)} has no .dbf: the records have no attributes`)
  }

  static async open(
    source: ShapefileSource,
    options: { encoding?: string; limits: ImportLimits; crsGiven: boolean },
  ): Promise<ShapefileDataset> {
    // The .prj is checked first, so a broken one is refused before anything heavier is read;
    // with --crs it is not read at all (the user has overruled it).
    const prjBytes = options.crsGiven ? null : await sidecar(source.prj, 64 << 10)
    const prjFileName = source.prj ? base(source.prj) : null
    const prj = prjBytes ? readPrj(prjBytes, prjFileName!) : null

    let encoding: EncodingChoice = { label: 'utf-8', reason: 'no .dbf, so no text to decode' }
    let dbf: DbfReader | null = null
    if (source.dbf) {
      const dbfPath = source.dbf
      const header = parseDbfHeader(await readHead(dbfPath, 65_536), base(dbfPath))
      const cpgBytes = options.encoding ? null : await sidecar(source.cpg, 1024)
      encoding = await resolveDbfEncoding({
        explicit: options.encoding,
        cpg: cpgBytes ? { text: cpgBytes.toString('utf8'), fileName: base(source.cpg!) } : undefined,
        languageDriver: header.languageDriver,
        textBytes: async function* () {
          for (const f of header.fields) yield f.nameBytes
          yield* createReadStream(dbfPath, { start: header.headerLength, highWaterMark: 1 << 20 })
        },
      })
      dbf = await DbfReader.open(dbfPath, base(dbfPath), encoding.label)
    }

    let shp: ShpReader
    let extent: Bounds | null
    try {
      // A pass over the records before the import's own: the CRS is judged from them.
      extent = await recordsExtent(source.shp, base(source.shp), options.limits)
      shp = await ShpReader.open(source.shp, base(source.shp), options.limits)
    } catch (error) {
      await dbf?.close()
      throw error
    }
    const dataset = new ShapefileDataset(source, shp, dbf, encoding, prj, prjFileName, extent)
    try {
      await dataset.checkCounts()
    } catch (error) {
      await dataset.close()
      throw error
    }
    return dataset
  }

  /** With a .shx the record count is known before reading; a mismatch means foreign files. */
  private async checkCounts() {
    if (!this.dbf?.hasFields || !this.source.shx) return
    const { size } = await stat(this.source.shx)
    const shxCount = (size - 100) / 8
    if (Number.isInteger(shxCount) && shxCount !== this.dbf.header.recordCount)
      throw new BadRequest(
        `${base(this.source.shx)} indexes ${shxCount} shapes but ${base(this.source.dbf!)} holds ${this.dbf.header.recordCount} rows: the files do not belong together`,
      )
  }

  get fields(): string[] {
    const names = this.dbf?.header.fields.map((f) => f.name) ?? []
    // dBASE names are cut to 10 bytes, so two columns can end up with one name.
    const seen = new Map<string, number>()
    return names.map((n) => {
      const count = (seen.get(n) ?? 0) + 1
      seen.set(n, count)
      return count === 1 ? n : `${n}_${count}`
    })
  }

  /** Records in arrays of up to `BATCH`: one promise per batch rather than per record. */
  async *records(): AsyncGenerator<SourceRecord[]> {
    const fields = this.fields
    const withRows = this.dbf?.hasFields ?? false
    let batch: SourceRecord[] = []
    for (;;) {
      const shape = await this.shp.next()
      if (!shape) break
      const row = withRows ? await this.dbf!.next() : null
      if (withRows && !row)
        throw new BadRequest(
          `${base(this.source.dbf!)} ends at row ${this.dbf!.count} but ${base(this.source.shp)} has more shapes: the files do not belong together`,
        )
      const record: SourceRecord = {
        recordNo: shape.recordNo,
        geometry: shape.geometry,
        problem: shape.problem,
        dropped: shape.dropped,
        fields: row ? fields : [],
        values: row ? row.values : [],
        decodingProblems: row?.problems,
      }
      if (row?.deleted) {
        record.geometry = null
        record.problem = undefined
        record.skipReason = 'deleted in the .dbf'
      }
      batch.push(record)
      if (batch.length === BATCH) {
        yield batch
        batch = []
      }
    }
    if (batch.length > 0) yield batch
    this.warnings.push(...this.shp.warnings.filter((w) => !this.warnings.includes(w)))
    if (withRows && (await this.dbf!.next()))
      throw new BadRequest(
        `${base(this.source.dbf!)} has more rows than ${base(this.source.shp)} has shapes (${this.shp.count}): the files do not belong together`,
      )
  }

  async close() {
    await this.shp.close()
    await this.dbf?.close()
  }
}
