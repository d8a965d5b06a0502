// /api/tokens: the token CLI's work done by the server that holds the embedded store (create,
// list, revoke), for a caller that shows the store's secret (auth/store-secret.ts). No bearer
// token opens these: they are how the first token is made while the server runs.
import { type RequestHandler, Router } from 'express'
import { z } from 'zod'
import { STORE_SECRET_HEADER, sameSecret } from '../../auth/store-secret.ts'
import { createToken, listTokens, ROLES, revokeToken } from '../../auth/tokens.ts'
import { Forbidden, NotFound } from '../../errors.ts'
import type { AppDeps } from '../deps.ts'
import { ErrorBody, parseRequest } from '../openapi/common.ts'
import type { OperationSpec } from '../openapi/operation.ts'
import { textParam } from '../openapi/parameters.ts'

const CreateBody = z
  .object({
    role: z.enum(ROLES),
    label: textParam('label', 100).optional(),
    chief_id: textParam('chief_id', 100).optional(),
  })
  .refine((b) => (b.role === 'chief') === (b.chief_id !== undefined), {
    message: 'chief_id goes with role chief, and only with it',
  })
const IdParams = z.object({ id: z.string().regex(/^\d{1,15}$/, 'id must be a token number') })

const secretResponses = {
  403: { description: 'the store secret is missing or wrong, or this server keeps none', schema: ErrorBody },
}

export const tokensOperations: OperationSpec[] = [
  {
    method: 'post',
    path: '/api/tokens',
    operationId: 'createToken',
    tags: ['import'],
    summary: `Create a bearer token (the token CLI, with the store secret in ${STORE_SECRET_HEADER})`,
    body: CreateBody,
    responses: {
      200: {
        description: 'the token, shown this once',
        schema: z.object({
          id: z.number().int(),
          role: z.enum(ROLES),
          label: z.string().nullable(),
          chief_id: z.string().nullable(),
          token: z.string(),
        }),
      },
      400: { description: 'a bad role or label', schema: ErrorBody },
      ...secretResponses,
    },
  },
  {
    method: 'get',
    path: '/api/tokens',
    operationId: 'listTokens',
    tags: ['import'],
    summary: 'List the tokens (no secrets: only their hashes are stored)',
    responses: {
      200: {
        description: 'the tokens',
        schema: z.object({ tokens: z.array(z.record(z.string(), z.unknown())) }),
      },
      ...secretResponses,
    },
  },
  {
    method: 'delete',
    path: '/api/tokens/{id}',
    operationId: 'revokeToken',
    tags: ['import'],
    summary: 'Revoke a token',
    params: IdParams,
    responses: {
      200: { description: 'revoked', schema: z.object({ revoked: z.number().int() }) },
      404: { description: 'no live token of that id', schema: ErrorBody },
      ...secretResponses,
    },
  },
]

/** Lets through only a request that shows `secret`; every request is refused when there is none. */
function requireStoreSecret(secret: string | undefined): RequestHandler {
  return (req, _res, next) => {
    const presented = req.get(STORE_SECRET_HEADER)
    if (!secret || !presented || !sameSecret(presented, secret))
      throw new Forbidden(
        `managing tokens here needs the secret in the store folder (${STORE_SECRET_HEADER})`,
      )
    next()
  }
}

export function tokensRoutes({ db, storeSecret }: AppDeps): Router {
  const router = Router()
  const guard = requireStoreSecret(storeSecret)
  router.post('/api/tokens', guard, async (req, res) => {
    const { role, label, chief_id } = parseRequest(CreateBody, req.body ?? {}, 'body')
    const token = await createToken(db, role, label, chief_id)
    res.json({
      id: token.id,
      role: token.role,
      label: token.label ?? null,
      chief_id: token.chief_id ?? null,
      token: token.token,
    })
  })
  router.get('/api/tokens', guard, async (_req, res) => {
    res.json({ tokens: await listTokens(db) })
  })
  router.delete('/api/tokens/:id', guard, async (req, res) => {
    const { id } = parseRequest(IdParams, req.params, 'path')
    if (!(await revokeToken(db, Number(id)))) throw new NotFound(`no live token #${id}`)
    res.json({ revoked: Number(id) })
  })
  return router
}
