// GET /api/events: an import announces the changed table and the layers whose tiles read it on the
// Server-Sent Events stream, from the same data versions (NOTIFY) the tile cache listens to.
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config.ts'
import { createApp } from '../../server/http/app.ts'
import { listen } from '../../server/http/listen.ts'
import { loadLayer } from '../../server/load/load-layer.ts'
import { DataVersions } from '../../tiles/data-versions.ts'
import { serveApp } from '../support/http.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

/** Reads SSE events from a fetch body until `want` accepts one or `ms` pass. */
async function nextEvent(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  want: (name: string, data: string) => boolean,
  ms: number,
): Promise<{ name: string; data: string } | null> {
  const decoder = new TextDecoder()
  let buffer = ''
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now())),
    ])
    if (!chunk || chunk.done) return null
    buffer += decoder.decode(chunk.value, { stream: true })
    let end = buffer.indexOf('\n\n')
    while (end >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const name = /^event: (.*)$/m.exec(block)?.[1] ?? 'message'
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? ''
      if (want(name, data)) return { name, data }
      end = buffer.indexOf('\n\n')
    }
  }
  return null
}

const lake = {
  recordNo: 1,
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [102.7, 25.0],
        [102.701, 25.0],
        [102.701, 25.001],
        [102.7, 25.0],
      ],
    ],
  },
  attributes: { name: '事件湖', kind: 'lake' },
}

describe.each(ENGINES)('/api/events on the %s engine', (engine) => {
  let t: TestDatabase
  let versions: DataVersions
  let url: string
  let close: () => void
  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    versions = await DataVersions.listen(t.db, { listenUrl: t.url })
    const server = listen(
      createApp({ db: t.db, config: loadConfig({ DEMO: 'false' }), tiles: { versions } }),
      0,
      '127.0.0.1',
    )
    await new Promise<void>((resolve) => server.once('listening', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    close = () => {
      server.closeAllConnections()
      server.close()
    }
  })
  afterAll(async () => {
    close?.()
    await versions?.close()
    await t?.dispose()
  })

  it('announces an import of lakes with the new version and the lakes layer', async () => {
    const before = (await versions.read()).versions.get('lakes') ?? 0
    const res = await fetch(`${url}/api/events`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const ready = await nextEvent(reader, (name) => name === 'ready', 5_000)
    expect(JSON.parse(ready?.data ?? '{}')).toEqual({ live: true })
    await loadLayer(t.db, 'lakes', [lake], { mode: 'append', actor: 'test' })
    const event = await nextEvent(
      reader,
      (name, data) => name === 'data-version' && data.includes('"lakes"'),
      10_000,
    )
    expect(event).not.toBeNull()
    const body = JSON.parse(event?.data ?? '{}')
    expect(body.table).toBe('lakes')
    expect(body.version).toBeGreaterThan(before)
    expect(body.layers).toContain('lakes')
    await reader.cancel()
  })

  it('says live: false and stays quiet where the app does not listen for data versions', async () => {
    const app = await serveApp(t.db)
    const res = await fetch(`${app.url}/api/events`)
    expect(res.status).toBe(200)
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const ready = await nextEvent(reader, (name) => name === 'ready', 5_000)
    expect(JSON.parse(ready?.data ?? '{}')).toEqual({ live: false })
    await loadLayer(t.db, 'lakes', [lake], { mode: 'append', actor: 'test' })
    expect(await nextEvent(reader, (name) => name === 'data-version', 2_000)).toBeNull()
    await reader.cancel()
    await app.close()
  })
})
