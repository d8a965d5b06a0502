// What the search box lists, whichever endpoint answered: GET /api/search (issue 12 item 3,
// rivers, reaches, lakes, chiefs and places) when the server has it, else GET /api/chiefs?q=
// (chiefs only), so the box works before the search API lands.
import { ApiError, getJson } from './api-client.ts'

export type SearchKind = 'river' | 'reach' | 'lake' | 'chief' | 'place'

export interface SearchHit {
  kind: SearchKind
  /** Row id for places and waters; the chief id (`C000001`) for chiefs. */
  id: string | number
  name: string
  /** A second line: the chief's position, the river code, the parent place. */
  detail?: string
  /** [west, south, east, north] degrees: where to fly. */
  bbox?: [number, number, number, number]
  /** A point on the feature (not merely the bbox centre): where to ask "who is responsible". */
  point?: { lon: number; lat: number }
}

interface SearchAnswer {
  results?: Partial<SearchHit & { lon: number; lat: number; code: string; layer: string }>[]
}
interface ChiefsAnswer {
  chiefs: { id: string; name: string; position: string | null; scopes: { name: string }[] }[]
}

let searchApi: boolean | undefined

/**
 * Up to `limit` hits for `q`, best first. `/api/search` is asked first; its 404 (not deployed)
 * switches to `/api/chiefs?q=` for the rest of the session.
 * @throws ApiError from the server (a 400 for a bad q names the parameter).
 */
export async function searchPlaces(
  q: string,
  limit: number,
  date: string,
  signal: AbortSignal,
): Promise<SearchHit[]> {
  if (searchApi !== false) {
    try {
      const answer = await getJson<SearchAnswer>('/api/search', { q, limit, date }, { signal })
      searchApi = true
      return (answer.results ?? []).map((r) => ({
        kind: (r.kind ?? 'place') as SearchKind,
        id: r.id ?? r.code ?? '',
        name: r.name ?? '',
        detail: r.detail ?? r.code,
        bbox: r.bbox,
        point:
          r.point ?? (r.lon !== undefined && r.lat !== undefined ? { lon: r.lon, lat: r.lat } : undefined),
      }))
    } catch (error) {
      if (
        !(
          error instanceof ApiError &&
          error.status === 404 &&
          error.code === 'not_found' &&
          searchApi === undefined
        )
      )
        throw error
      searchApi = false
    }
  }
  const { chiefs } = await getJson<ChiefsAnswer>('/api/chiefs', { q, limit, date }, { signal })
  return chiefs.map((c) => ({
    kind: 'chief' as const,
    id: c.id,
    name: c.name,
    detail: [c.position, c.scopes[0]?.name].filter(Boolean).join(' · '),
  }))
}
