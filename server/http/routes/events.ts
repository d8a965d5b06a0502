// GET /api/events: Server-Sent Events naming each table whose data version changed and the layers
// whose tiles read it, so the viewer re-requests those tiles without a reload (issue 12 item 6).
// The source is the tile cache's own: DataVersions, fed by migration 008's triggers and NOTIFY.
import { Router } from 'express'
import { z } from 'zod'
import { tileTables } from '../../../tiles/tile-fields.ts'
import { LAYERS } from '../../layers/registry.ts'
import type { AppDeps } from '../deps.ts'
import type { OperationSpec } from '../openapi/operation.ts'

// Proxies and browsers drop an idle stream after a minute or two; a comment line keeps it open.
const HEARTBEAT_MS = 25_000

export const DataVersionEvent = z
  .object({
    table: z.string(),
    version: z.number().int().meta({ description: 'the table’s data version now (only grows)' }),
    layers: z.array(z.string()).meta({ description: 'layer ids whose tiles read the table' }),
  })
  .meta({ id: 'DataVersionEvent' })

export const eventsOperations: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/events',
    operationId: 'events',
    tags: ['tiles'],
    summary: 'Server-Sent Events: `event: data-version` with a DataVersionEvent each time a table changes',
    responses: {
      200: {
        description:
          'text/event-stream; the first event `ready` carries {live}: false when this server does not listen for data versions (then no data-version event comes)',
        schema: DataVersionEvent,
      },
    },
  },
]

/** Layer ids whose tiles read `table` (a layer's own table, or a joined one such as measurements). */
function layersReading(table: string): string[] {
  return LAYERS.filter((l) => tileTables([l.id]).includes(table)).map((l) => l.id)
}

export function eventsRoutes({ tiles }: AppDeps): Router {
  const router = Router()
  router.get('/api/events', (req, res) => {
    const versions = tiles?.versions
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    })
    // live: false when this app does not listen for data versions (tests, tools): the stream stays
    // open and quiet, so a page can say that tiles refresh on reload instead of failing.
    const live = Boolean(versions?.listening)
    res.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ live })}\n\n`)
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS)
    const unsubscribe =
      versions && live
        ? versions.onChange((table) => {
            const version = versions.known()?.versions.get(table) ?? 0
            res.write(
              `event: data-version\ndata: ${JSON.stringify({ table, version, layers: layersReading(table) })}\n\n`,
            )
          })
        : () => {}
    req.on('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
    })
  })
  return router
}
