// The real app on a loopback port with the tile stage's parts chosen by the test: listening data
// versions (as main.ts wires them), a cache of its own, or a source that sleeps.
import { type IncomingHttpHeaders, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadConfig } from '../../server/config.ts'
import type { Database } from '../../server/db/database.ts'
import { createApp } from '../../server/http/app.ts'
import type { AppDeps } from '../../server/http/deps.ts'
import { listen } from '../../server/http/listen.ts'
import { DataVersions } from '../../tiles/data-versions.ts'

/** An answer as sent: the body is not decompressed (fetch would undo Content-Encoding). */
export interface RawReply {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface TileApp {
  url: string
  versions: DataVersions
  get(path: string, headers?: Record<string, string>): Promise<RawReply>
  close(): Promise<void>
}

export function rawGet(
  url: string,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, signal }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

/** Serves `db` with versions that LISTEN (on `listenUrl` for the server engine). */
export async function serveTiles(
  db: Database,
  listenUrl: string | undefined,
  env: Record<string, string> = {},
  tiles: Omit<NonNullable<AppDeps['tiles']>, 'versions'> = {},
): Promise<TileApp> {
  const versions = await DataVersions.listen(db, { listenUrl, reconnectDelayMs: 50 })
  const app = createApp({ db, config: loadConfig({ DEMO: 'false', ...env }), tiles: { ...tiles, versions } })
  const server = listen(app, 0, '127.0.0.1')
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    versions,
    get: (path, headers = {}) => rawGet(`${url}${path}`, headers),
    async close() {
      await versions.close()
      await new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
    },
  }
}
