// Reads a .shp sequentially, record by record, without the .shx: a missing or stale index
// does not matter, and a 1 GB file streams. Written here rather than taken from the `shapefile`
// package because an import needs what that reader hides: the record number of every problem,
// Z and M dropped at the source, corrupt records reported instead of thrown, garbage between
// records skipped (and said), and the vertex limit checked before a huge record is allocated.
import { BadRequest } from '../errors.ts'
import type { FlatGeometry } from '../load/flat-geometry.ts'
import { ByteReader } from './byte-reader.ts'
import { type ImportLimits, tooManyVertices } from './import-limits.ts'
import { assemblePolygon } from './polygon-rings.ts'

export const SHAPE_TYPES: Record<number, string> = {
  0: 'Null',
  1: 'Point',
  3: 'PolyLine',
  5: 'Polygon',
  8: 'MultiPoint',
  11: 'PointZ',
  13: 'PolyLineZ',
  15: 'PolygonZ',
  18: 'MultiPointZ',
  21: 'PointM',
  23: 'PolyLineM',
  25: 'PolygonM',
  28: 'MultiPointM',
  31: 'MultiPatch',
}

export interface ShpHeader {
  shapeType: number
  /** [xmin, ymin, xmax, ymax] as the header states it (for CRS checks before reading). */
  bbox: [number, number, number, number]
  /** File length in bytes according to the header. */
  fileLength: number
}

export interface ShapeRecord {
  recordNo: number
  /** null for a null shape (skipped, counted) or an unusable one (see problem). */
  geometry: FlatGeometry | null
  /** Why the shape cannot be used; the record is then rejected, not skipped. */
  problem?: string
  /** Parts left out (rings of fewer than 3 points, lines of one), for the report's dropped list. */
  dropped?: string[]
}

const FILE_CODE = 9994
const HEADER_BYTES = 100

/** Byte size of the fixed part of a record of this type, before its variable arrays. */
function baseType(type: number): 'point' | 'multipoint' | 'poly' | 'null' | 'patch' | null {
  switch (type) {
    case 0:
      return 'null'
    case 1:
    case 11:
    case 21:
      return 'point'
    case 8:
    case 18:
    case 28:
      return 'multipoint'
    case 3:
    case 13:
    case 23:
    case 5:
    case 15:
    case 25:
      return 'poly'
    case 31:
      return 'patch'
    default:
      return null
  }
}

function corrupt(recordNo: number, why: string): ShapeRecord {
  return { recordNo, geometry: null, problem: `corrupt shape: ${why}` }
}

/** The x,y doubles as they lie in the record: one copy, no per-vertex work. */
function readPoints(content: Buffer, offset: number, count: number): Float64Array {
  const points = new Float64Array(count * 2)
  content.copy(Buffer.from(points.buffer), 0, offset, offset + 16 * count)
  return points
}

export class ShpReader {
  readonly warnings: string[] = []
  private expected = 1
  private done = false

  private constructor(
    private readonly reader: ByteReader,
    readonly header: ShpHeader,
    private readonly fileName: string,
    private readonly limits: ImportLimits,
  ) {}

  static async open(path: string, fileName: string, limits: ImportLimits): Promise<ShpReader> {
    const reader = await ByteReader.open(path)
    try {
      const head = await reader.read(HEADER_BYTES)
      if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50)
        throw new BadRequest(`${fileName} is a zip archive, not a .shp file: upload or name it as a .zip`)
      if (head.length < HEADER_BYTES || head.readInt32BE(0) !== FILE_CODE)
        throw new BadRequest(
          `${fileName} is not a shapefile (.shp): its header does not start with file code 9994`,
        )
      const shapeType = head.readInt32LE(32)
      if (baseType(shapeType) === null)
        throw new BadRequest(`${fileName} declares an unknown shape type ${shapeType}`)
      const header: ShpHeader = {
        shapeType,
        bbox: [head.readDoubleLE(36), head.readDoubleLE(44), head.readDoubleLE(52), head.readDoubleLE(60)],
        fileLength: head.readInt32BE(24) * 2,
      }
      const shp = new ShpReader(reader, header, fileName, limits)
      if (header.fileLength < reader.size && header.fileLength >= HEADER_BYTES)
        shp.warnings.push(
          `${fileName}: ${reader.size - header.fileLength} bytes after the length its header states were ignored`,
        )
      return shp
    } catch (error) {
      await reader.close()
      throw error
    }
  }

  get bytesRead(): number {
    return this.reader.position
  }
  get size(): number {
    return this.reader.size
  }
  /** Records read so far. */
  get count(): number {
    return this.expected - 1
  }

  /** The end of the records: the header's length when sane, else the file's. */
  private get end(): number {
    const { fileLength } = this.header
    return fileLength >= HEADER_BYTES && fileLength <= this.reader.size ? fileLength : this.reader.size
  }

  private plausible(head: Buffer, strictNumber: boolean): boolean {
    if (head.length < 12) return false
    const contentBytes = head.readInt32BE(4) * 2
    if (contentBytes < 4 || this.reader.position + 8 + contentBytes > this.end) return false
    if (strictNumber && head.readInt32BE(0) !== this.expected) return false
    const type = head.readInt32LE(8)
    return type === 0 || type === this.header.shapeType || baseType(type) === baseType(this.header.shapeType)
  }

  /**
   * A header that does not fit means bytes that are not records (some writers leave garbage
   * between records or at the end). Scan ahead for the record we expect next, as GDAL's
   * SHAPE_RESTORE_SHX and the `shapefile` package do, and say what was skipped.
   */
  private async resync(): Promise<boolean> {
    const start = this.reader.position
    while (this.reader.position + 12 <= this.end) {
      await this.reader.skip(2)
      if (this.plausible(await this.reader.peek(12), true)) {
        this.warnings.push(
          `${this.fileName}: skipped ${this.reader.position - start} bytes that hold no record before record #${this.expected}`,
        )
        return true
      }
    }
    const left = this.end - start
    if (left > 0)
      this.warnings.push(
        `${this.fileName}: ignored ${left} bytes after record #${this.expected - 1} that hold no record`,
      )
    return false
  }

  async next(): Promise<ShapeRecord | null> {
    if (this.done) return null
    if (this.reader.position + 8 > this.end) {
      const left = this.end - this.reader.position
      if (left > 0) this.warnings.push(`${this.fileName}: ignored ${left} trailing bytes`)
      this.done = true
      return null
    }
    if (!this.plausible(await this.reader.peek(12), false) && !(await this.resync())) {
      this.done = true
      return null
    }
    const head = await this.reader.read(8)
    const content = await this.reader.read(head.readInt32BE(4) * 2)
    const recordNo = this.expected++
    return this.parse(recordNo, content)
  }

  private parse(recordNo: number, content: Buffer): ShapeRecord {
    const type = content.readInt32LE(0)
    const kind = baseType(type)
    switch (kind) {
      case 'null':
        return { recordNo, geometry: null }
      case 'patch':
        return {
          recordNo,
          geometry: null,
          problem: 'MultiPatch (3D surfaces) cannot be stored in a map layer',
        }
      case 'point':
        if (content.length < 20) return corrupt(recordNo, 'a point needs 20 bytes')
        return { recordNo, geometry: { type: 'Point', parts: [readPoints(content, 4, 1)] } }
      case 'multipoint': {
        if (content.length < 40) return corrupt(recordNo, 'record too short')
        const count = content.readInt32LE(36)
        if (count > this.limits.maxVertices) throw tooManyVertices(recordNo, count, this.limits)
        if (count < 0 || 40 + 16 * count > content.length)
          return corrupt(recordNo, `${count} points do not fit the record`)
        if (count === 0) return { recordNo, geometry: null }
        return { recordNo, geometry: { type: 'MultiPoint', parts: [readPoints(content, 40, count)] } }
      }
      case 'poly':
        return this.parsePoly(recordNo, type, content)
      default:
        return corrupt(recordNo, `unknown shape type ${type}`)
    }
  }

  private parsePoly(recordNo: number, type: number, content: Buffer): ShapeRecord {
    if (content.length < 44) return corrupt(recordNo, 'record too short')
    const numParts = content.readInt32LE(36)
    const numPoints = content.readInt32LE(40)
    if (numPoints > this.limits.maxVertices) throw tooManyVertices(recordNo, numPoints, this.limits)
    const pointsAt = 44 + 4 * numParts
    if (numParts < 0 || numPoints < 0 || pointsAt + 16 * numPoints > content.length)
      return corrupt(recordNo, `${numParts} parts and ${numPoints} points do not fit the record`)
    if (numParts === 0 || numPoints === 0) return { recordNo, geometry: null }
    const points = readPoints(content, pointsAt, numPoints)
    const parts: Float64Array[] = []
    for (let p = 0; p < numParts; p++) {
      const from = content.readInt32LE(44 + 4 * p)
      const to = p + 1 < numParts ? content.readInt32LE(48 + 4 * p) : numPoints
      if (from < 0 || to > numPoints || from > to) return corrupt(recordNo, `part ${p + 1} has bad indices`)
      parts.push(points.subarray(2 * from, 2 * to))
    }
    const isPolygon = type % 10 === 5
    if (isPolygon) {
      const { geometry, droppedRings } = assemblePolygon(parts)
      const dropped = droppedRings.map((n) => `ring ${n} dropped: fewer than 3 points`)
      if (!geometry) return { recordNo, geometry: null, problem: 'no ring has 3 or more points', dropped }
      return { recordNo, geometry, dropped }
    }
    // PostGIS refuses a line of one point; such parts carry nothing a line layer can use.
    const lines = parts.filter((line) => line.length >= 4)
    const dropped = parts.flatMap((line, i) =>
      line.length < 4 ? [`part ${i + 1} dropped: a line needs 2 points`] : [],
    )
    if (lines.length === 0)
      return { recordNo, geometry: null, problem: 'no part has 2 or more points', dropped }
    const geometry: FlatGeometry = {
      type: lines.length === 1 ? 'LineString' : 'MultiLineString',
      parts: lines,
    }
    return { recordNo, geometry, dropped }
  }

  async close() {
    await this.reader.close()
  }
}
