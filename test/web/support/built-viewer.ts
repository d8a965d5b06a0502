// The browser tests serve the viewer as `npm start` does: web/dist, built when stale by the same
// module. Test files run in parallel processes, so the build is guarded by a lock directory
// (mkdir is atomic) and the others wait for it.
import { mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { buildViewerIfStale } from '../../../server/viewer-build.ts'
import { ROOT } from '../../support/templates.ts'

const LOCK = join(ROOT, 'web', '.build-lock')
// A lock older than this was left by a killed run.
const STALE_LOCK_MS = 180_000

/** Builds web/dist when stale, once across the parallel test processes. */
export async function ensureViewerBuilt(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK)
      break
    } catch {
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true })
      await sleep(250)
    }
  }
  try {
    await buildViewerIfStale(() => {})
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}
