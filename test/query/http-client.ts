// Drives the app in-process over loopback: a real HTTP round trip, no listening port left behind.
import type { AddressInfo } from 'node:net'
import { loadConfig } from '../../server/config.ts'
import type { Database } from '../../server/db/database.ts'
import { createApp } from '../../server/http/app.ts'
import { listen } from '../../server/http/listen.ts'

export interface Reply<T = any> {
  status: number
  body: T
}

export interface Client {
  get<T = any>(path: string): Promise<Reply<T>>
  post<T = any>(path: string, body: unknown): Promise<Reply<T>>
  close(): Promise<void>
}

export async function startClient(db: Database, env: Record<string, string> = {}): Promise<Client> {
  const app = createApp({ db, config: loadConfig({ DEMO: '0', ...env }) })
  const server = listen(app, 0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const send = async (path: string, init?: RequestInit) => {
    const response = await fetch(base + path, init)
    return { status: response.status, body: await response.json() }
  }
  return {
    get: (path) => send(path),
    post: (path, body) =>
      send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
