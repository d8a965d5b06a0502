// Receives a multipart upload (one zip, or the loose files of one dataset, plus form fields)
// into a private temporary folder, within MAX_UPLOAD_MB. An upload over the limit is read to its
// end and discarded, so the client receives the 413 rather than a reset connection.
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import busboy from 'busboy'
import type { Request } from 'express'
import { BadRequest, PayloadTooLarge } from '../errors.ts'

export interface Upload {
  /** Saved files by their (sanitised) original names, except the mapping file. */
  files: string[]
  fields: Record<string, string>
  /** A mapping file sent as a file part named "mapping". */
  mappingFile?: { text: string; fileName: string }
  cleanup(): Promise<void>
}

const MAX_FILES = 50

/** The last path segment of a client's file name, without characters a file system minds. */
function safeName(name: string, index: number): string {
  const base = (name.split(/[/\\]/).pop() ?? '').replace(/[\p{Cc}<>:"|?*]/gu, '').trim()
  return base && base !== '.' && base !== '..' ? base : `upload-${index}`
}

export async function receiveUpload(req: Request, maxBytes: number): Promise<Upload> {
  if (!/^multipart\/form-data/i.test(req.get('content-type') ?? ''))
    throw new BadRequest(
      'send the files as multipart/form-data (one zip, or the .shp/.shx/.dbf/.prj/.cpg files)',
    )
  const tooLarge = () =>
    new PayloadTooLarge(`the upload is larger than MAX_UPLOAD_MB = ${Math.round(maxBytes / 1048576)} MB`)
  const dir = await mkdtemp(join(tmpdir(), 'rcgis-upload-'))
  const cleanup = () => rm(dir, { recursive: true, force: true })
  const files: string[] = []
  const fields: Record<string, string> = {}
  let mappingFile: Upload['mappingFile']
  try {
    const declared = Number(req.get('content-length'))
    await new Promise<void>((resolve, reject) => {
      let failure: Error | null =
        Number.isFinite(declared) && declared > maxBytes + 65_536 ? tooLarge() : null
      const writes: Promise<void>[] = []
      let total = 0
      const fail = (error: Error) => {
        failure ??= error
      }
      const parser = busboy({
        headers: req.headers,
        limits: { fileSize: maxBytes, files: MAX_FILES, fields: 20, fieldSize: 1 << 20 },
      })
      parser.on('file', (field, stream, info) => {
        if (failure) return void stream.resume()
        if (field === 'mapping') {
          const chunks: Buffer[] = []
          stream.on('data', (c: Buffer) => chunks.push(c))
          stream.on('end', () => {
            mappingFile = {
              text: Buffer.concat(chunks).toString('utf8'),
              fileName: safeName(info.filename ?? '', 0),
            }
          })
          return
        }
        const name = safeName(info.filename ?? '', files.length + 1)
        const path = join(dir, name)
        if (files.includes(path)) {
          fail(new BadRequest(`two uploaded files are named ${name}`))
          return void stream.resume()
        }
        files.push(path)
        stream.on('data', (c: Buffer) => {
          total += c.length
          if (total > maxBytes) fail(tooLarge())
        })
        stream.on('limit', () => fail(tooLarge()))
        writes.push(pipeline(stream, createWriteStream(path, { flags: 'wx' })).catch((e) => fail(e)))
      })
      parser.on('field', (name, value) => {
        fields[name] = value
      })
      parser.on('filesLimit', () => fail(new BadRequest(`send at most ${MAX_FILES} files`)))
      parser.on('error', (e) =>
        fail(new BadRequest(`the multipart body is malformed (${(e as Error).message})`)),
      )
      parser.on('close', () => {
        Promise.all(writes).then(() => (failure ? reject(failure) : resolve()), reject)
      })
      req.on('aborted', () => reject(new BadRequest('the upload was aborted')))
      req.pipe(parser)
    })
  } catch (error) {
    await cleanup()
    throw error
  }
  if (files.length === 0) {
    await cleanup()
    throw new BadRequest(
      'no file was uploaded: send one zip, or the .shp/.shx/.dbf/.prj/.cpg files, or a .geojson',
    )
  }
  return { files, fields, mappingFile, cleanup }
}
