// Reads a dBASE table (the .dbf of a shapefile: dBASE III/IV, FoxPro, Visual FoxPro) record by
// record, decoding text with the encoding resolved beforehand (dbf-encoding.ts). Values come out
// as JS values; what a value means for a layer attribute is decided later, so nothing here
// drops or guesses. The header (fields, widths, system columns) is dbf-header.ts.
import { ByteReader } from './byte-reader.ts'
import { type DbfField, type DbfHeader, parseDbfHeader } from './dbf-header.ts'

export { type DbfField, type DbfHeader, parseDbfHeader }

export type DbfValue = string | number | boolean | null

export interface DbfRecord {
  deleted: boolean
  values: DbfValue[]
  /** Text whose bytes are not valid in the chosen encoding (decoded with U+FFFD, and said). */
  problems?: string[]
}

/** Julian day number of 1970-01-01: VFP datetimes count days from the Julian epoch. */
const UNIX_EPOCH_JULIAN_DAY = 2_440_588
const DAY_MS = 86_400_000

const isBlank = (b: number) => b === 0x20 || b === 0x00

export class DbfReader {
  private index = 0
  private readonly decoder: TextDecoder
  private readonly lenient: TextDecoder
  private problems: string[] | undefined
  readonly warnings: string[] = []

  private constructor(
    private readonly reader: ByteReader,
    readonly header: DbfHeader,
    readonly encoding: string,
  ) {
    this.decoder = new TextDecoder(encoding, { fatal: true })
    this.lenient = new TextDecoder(encoding)
    for (const field of header.fields)
      field.name = this.lenient.decode(field.nameBytes).trim() || `field_${field.offset}`
    this.warnings.push(...header.warnings)
    for (const field of header.fields)
      if (field.kind === 'unreadable')
        this.warnings.push(
          `field ${field.name} of dBASE type ${field.type} (memo, binary or picture data kept outside ` +
            'the table) cannot be read; its values are left empty',
        )
  }

  static async open(path: string, fileName: string, encoding: string): Promise<DbfReader> {
    const reader = await ByteReader.open(path)
    try {
      const head = await reader.peek(65_536)
      const header = parseDbfHeader(head, fileName)
      await reader.skip(header.headerLength)
      return new DbfReader(reader, header, encoding)
    } catch (error) {
      await reader.close()
      throw error
    }
  }

  /** Whether the table has fields at all; a field-less table carries no attributes to match. */
  get hasFields(): boolean {
    return this.header.fields.length > 0
  }

  /** The next record, or null past the last one the header counts (or the end of the file). */
  async next(): Promise<DbfRecord | null> {
    if (this.index >= this.header.recordCount) return null
    const bytes = await this.reader.read(this.header.recordLength)
    if (bytes.length < this.header.recordLength || bytes[0] === 0x1a) return null
    this.index++
    this.problems = undefined
    const fields = this.header.fields
    const values: DbfValue[] = new Array(fields.length)
    for (let i = 0; i < fields.length; i++) values[i] = this.value(bytes, fields[i])
    return { deleted: bytes[0] === 0x2a, values, problems: this.problems }
  }

  /** Records read so far. */
  get count(): number {
    return this.index
  }

  /**
   * Text without the padding; leading spaces are kept in character fields, as GDAL does. Text
   * ends at the first NUL byte, as GDAL (a C string) reads it: writers often leave old bytes
   * after the terminator, and PostgreSQL cannot store a NUL in text at all.
   */
  private text(bytes: Buffer, start: number, end: number, field: DbfField): string | null {
    const nul = bytes.indexOf(0, start)
    if (nul >= 0 && nul < end) end = nul
    while (end > start && bytes[end - 1] === 0x20) end--
    if (field.type !== 'C') while (start < end && bytes[start] === 0x20) start++
    if (start === end) return null
    let ascii = true
    for (let i = start; i < end; i++)
      if (bytes[i] >= 0x80) {
        ascii = false
        break
      }
    if (ascii) return bytes.toString('latin1', start, end)
    try {
      return this.decoder.decode(bytes.subarray(start, end))
    } catch {
      this.problems ??= []
      this.problems.push(
        `${field.name}: bytes not valid in ${this.encoding}, unreadable characters replaced by U+FFFD`,
      )
      return this.lenient.decode(bytes.subarray(start, end))
    }
  }

  /** A bit of VFP's _NullFlags column (least significant bit of its first byte is bit 0). */
  private flag(bytes: Buffer, bit: number | undefined): boolean {
    const flags = this.header.nullFlags
    if (bit === undefined || !flags || bit >= 8 * flags.length) return false
    return (bytes[flags.offset + (bit >> 3)] & (1 << (bit & 7))) !== 0
  }

  private value(bytes: Buffer, field: DbfField): DbfValue {
    if (this.flag(bytes, field.nullBit)) return null
    const start = field.offset
    let end = start + field.length
    // Binary fields a non-FoxPro writer left blank hold no value (not zero).
    const blank = () => bytes.subarray(start, end).every(isBlank)
    switch (field.kind) {
      case 'text':
        // A VFP varchar shorter than its width keeps its length in its last byte.
        if (this.flag(bytes, field.varLengthBit)) end = start + Math.min(bytes[end - 1], field.length - 1)
        return this.text(bytes, start, end, field)
      case 'number': {
        const raw = this.text(bytes, start, end, field)
        if (raw === null || /^\*+$/.test(raw)) return null // asterisks: a value too wide, i.e. none
        const n = Number(raw)
        return Number.isFinite(n) ? n : raw // kept as text; a numeric attribute reports it
      }
      case 'logical': {
        const c = String.fromCharCode(bytes[start]).toUpperCase()
        return 'TY'.includes(c) ? true : 'FN'.includes(c) ? false : null
      }
      case 'date': {
        const raw = this.text(bytes, start, end, field)
        if (raw === null || /^0+$/.test(raw)) return null
        const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw)
        return m ? `${m[1]}-${m[2]}-${m[3]}` : raw
      }
      case 'int32':
        return field.length >= 4 && !blank() ? bytes.readInt32LE(start) : null
      case 'double':
        return field.length >= 8 && !blank() ? bytes.readDoubleLE(start) : null
      case 'currency':
        // VFP currency: a signed 64-bit count of ten-thousandths.
        return field.length >= 8 && !blank() ? Number(bytes.readBigInt64LE(start)) / 10_000 : null
      case 'datetime':
        return field.length >= 8 && !blank()
          ? foxProDateTime(bytes.readInt32LE(start), bytes.readInt32LE(start + 4))
          : null
      default:
        return null
    }
  }

  async close() {
    await this.reader.close()
  }
}

/**
 * VFP datetime (VFP "Table File Structure": T, 8 bytes): a Julian day number and milliseconds
 * since midnight, both little-endian. It carries no zone, so it comes out as local wall time
 * ('YYYY-MM-DDTHH:MM:SS'), which value-conversion reads as China Standard Time. Day 0 is empty.
 */
function foxProDateTime(julianDay: number, ms: number): string | null {
  if (julianDay <= 0 || ms < 0 || ms >= DAY_MS) return null
  const iso = new Date((julianDay - UNIX_EPOCH_JULIAN_DAY) * DAY_MS + ms).toISOString()
  return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23)
}
