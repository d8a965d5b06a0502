// Reads GeoJSON as a stream: a FeatureCollection (feature by feature), a single Feature, or a
// bare geometry. Text is UTF-8 by RFC 8259 unless --encoding says otherwise.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { Geometry } from 'geojson'
import { BadRequest } from '../errors.ts'
import {
  type FlatGeometry,
  flatFromGeoJSON,
  GeometryEncodingError,
  vertexCount,
} from '../load/flat-geometry.ts'
import { type ImportLimits, tooManyVertices } from './import-limits.ts'
import { JsonFeatureScanner } from './json-feature-scanner.ts'
import type { SourceRecord } from './source-record.ts'

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
])

/** The name in a GeoJSON 2008 `crs` member: {"type": "name", "properties": {"name": …}}. */
export function crsMemberName(text: string | undefined, fileName: string): string | undefined {
  if (text === undefined) return undefined
  let crs: { type?: unknown; properties?: { name?: unknown } } | null
  try {
    crs = JSON.parse(text)
  } catch {
    throw new BadRequest(`${fileName}: its crs member is not valid JSON; pass --crs`)
  }
  if (crs === null) return undefined
  const name = crs?.properties?.name
  if (crs?.type !== 'name' || typeof name !== 'string')
    throw new BadRequest(`${fileName}: its crs member is not a named CRS; pass --crs to name the system`)
  return name
}

export class GeoJsonReader {
  readonly warnings: string[] = []
  bytesRead = 0
  private readonly scanner: JsonFeatureScanner

  private constructor(
    private readonly path: string,
    private readonly fileName: string,
    readonly size: number,
    private readonly encoding: string,
    private readonly explicitEncoding: boolean,
    private readonly limits: ImportLimits,
  ) {
    this.scanner = new JsonFeatureScanner(fileName)
  }

  static async open(path: string, fileName: string, encoding: string | null, limits: ImportLimits) {
    const { size } = await stat(path)
    return new GeoJsonReader(path, fileName, size, encoding ?? 'utf-8', encoding !== null, limits)
  }

  /** The crs member's name, as far as the text has been read. */
  crsName(): string | undefined {
    const s = this.scanner
    return crsMemberName(s.featuresSeen > 0 ? s.crsAtFirstFeature : s.members.get('crs'), this.fileName)
  }

  private toRecord(recordNo: number, object: Record<string, unknown>): SourceRecord {
    const fields: string[] = []
    const values: unknown[] = []
    if (object.type !== 'Feature') {
      if (GEOMETRY_TYPES.has(object.type as string))
        return this.withGeometry(recordNo, object as unknown as Geometry, fields, values)
      return {
        recordNo,
        geometry: null,
        problem: `not a GeoJSON Feature (type ${JSON.stringify(object.type)})`,
        fields,
        values,
      }
    }
    const properties = object.properties
    if (properties !== null && properties !== undefined) {
      if (typeof properties !== 'object' || Array.isArray(properties))
        return { recordNo, geometry: null, problem: 'properties is not an object', fields, values }
      for (const [k, v] of Object.entries(properties)) {
        fields.push(k)
        values.push(v)
      }
    }
    // A feature id is data too: kept (in extra, unless mapped) when no property has its name.
    if (object.id !== undefined && !fields.includes('id')) {
      fields.push('id')
      values.push(object.id)
    }
    const geometry = object.geometry as Geometry | null | undefined
    if (geometry === null || geometry === undefined) return { recordNo, geometry: null, fields, values }
    if (typeof geometry !== 'object' || !GEOMETRY_TYPES.has(geometry.type))
      return { recordNo, geometry: null, problem: 'geometry is not a GeoJSON geometry', fields, values }
    return this.withGeometry(recordNo, geometry, fields, values)
  }

  private withGeometry(
    recordNo: number,
    geometry: Geometry,
    fields: string[],
    values: unknown[],
  ): SourceRecord {
    let flat: FlatGeometry
    try {
      flat = flatFromGeoJSON(geometry)
    } catch (error) {
      if (!(error instanceof GeometryEncodingError)) throw error
      return { recordNo, geometry: null, problem: `malformed geometry: ${error.message}`, fields, values }
    }
    const vertices = vertexCount(flat)
    if (vertices > this.limits.maxVertices) throw tooManyVertices(recordNo, vertices, this.limits)
    return { recordNo, geometry: flat, fields, values }
  }

  private parse(recordNo: number, text: string): Record<string, unknown> {
    try {
      return JSON.parse(text)
    } catch (error) {
      throw new BadRequest(
        `${this.fileName}: feature ${recordNo} is not valid JSON (${(error as Error).message})`,
      )
    }
  }

  /** `crsGiven`: --crs was passed, so where the crs member stands does not matter. */
  async *records(crsGiven = false): AsyncGenerator<SourceRecord[]> {
    const decoder = new TextDecoder(this.encoding, { fatal: true })
    let recordNo = 0
    let first = true
    const decode = (chunk?: Buffer) => {
      try {
        let text = chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode()
        if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1)
        first = first && text.length === 0
        return text
      } catch {
        throw new BadRequest(
          this.explicitEncoding
            ? `${this.fileName} is not valid ${this.encoding}`
            : `${this.fileName} is not valid UTF-8, which GeoJSON must be (RFC 8259); pass --encoding if it is GBK`,
        )
      }
    }
    for await (const chunk of createReadStream(this.path, { highWaterMark: 1 << 20 })) {
      this.bytesRead += (chunk as Buffer).length
      const batch: SourceRecord[] = []
      for (const text of this.scanner.push(decode(chunk as Buffer))) {
        recordNo++
        batch.push(this.toRecord(recordNo, this.parse(recordNo, text)))
      }
      if (batch.length > 0) yield batch
    }
    this.scanner.push(decode())
    const root = this.scanner.finish()
    if (
      !crsGiven &&
      recordNo > 0 &&
      this.scanner.crsAtFirstFeature === undefined &&
      root.crs !== undefined &&
      root.crs !== null
    )
      throw new BadRequest(
        `${this.fileName} names its crs after its features, too late to read them by it: move the crs member first or pass --crs`,
      )
    if (root.type === 'FeatureCollection') return
    if (root.type === 'Feature' || GEOMETRY_TYPES.has(root.type as string)) {
      yield [this.toRecord(1, root)]
      return
    }
    throw new BadRequest(`${this.fileName} is not GeoJSON: its type is ${JSON.stringify(root.type)}`)
  }
}
