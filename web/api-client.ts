// The viewer's one way to ask the server: JSON over fetch, same origin, with the API's error body
// ({error: {code, message}}, server/http/error-handler.ts) turned into an ApiError whose message
// can be shown as it is.
import { t } from './i18n/index.ts'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type Params = Record<string, string | number | undefined>

/** `path` with the defined `params` as its query string. */
export function apiUrl(path: string, params: Params = {}): string {
  const query = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, String(v))
  const qs = query.toString()
  return qs ? `${path}?${qs}` : path
}

/**
 * GETs (or sends `init`) `path` and parses JSON. Throws ApiError: the server's own message on a
 * 4xx/5xx, "cannot reach the server" (status 0) when the request never got an answer. An abort
 * passes through as the AbortError it is, so callers can ignore superseded requests.
 */
export async function getJson<T>(path: string, params: Params = {}, init: RequestInit = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(apiUrl(path, params), { headers: { accept: 'application/json' }, ...init })
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error
    throw new ApiError(0, 'network', t('error.network'))
  }
  const body = await response.json().catch(() => null)
  if (!response.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error
    throw new ApiError(
      response.status,
      err?.code ?? 'http',
      err?.message ?? `${t('error.generic')} (HTTP ${response.status})`,
    )
  }
  return body as T
}

/** POSTs `body` as JSON to `path` and parses the JSON answer, with getJson's errors. */
export function postJson<T>(path: string, body: unknown, init: RequestInit = {}): Promise<T> {
  return getJson<T>(
    path,
    {},
    {
      ...init,
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    },
  )
}

/** Whether `error` is a superseded request's abort, which is not an error to show. */
export const isAbort = (error: unknown): boolean => (error as Error)?.name === 'AbortError'
