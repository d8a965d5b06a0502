// An app with the in-process locate index, as main.ts wires it: data versions listening (PGlite's
// own LISTEN, or a connection of its own on the server engine) and a KeptLocateIndex built first.
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadConfig } from '../../server/config.ts'
import type { Database } from '../../server/db/database.ts'
import { createApp } from '../../server/http/app.ts'
import { listen } from '../../server/http/listen.ts'
import { KeptLocateIndex } from '../../server/query/locate-index/kept-index.ts'
import { DataVersions } from '../../tiles/data-versions.ts'

export interface RawReply {
  status: number
  text: string
  headers: Record<string, string | string[] | undefined>
}

export interface LocateApp {
  kept: KeptLocateIndex
  versions: DataVersions
  get(path: string, headers?: Record<string, string>): Promise<RawReply>
  post(path: string, body: unknown): Promise<RawReply>
  close(): Promise<void>
}

/** Serves `db` on a loopback port with the index built (awaited) before it resolves. */
export async function serveLocate(db: Database, url?: string): Promise<LocateApp> {
  const versions = await DataVersions.listen(db, { listenUrl: url })
  const kept = new KeptLocateIndex(db, versions, {
    onError: (error) => console.error('index build failed', error),
  })
  kept.rebuild()
  await kept.ready()
  const app = createApp({ db, config: loadConfig({ DEMO: '0' }), locateIndex: kept })
  const server = listen(app, 0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const port = (server.address() as AddressInfo).port
  // A fresh connection per request (agent: false): a kept-alive socket the server closed while a
  // slow import or SQL batch ran in between would fail the next request with ECONNRESET.
  const send = (path: string, method = 'GET', body?: string, headers: Record<string, string> = {}) =>
    new Promise<RawReply>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method,
          agent: false,
          headers: body ? { 'content-type': 'application/json', ...headers } : headers,
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
            }),
          )
          res.on('error', reject)
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  return {
    kept,
    versions,
    get: (path, headers) => send(path, 'GET', undefined, headers),
    post: (path, body) => send(path, 'POST', JSON.stringify(body)),
    async close() {
      kept.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await versions.close()
    },
  }
}
