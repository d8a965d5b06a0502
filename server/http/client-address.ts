// The address a request came from, for per-client limits: behind a reverse proxy every request
// arrives from the proxy, so with TRUST_PROXY the address the proxy saw counts instead.
import type { Request } from 'express'
import type { Config } from '../config.ts'

/**
 * The client's IP address: with TRUST_PROXY the **last** X-Forwarded-For entry, the one the proxy
 * itself appended (nginx `$proxy_add_x_forwarded_for`); the entries before it are whatever the
 * client sent and could be forged. Without TRUST_PROXY, or without the header, the socket's peer.
 * Returns '' when the socket has already closed (no peer address).
 */
export function clientAddress(req: Request, config: Pick<Config, 'TRUST_PROXY'>): string {
  const header = req.headers['x-forwarded-for']
  const forwarded = Array.isArray(header) ? header.join(',') : header
  const last = forwarded?.split(',').at(-1)?.trim()
  return (config.TRUST_PROXY && last) || req.socket.remoteAddress || ''
}
