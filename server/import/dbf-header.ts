// The header of a dBASE table (the .dbf of a shapefile): which fields each record holds, where,
// and how wide. Sources, checked against each other rather than against one file:
// - Microsoft, "Table File Structure (.dbc, .dbf, .frx, …)", Visual FoxPro 9 documentation
//   (learn.microsoft.com/previous-versions/visualstudio/foxpro/st4a0s68): version bytes, the
//   32-byte field descriptor, field flags (0x01 system column, 0x02 nullable) and field types.
// - dBASE III PLUS / IV file structure (dbase.com "Xbase file format"): C N F L D M B G P types.
// - shapelib dbfopen.c and Clipper: a character field's width is byte 16 + 256 × byte 17.
import { BadRequest } from '../errors.ts'

/** How a field's bytes are read; 'unreadable' fields are kept empty, with a warning. */
export type DbfFieldKind =
  | 'text'
  | 'number'
  | 'logical'
  | 'date'
  | 'int32'
  | 'double'
  | 'currency'
  | 'datetime'
  | 'unreadable'
  | 'nullFlags'

export interface DbfField {
  name: string
  /** Raw name bytes, decoded once the encoding is known. */
  nameBytes: Buffer
  /** The type letter as written (upper case). */
  type: string
  kind: DbfFieldKind
  /** Byte offset in the record (0 is the deletion flag). */
  offset: number
  length: number
  decimals: number
  /** Visual FoxPro: the bit of _NullFlags that says the value is null (flag 0x02). */
  nullBit?: number
  /** Visual FoxPro varchar: the bit of _NullFlags that says the last byte holds the length. */
  varLengthBit?: number
}

export interface DbfHeader {
  version: number
  recordCount: number
  headerLength: number
  recordLength: number
  /** Byte 29: the language driver id (0x4D is CP936). */
  languageDriver: number
  /** The user's fields, in record order; hidden system columns are not among them. */
  fields: DbfField[]
  /** Visual FoxPro's hidden _NullFlags column, when the table has one. */
  nullFlags: DbfField | null
  /** What the reader should tell the user about the header (widths that do not add up). */
  warnings: string[]
}

/** Version bytes 0x30, 0x31 (autoincrement) and 0x32 (varchar/varbinary): Visual FoxPro. */
export const isVisualFoxPro = (version: number) => version >= 0x30 && version <= 0x32

/**
 * Type letter → how it is read. The same letter means different things in dBASE and VFP: 'B' is
 * a binary memo block number in dBASE IV but an 8-byte double in VFP; 'I', 'Y', 'T' and 'V' are
 * VFP's. Memo-like types (M, G, P, W, Q, dBASE's B) live in a .dbt/.fpt that a shapefile does
 * not carry, and '@' is dBASE 7's timestamp, so those are read as empty. '0' is _NullFlags.
 */
function fieldKind(type: string, foxPro: boolean): DbfFieldKind | null {
  switch (type) {
    case 'C':
    case 'V':
      return 'text'
    case 'N':
    case 'F':
      return 'number'
    case 'L':
      return 'logical'
    case 'D':
      return 'date'
    case 'I':
    case '+':
      return 'int32'
    case 'O':
      return 'double'
    case 'B':
      return foxPro ? 'double' : 'unreadable'
    case 'Y':
      return 'currency'
    case 'T':
      return 'datetime'
    case 'M':
    case 'G':
    case 'P':
    case 'W':
    case 'Q':
    case '@':
      return 'unreadable'
    case '0':
      return 'nullFlags'
    default:
      return null
  }
}

interface Descriptor {
  nameBytes: Buffer
  type: string
  byte16: number
  byte17: number
  flags: number
}

/** A character field's width read as 16 bits, the Clipper/FoxPro/shapelib extension past 255. */
const wideWidth = (d: Descriptor) => (d.type === 'C' ? d.byte16 + 256 * d.byte17 : d.byte16)

const latin1 = (b: Buffer) => b.toString('latin1')

/**
 * Reads the header from the first bytes of a .dbf (up to 64 KiB: 2046 fields).
 * Input: the file's first bytes and its name (for messages). Output: the fields in record order
 * with offsets and widths checked against the header's record length; system columns set apart.
 * Throws BadRequest naming the file: a zip, a header shorter than 32 bytes, dBASE 7 (48-byte
 * descriptors), a field type no dBASE or FoxPro version defines (naming field and type), or
 * fields that need more bytes than a record has under every reading of their widths.
 */
export function parseDbfHeader(bytes: Buffer, fileName: string): DbfHeader {
  const bad = (why: string) => new BadRequest(`${fileName} is not a readable dBASE table: ${why}`)
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50)
    throw new BadRequest(`${fileName} is a zip archive, not a .dbf file: upload or name it as a .zip`)
  if (bytes.length < 32) throw bad('shorter than its 32-byte header')
  // Writers put all sorts of values in the version byte (GDAL reads them all); only dBASE 7,
  // whose field descriptors are 48 bytes, is a different layout.
  const version = bytes[0]
  if ((version & 0x07) === 4) throw bad('dBASE 7 tables are not supported; save it as dBASE III')
  const foxPro = isVisualFoxPro(version)
  const header: DbfHeader = {
    version,
    recordCount: bytes.readUInt32LE(4),
    headerLength: bytes.readUInt16LE(8),
    recordLength: bytes.readUInt16LE(10),
    languageDriver: bytes[29],
    fields: [],
    nullFlags: null,
    warnings: [],
  }
  if (header.headerLength < 33 || header.headerLength > bytes.length) throw bad('its header length is wrong')

  const descriptors: Descriptor[] = []
  for (let at = 32; at + 32 <= header.headerLength && bytes[at] !== 0x0d; at += 32) {
    const nameEnd = bytes.indexOf(0, at)
    descriptors.push({
      nameBytes: Buffer.from(bytes.subarray(at, nameEnd >= at && nameEnd < at + 11 ? nameEnd : at + 11)),
      type: String.fromCharCode(bytes[at + 11]).toUpperCase(),
      byte16: bytes[at + 16],
      byte17: bytes[at + 17],
      // Byte 18 is reserved before Visual FoxPro; older writers may leave anything there.
      flags: foxPro ? bytes[at + 18] : 0,
    })
  }
  const wide = readWidths(descriptors, header, fileName)

  let offset = 1 // byte 0 of every record is the deletion flag
  let nullBit = 0
  for (const [i, d] of descriptors.entries()) {
    const kind = fieldKind(d.type, foxPro)
    if (kind === null) {
      const code = d.type.charCodeAt(0)
      // A control byte is shown by its code only: a NUL in the message would stop PostgreSQL
      // from storing it in the import log.
      const shown =
        code > 0x20 && code < 0x7f ? `'${d.type}' (0x${code.toString(16)})` : `0x${code.toString(16)}`
      throw bad(
        `field ${latin1(d.nameBytes) || i + 1} has type ${shown}, which no dBASE or FoxPro version defines`,
      )
    }
    const length = wide ? wideWidth(d) : d.byte16
    const field: DbfField = {
      name: latin1(d.nameBytes),
      nameBytes: d.nameBytes,
      type: d.type,
      kind,
      offset,
      length,
      decimals: wide && d.type === 'C' ? 0 : d.byte17,
    }
    offset += length
    if (kind === 'nullFlags' || d.flags & 0x01) {
      if (kind === 'nullFlags') header.nullFlags = field
      continue // a system column the user never sees (VFP doc: field flag 0x01)
    }
    // Bits are given out in field order; a varchar's length bit comes before its null bit
    // (VFP's _NullFlags; Free Pascal's dbf_dbffile.pas reads it the same way).
    if (foxPro && (d.type === 'V' || d.type === 'Q')) field.varLengthBit = nullBit++
    if (d.flags & 0x02) field.nullBit = nullBit++
    header.fields.push(field)
  }
  return header
}

/**
 * Whether character widths are read as 16 bits. The reading whose widths add up to the header's
 * record length wins; when neither does, the file is read with the one that fits and the user
 * is told which field to check. A reading that needs more bytes than a record has is refused.
 */
function readWidths(descriptors: Descriptor[], header: DbfHeader, fileName: string): boolean {
  if (descriptors.length === 0) return false
  const record = header.recordLength
  const narrowSum = 1 + descriptors.reduce((n, d) => n + d.byte16, 0)
  const wideSum = 1 + descriptors.reduce((n, d) => n + wideWidth(d), 0)
  if (wideSum === record) return true
  if (narrowSum === record) return false
  const extended = descriptors.filter((d) => wideWidth(d) !== d.byte16).map((d) => latin1(d.nameBytes))
  const useWide = wideSum <= record
  if (!useWide && narrowSum > record)
    throw new BadRequest(
      `${fileName} is not a readable dBASE table: its fields need ${narrowSum} bytes per record ` +
        `(${extended.length > 0 ? `${wideSum} reading the width of ${extended.join(', ')} as 16 bits` : 'after every field'}) ` +
        `but its header says records have ${record}`,
    )
  const suspect = extended[0] ?? latin1(descriptors[descriptors.length - 1].nameBytes)
  header.warnings.push(
    `${fileName}: the header says each record has ${record} bytes but the fields add up to ${useWide ? wideSum : narrowSum}` +
      (extended.length > 0
        ? ` (${useWide ? narrowSum : wideSum} reading ${suspect}'s width as ${useWide ? 8 : 16} bits)`
        : '') +
      `; read as they add up, check the values of ${suspect} and of the fields after it`,
  )
  return useWide
}
