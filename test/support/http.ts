// Serves the real app on an ephemeral loopback port, so tests speak real HTTP to it.
import type { AddressInfo } from 'node:net'
import { loadConfig } from '../../server/config.ts'
import type { Database } from '../../server/db/database.ts'
import { createApp } from '../../server/http/app.ts'
import { listen } from '../../server/http/listen.ts'

export interface RunningApp {
  url: string
  close(): Promise<void>
}

export async function serveApp(db: Database, env: Record<string, string> = {}): Promise<RunningApp> {
  const app = createApp({ db, config: loadConfig({ DEMO: 'false', ...env }) })
  const server = listen(app, 0, '127.0.0.1')
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
