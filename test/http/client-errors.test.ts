// Statuses set outside our route handlers carry the API's error body with a matching code: Node's
// HTTP parser (a 100 KB query string, a malformed request), express.json() (too large, not JSON),
// the router (a path that is not UTF-8), and a value the database refuses that validation missed.
import type { AddressInfo } from 'node:net'
import { connect } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/db/database.ts'
import { errorHandler } from '../../server/http/error-handler.ts'
import { listen } from '../../server/http/listen.ts'
import { type RunningApp, serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

// None of these requests reaches the database.
const noDatabase = new Proxy(
  {},
  { get: () => () => Promise.reject(new Error('no database here')) },
) as Database

function expectBody(status: number, text: string, code: string) {
  const body = JSON.parse(text)
  expect(Object.keys(body)).toEqual(['error'])
  expect(body.error.code, text).toBe(code)
  expect(body.error.message.length, text).toBeGreaterThan(0)
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/)
  expect(status).toBeGreaterThanOrEqual(400)
}

describe('errors raised before our handlers', () => {
  let app: RunningApp
  beforeAll(async () => {
    app = await serveApp(noDatabase)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('answers a 100 KB query string with 431 and a JSON body that says so', async () => {
    const res = await fetch(`${app.url}/api/chiefs?q=${'x'.repeat(100_000)}`)
    expect(res.status).toBe(431)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    const text = await res.text()
    expectBody(res.status, text, 'request_header_fields_too_large')
    expect(JSON.parse(text).error.message).toMatch(/over 16 KB/)
  })

  it('answers a request that is not HTTP with 400 and a JSON body', async () => {
    const { port } = new URL(app.url)
    const reply = await new Promise<string>((resolve, reject) => {
      let data = ''
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('HELLO THERE\r\n\r\n'))
      socket.on('data', (chunk) => {
        data += chunk
      })
      socket.on('end', () => resolve(data))
      socket.on('error', reject)
    })
    expect(reply).toMatch(/^HTTP\/1\.1 400 /)
    expectBody(400, reply.slice(reply.indexOf('\r\n\r\n') + 4), 'bad_request')
  })

  it('answers a JSON body over the limit with 413 payload_too_large', async () => {
    const res = await fetch(`${app.url}/api/locate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"points":[${'[102.7,25],'.repeat(2_000_000)}[102.7,25]]}`,
    })
    expect(res.status).toBe(413)
    expectBody(res.status, await res.text(), 'payload_too_large')
  })

  it('answers a path that is not UTF-8 with 400 bad_request in our words', async () => {
    const res = await fetch(`${app.url}/api/chiefs/%ED%A0%80`)
    expect(res.status).toBe(400)
    const text = await res.text()
    expectBody(res.status, text, 'bad_request')
    expect(JSON.parse(text).error.message).toMatch(/not valid percent-encoded UTF-8/)
  })
})

describe.each(ENGINES)('a value the %s database refuses past validation', (engine) => {
  let t: TestDatabase
  let base: string
  let close: () => void
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    // A route that hands its parameter to PostgreSQL unchecked, as a forgotten validation would.
    const app = express()
    app.get('/probe', async (req, res) => {
      res.json((await t.db.query('SELECT $1::date AS day', [req.query.day])).rows[0])
    })
    app.use(errorHandler)
    const server = listen(app, 0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    close = () => server.close()
  })
  afterAll(async () => {
    close?.()
    await t?.dispose()
  })

  it('is a 400 naming the parameter, without PostgreSQL’s message', async () => {
    const ok = await fetch(`${base}/probe?day=2018-03-01`)
    expect(ok.status).toBe(200)
    for (const day of ['0000-01-01', 'a%00b']) {
      const res = await fetch(`${base}/probe?day=${day}`)
      const text = await res.text()
      expect(res.status, text).toBe(400)
      expectBody(res.status, text, 'bad_request')
      expect(JSON.parse(text).error.message).toMatch(/^day: /)
      expect(text).not.toMatch(/field value out of range|invalid byte sequence|UTF8/)
    }
  })
})
