// Unpacks an uploaded zip into a private folder, entry by entry as a stream. Zips are hostile
// input: paths may climb out ("../"), sizes may lie (zip bombs), names may be GBK.
import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { BadRequest, PayloadTooLarge } from '../errors.ts'

export interface UnzipLimits {
  /** Most bytes the entries may unpack to in all. */
  maxUnpackedBytes: number
  maxEntries: number
}

/**
 * Entry names without the UTF-8 flag are in the code page of the machine that zipped them; on
 * Chinese Windows that is GBK, which yauzl would read as CP437.
 */
function entryName(entry: Entry): string {
  const raw = entry.fileNameRaw
  if (entry.generalPurposeBitFlag & 0x800 || !raw) return entry.fileName
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw)
  } catch {
    return new TextDecoder('gb18030').decode(raw)
  }
}

/** A relative path inside the target folder, or null for names that would leave it. */
function safePath(name: string): string | null {
  const parts = name.split(/[/\\]+/).filter((p) => p !== '' && p !== '.')
  if (parts.length === 0 || parts.some((p) => p === '..' || p.includes('\0'))) return null
  if (/^[a-z]:/i.test(parts[0])) return null
  return parts.join('/')
}

const openZip = (path: string) =>
  new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  )

/** Extracts every file entry under `target`; returns the relative paths written. */
export async function extractZip(
  zipPath: string,
  zipName: string,
  target: string,
  limits: UnzipLimits,
): Promise<string[]> {
  let zip: ZipFile
  try {
    zip = await openZip(zipPath)
  } catch (error) {
    throw new BadRequest(`${zipName} is not a readable zip archive (${(error as Error).message})`)
  }
  const written: string[] = []
  let unpacked = 0
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject)
      zip.on('end', resolve)
      zip.on('entry', (entry: Entry) => {
        const step = async () => {
          if (/[/\\]$/.test(entry.fileName)) return // a folder
          const name = entryName(entry)
          const path = safePath(name)
          if (path === null) throw new BadRequest(`${zipName} holds an entry that leaves its folder: ${name}`)
          if (/(^|\/)(__MACOSX\/|\._)/.test(path)) return // macOS resource forks, not data
          if (written.length >= limits.maxEntries)
            throw new BadRequest(`${zipName} holds more than ${limits.maxEntries} files`)
          if (entry.isEncrypted()) throw new BadRequest(`${zipName} is encrypted: ${name}`)
          const file = join(target, path)
          await mkdir(dirname(file), { recursive: true })
          const source = await new Promise<NodeJS.ReadableStream>((res, rej) =>
            zip.openReadStream(entry, (error, stream) => (error ? rej(error) : res(stream))),
          )
          // Count what really comes out: the sizes in the directory are the zip's own claim.
          const counter = new Transform({
            transform(chunk: Buffer, _encoding, done) {
              unpacked += chunk.length
              if (unpacked > limits.maxUnpackedBytes)
                done(
                  new PayloadTooLarge(
                    `${zipName} unpacks to more than ${Math.round(limits.maxUnpackedBytes / 1024 / 1024)} MB`,
                  ),
                )
              else done(null, chunk)
            },
          })
          await pipeline(source, counter, createWriteStream(file, { flags: 'wx' }))
          written.push(path)
        }
        step().then(
          () => zip.readEntry(),
          (error) => {
            zip.close()
            reject(error)
          },
        )
      })
      zip.readEntry()
    })
  } catch (error) {
    if (error instanceof BadRequest || error instanceof PayloadTooLarge) throw error
    throw new BadRequest(`${zipName} is not a readable zip archive (${(error as Error).message})`)
  }
  return written
}
