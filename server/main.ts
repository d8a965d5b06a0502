// `npm start`: open the store, bring it up to date, load the demo city if it is empty, listen.
import type { Server } from 'node:http'
import { DataVersions } from '../tiles/data-versions.ts'
import { writeStoreSecret } from './auth/store-secret.ts'
import { listTokens } from './auth/tokens.ts'
import { ConfigError, loadConfig } from './config.ts'
import { openDatabase } from './db/open-database.ts'
import { StoreBusyError } from './db/store-lock.ts'
import { generateDemo } from './demo/generate.ts'
import { demoNeeded, loadDemo } from './demo/load-demo.ts'
import { createApp } from './http/app.ts'
import { listen } from './http/listen.ts'
import { KeptLocateIndex } from './query/locate-index/kept-index.ts'
import { buildViewerIfStale } from './viewer-build.ts'

async function main() {
  const config = loadConfig()
  const started = Date.now()
  // The viewer builds while the store opens; a broken build leaves the API up (/ answers 503).
  const viewer = buildViewerIfStale().catch((error) =>
    console.error('could not build the web viewer:', error),
  )
  const { db, lock, migrated } = await openDatabase(config)
  const where = config.DATABASE_URL ? 'PostgreSQL server' : `embedded store ${config.DATA_DIR}`
  console.log(`opened ${where} in ${Date.now() - started} ms (PostGIS ${db.capabilities.postgisVersion})`)
  if (migrated.length > 0) console.log(`applied migrations: ${migrated.join(', ')}`)
  // The token CLI hands its work to this server while it holds the embedded store, proving itself
  // with this owner-only file (issue 12 item 6); a new secret at every start.
  const storeSecret = lock ? writeStoreSecret(config.DATA_DIR) : undefined

  if (config.DEMO && (await demoNeeded(db))) {
    const t0 = Date.now()
    const counts = await loadDemo(db, generateDemo({ scale: config.DEMO_SCALE }))
    const total = Object.values(counts).reduce((a, b) => a + b, 0)
    console.log(`loaded the demo city (scale ${config.DEMO_SCALE}): ${total} rows in ${Date.now() - t0} ms`)
  }

  await viewer
  // Tiles are served from the cache only while the data versions are unchanged: hear of every
  // write, also by other processes, on a connection of its own (LISTEN_DATABASE_URL).
  const versions = await DataVersions.listen(db, {
    listenUrl: config.LISTEN_DATABASE_URL ?? config.DATABASE_URL,
  })
  // Locate answers from SQL until the in-process index is built, in the background (issue 14).
  const locateIndex =
    config.LOCATE_ENGINE === 'index'
      ? new KeptLocateIndex(db, versions, {
          onBuilt: (index) =>
            console.log(
              `locate index: ${index.stats.features} features in ${Math.round(index.stats.buildMs)} ms`,
            ),
          onError: (error) => console.error('locate index build failed (answering from SQL):', error),
        })
      : undefined
  locateIndex?.rebuild()
  const app = createApp({ db, config, storeSecret, tiles: { versions }, locateIndex })
  const server: Server = listen(app, config.PORT, config.HOST)
  server.once('listening', () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : config.PORT
    const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`
    lock?.advertise(url)
    console.log(`river chief GIS server listening on ${url}`)
    listTokens(db).then(
      (tokens) => {
        if (!tokens.some((t) => t.role === 'admin' && !t.revoked_at))
          console.log(
            'no admin token yet; make one (the server may keep running): npm run token -- create --role admin',
          )
      },
      () => {},
    )
  })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: closing`)
    server.close()
    server.closeAllConnections()
    locateIndex?.close()
    versions
      .close()
      .then(() => db.close())
      .catch((error) => console.error('closing the store failed:', error))
      .finally(() => {
        lock?.release()
        process.exit(0)
      })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof StoreBusyError) {
    console.error(error.message)
  } else {
    console.error('could not start:', error)
  }
  process.exit(1)
})
