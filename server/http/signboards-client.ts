// The signboard export's client of GET /api/signboards (routes/signboards.ts): when a server holds
// the embedded store, the CLI cannot open it (two processes on one PGlite folder would corrupt
// it), so it reads the boards from that server, which answers from the same code.
import { AppError, Unavailable } from '../errors.ts'
import type { Signboard } from '../signboards/board.ts'
import type { CountyReaches } from '../signboards/county-reaches.ts'
import type { BoardSource } from '../signboards/export-boards.ts'

/**
 * A BoardSource reading from the server at `serverUrl`.
 * @throws (from its methods) Unavailable when the server cannot be reached; AppError with the
 *   server's own status and message otherwise (404 unknown county or reach, 400 not a county).
 */
export function remoteBoardSource(serverUrl: string): BoardSource {
  const get = async <T>(path: string): Promise<T> => {
    let response: Response
    try {
      response = await fetch(new URL(path, serverUrl), { headers: { accept: 'application/json' } })
    } catch (error) {
      throw new Unavailable(`cannot reach the server at ${serverUrl} (${(error as Error).message})`)
    }
    const body = (await response.json().catch(() => null)) as
      | (T & { error?: undefined })
      | { error?: { code: string; message: string } }
      | null
    if (response.ok && body) return body as T
    const error = body?.error
    throw new AppError(
      response.status,
      error?.code ?? 'remote_error',
      error?.message ?? `the server at ${serverUrl} answered ${response.status}`,
    )
  }
  return {
    countyReaches: (code) => get<CountyReaches>(`/api/signboards?county=${encodeURIComponent(code)}`),
    signboard: (reachCode, date) =>
      get<Signboard>(`/api/signboards/${encodeURIComponent(reachCode)}?date=${encodeURIComponent(date)}`),
  }
}
