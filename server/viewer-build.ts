// `npm start` builds the web viewer when web/dist is missing or older than its sources, so
// `npm install && npm start` stays the whole set-up (issue 12) while web/dist stays out of git.
import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
const WEB = join(ROOT, 'web')
const DIST_INDEX = join(WEB, 'dist', 'index.html')
// Besides web/ itself, what changes the build: its dependencies' versions.
const ALSO = [join(ROOT, 'package-lock.json')]

/** The newest modification time (ms) of the files under `dir`, web/dist left out. */
function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (path !== join(WEB, 'dist') && entry.name !== 'node_modules')
        newest = Math.max(newest, newestSource(path))
    } else newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

const mtime = (path: string) => {
  try {
    return statSync(path).mtimeMs
  } catch {
    return 0
  }
}

/** Whether web/dist is missing or older than a file of web/ or the lock file. */
export function viewerBuildStale(): boolean {
  const built = mtime(DIST_INDEX)
  if (built === 0) return true
  return Math.max(newestSource(WEB), ...ALSO.map(mtime)) > built
}

/**
 * Builds the viewer into web/dist with Vite (web/vite.config.ts) when stale; returns whether it
 * built. Vite is imported only then, so a server with a built viewer starts without it.
 * @throws the build's error (a syntax error in web/): the caller decides whether to go on.
 */
export async function buildViewerIfStale(log: (line: string) => void = console.log): Promise<boolean> {
  if (!viewerBuildStale()) return false
  const started = Date.now()
  const { build } = await import('vite')
  await build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn' })
  log(`built the web viewer into web/dist in ${Date.now() - started} ms`)
  return true
}
