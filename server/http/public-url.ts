// Absolute URLs in answers (TileJSON `tiles`, style sources, OGC API links) must be the ones the
// client used, also behind a reverse proxy that terminates TLS or mounts us under a prefix.
import type { Request } from 'express'
import type { Config } from '../config.ts'

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.split(',')[0].trim()

/**
 * The base URL of this server as the client sees it, without a trailing slash, e.g.
 * `https://gis.example.cn/rcgis`. PUBLIC_URL wins; with TRUST_PROXY, X-Forwarded-Proto,
 * X-Forwarded-Host and X-Forwarded-Prefix (as nginx sets them) are honoured; otherwise the
 * request's own protocol and Host. Forwarded headers are ignored unless TRUST_PROXY is set, since
 * anyone can send them.
 */
export function publicBaseUrl(req: Request, config: Pick<Config, 'PUBLIC_URL' | 'TRUST_PROXY'>): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, '')
  const forwarded = config.TRUST_PROXY
  const proto = (forwarded && first(req.headers['x-forwarded-proto'])) || req.protocol
  const host = (forwarded && first(req.headers['x-forwarded-host'])) || req.headers.host || 'localhost'
  const prefix = (forwarded && first(req.headers['x-forwarded-prefix'])) || ''
  return `${proto}://${host}${prefix.replace(/\/+$/, '')}`
}
