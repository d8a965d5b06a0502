// Which encoding a .dbf's text is in, and why. A wrong guess silently turns 昆明市 into
// mojibake, so the order is fixed and every answer carries its reason for the import report:
// --encoding, then the .cpg, then the language-driver byte, then the bytes themselves.
import { BadRequest } from '../errors.ts'

export interface EncodingChoice {
  /** A WHATWG label TextDecoder accepts: 'gbk', 'utf-8', 'windows-1252', … */
  label: string
  reason: string
}

// Node's TextDecoder knows 'gbk' and 'gb18030' but not the names Windows tools write into
// .cpg files ('936', 'CP936', 'ANSI 936'), so those are mapped here. Keys are upper-case with
// spaces, dashes and underscores removed.
const CODE_PAGES: Record<string, string> = {
  '936': 'gbk',
  GBK: 'gbk',
  GB2312: 'gbk',
  EUCCN: 'gbk',
  '20936': 'gbk',
  '54936': 'gb18030',
  GB18030: 'gb18030',
  '65001': 'utf-8',
  UTF8: 'utf-8',
  '950': 'big5',
  BIG5: 'big5',
  '932': 'shift_jis',
  SHIFTJIS: 'shift_jis',
  SJIS: 'shift_jis',
  '949': 'euc-kr',
  EUCKR: 'euc-kr',
  '874': 'windows-874',
  '866': 'ibm866',
  KOI8R: 'koi8-r',
  LATIN1: 'iso-8859-1',
  // 'OEM' and a bare 'ANSI' mean "the code page of the machine that wrote the file"; for the
  // county offices this server takes files from, that is Chinese Windows, i.e. code page 936.
  OEM: 'gbk',
  ANSI: 'gbk',
}

/** Language-driver ids (DBF byte 29) with a code page TextDecoder can read. */
const LANGUAGE_DRIVERS: Record<number, [label: string, codePage: string]> = {
  3: ['windows-1252', '1252'],
  4: ['macintosh', 'Macintosh'],
  19: ['shift_jis', '932'],
  77: ['gbk', '936'],
  78: ['euc-kr', '949'],
  79: ['big5', '950'],
  88: ['windows-1252', '1252'],
  89: ['windows-1252', '1252'],
  101: ['ibm866', '866'],
  120: ['big5', '950'],
  121: ['euc-kr', '949'],
  122: ['gbk', '936'],
  123: ['shift_jis', '932'],
  124: ['windows-874', '874'],
  125: ['windows-1255', '1255'],
  126: ['windows-1256', '1256'],
  200: ['windows-1250', '1250'],
  201: ['windows-1251', '1251'],
  202: ['windows-1254', '1254'],
  203: ['windows-1253', '1253'],
  204: ['windows-1257', '1257'],
}

function decodable(label: string): boolean {
  try {
    new TextDecoder(label)
    return true
  } catch {
    return false
  }
}

/** A decoder label for a code-page name as found in a .cpg or given to --encoding, or null. */
export function encodingLabel(name: string): string | null {
  const key = name
    .trim()
    .toUpperCase()
    .replace(/[\s_-]+/g, '')
  const bare = key.replace(/^(ANSI|CP|WINDOWS|MS|OEM|IBM|CODEPAGE)(?=\d)/, '')
  const mapped = CODE_PAGES[key] ?? CODE_PAGES[bare]
  if (mapped) return mapped
  if (/^125\d$/.test(bare)) return `windows-${bare}`
  const iso = /^(?:ISO)?8859(\d{1,2})$/.exec(bare)
  if (iso) return decodable(`iso-8859-${iso[1]}`) ? `iso-8859-${iso[1]}` : null
  return decodable(name.trim()) ? name.trim().toLowerCase() : null
}

/** Which bytes to check: the field names and the records, as they stream from the file. */
export type TextBytes = () => AsyncIterable<Uint8Array>

export interface EncodingEvidence {
  /** --encoding */
  explicit?: string
  /** The .cpg file's content and name, if there is one. */
  cpg?: { text: string; fileName: string }
  /** DBF byte 29. */
  languageDriver?: number
  textBytes?: TextBytes
}

async function inspectBytes(textBytes: TextBytes): Promise<'ascii' | 'utf-8' | 'other'> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let ascii = true
  try {
    for await (const chunk of textBytes()) {
      if (ascii) for (const b of chunk) if (b >= 0x80) ascii = false
      if (!ascii) decoder.decode(chunk, { stream: true })
    }
    decoder.decode()
  } catch {
    return 'other'
  }
  return ascii ? 'ascii' : 'utf-8'
}

export async function resolveDbfEncoding(evidence: EncodingEvidence): Promise<EncodingChoice> {
  if (evidence.explicit) {
    const label = encodingLabel(evidence.explicit)
    if (!label)
      throw new BadRequest(`--encoding ${evidence.explicit} is not an encoding this server can decode`)
    return { label, reason: `--encoding ${evidence.explicit}` }
  }
  if (evidence.cpg) {
    const { text, fileName } = evidence.cpg
    const value = text.replace(/^\uFEFF/, '').trim()
    if (/[<>]/.test(value) || value.length > 40 || value.includes('\n'))
      throw new BadRequest(
        `${fileName} does not name a code page${/<(html|!doctype|head|body)/i.test(value) ? ' (it holds an HTML page)' : ''}; ` +
          'fix or remove it, or pass --encoding (for example --encoding GBK)',
      )
    if (value) {
      const label = encodingLabel(value)
      if (!label)
        throw new BadRequest(
          `${fileName} names code page '${value}', which this server cannot decode; pass --encoding to choose one`,
        )
      return { label, reason: `${fileName} says '${value}'` }
    }
  }
  const driver = evidence.languageDriver ? LANGUAGE_DRIVERS[evidence.languageDriver] : undefined
  if (driver) {
    const hex = evidence.languageDriver!.toString(16).toUpperCase().padStart(2, '0')
    return { label: driver[0], reason: `DBF language driver byte 0x${hex} (code page ${driver[1]})` }
  }
  const kind = evidence.textBytes ? await inspectBytes(evidence.textBytes) : 'ascii'
  const unsaid = evidence.cpg
    ? 'the .cpg is empty and the DBF has no language driver'
    : 'no .cpg and no DBF language driver'
  if (kind === 'ascii') return { label: 'utf-8', reason: `${unsaid}; the text is plain ASCII` }
  if (kind === 'utf-8') return { label: 'utf-8', reason: `${unsaid}; the text is valid UTF-8` }
  return {
    label: 'gb18030',
    reason: `${unsaid}, and the text is not valid UTF-8: read as GB18030 (a superset of GBK and GB 2312)`,
  }
}
