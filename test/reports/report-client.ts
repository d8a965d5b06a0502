// An app over a test database for the report routes, driven over loopback with any method,
// headers and raw bodies (the 413 and 429 cases need them).
import type { AddressInfo } from 'node:net'
import { loadConfig } from '../../server/config.ts'
import type { Database } from '../../server/db/database.ts'
import { createApp } from '../../server/http/app.ts'
import { listen } from '../../server/http/listen.ts'

export interface RawReply {
  status: number
  headers: Headers
  body: any
}

export interface ReportClient {
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<RawReply>
  close(): Promise<void>
}

/** The app with `env` as its configuration (DEMO off), listening on a free loopback port. */
export async function startReportClient(
  db: Database,
  env: Record<string, string> = {},
): Promise<ReportClient> {
  const app = createApp({ db, config: loadConfig({ DEMO: '0', ...env }) })
  const server = listen(app, 0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    async send(method, path, body, headers = {}) {
      const response = await fetch(base + path, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      })
      const text = await response.text()
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
