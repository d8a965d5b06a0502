// Every board of a county into one printable file (npm run export:signboards), one A4 page per
// board. The boards come from a BoardSource: the store itself, or the server holding it.
import { open, rename, rm } from 'node:fs/promises'
import type { Signboard } from './board.ts'
import { boardSection, documentEnd, documentStart } from './board-html.ts'
import type { CountyReaches } from './county-reaches.ts'

/** Where boards are read from (server/signboards locally, or GET /api/signboards on a server). */
export interface BoardSource {
  countyReaches(code: string): Promise<CountyReaches>
  signboard(reachCode: string, date: string): Promise<Signboard>
}

export interface ExportSummary {
  county: CountyReaches['county']
  boards: number
  bytes: number
}

/**
 * Writes the boards of `county` (12-digit county code) as of `date` to `out`, an HTML document
 * with one <section class="board"> per reach of the county (countyReaches' order) and a page
 * break between boards. The file appears whole or not at all: it is written beside `out` and
 * renamed at the end. `onProgress(done, total)` after each board.
 * @throws the source's NotFound/BadRequest for an unknown county or one that is not a county; the
 *   file system's error when `out` cannot be written (nothing is left behind).
 */
export async function exportCountyBoards(
  source: BoardSource,
  { county, date, out }: { county: string; date: string; out: string },
  onProgress?: (done: number, total: number) => void,
): Promise<ExportSummary> {
  const list = await source.countyReaches(county)
  const partial = `${out}.part`
  const file = await open(partial, 'w').catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      `cannot write ${out}: ${error.code === 'ENOENT' ? 'no such folder' : (error.code ?? error.message)}`,
    )
  })
  let bytes = 0
  const write = async (text: string) => {
    bytes += (await file.write(text)).bytesWritten
  }
  try {
    await write(documentStart(`河长公示牌 · ${list.county.name} · ${date}`))
    onProgress?.(0, list.reaches.length)
    for (const [i, reach] of list.reaches.entries()) {
      await write(`${boardSection(await source.signboard(reach.code, date))}\n`)
      onProgress?.(i + 1, list.reaches.length)
    }
    await write(documentEnd)
    await file.close()
    await rename(partial, out)
    return { county: list.county, boards: list.reaches.length, bytes }
  } catch (error) {
    await file.close().catch(() => undefined)
    await rm(partial, { force: true })
    throw error
  }
}
