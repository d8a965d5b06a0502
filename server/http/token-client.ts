// The token CLI's client of /api/tokens (routes/tokens.ts): when a server holds the embedded
// store, the CLI cannot open it (two processes on one PGlite folder would corrupt it), so it
// asks that server, showing the secret the server left in the store folder.
import { STORE_SECRET_HEADER } from '../auth/store-secret.ts'
import type { Role, TokenInfo, TokenListing } from '../auth/tokens.ts'
import { AppError, Unavailable } from '../errors.ts'

export type TokenCommand =
  | { command: 'create'; role: Role; label?: string; chiefId?: string }
  | { command: 'list' }
  | { command: 'revoke'; id: number }

/**
 * Runs `job` on the server at `serverUrl` with the store `secret`. Resolves to the created token,
 * the listing, or the revoked id.
 * @throws Unavailable when the server cannot be reached; AppError with the server's own message
 *   and status otherwise (403 wrong secret, 404 no such token, 400 bad input).
 */
export async function tokenCommandRemotely(
  serverUrl: string,
  secret: string,
  job: TokenCommand,
): Promise<(TokenInfo & { token: string }) | { tokens: TokenListing[] } | { revoked: number }> {
  const [method, path, body] =
    job.command === 'create'
      ? ['POST', '/api/tokens', JSON.stringify({ role: job.role, label: job.label, chief_id: job.chiefId })]
      : job.command === 'list'
        ? ['GET', '/api/tokens', undefined]
        : ['DELETE', `/api/tokens/${job.id}`, undefined]
  let response: Response
  try {
    response = await fetch(new URL(path, serverUrl), {
      method,
      headers: {
        [STORE_SECRET_HEADER]: secret,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body,
    })
  } catch {
    throw new Unavailable(`the server at ${serverUrl} that holds the store does not answer`)
  }
  const answer = await response.json().catch(() => null)
  if (!response.ok)
    throw new AppError(
      response.status,
      answer?.error?.code ?? 'http',
      answer?.error?.message ?? `the server at ${serverUrl} answered HTTP ${response.status}`,
    )
  return answer
}
