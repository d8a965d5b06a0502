// The operations registry: every route file declares its operations here, beside its handlers,
// with the zod schemas it validates against. GET /api/openapi.json is generated from this list,
// and a test checks that the app's routes and this list are the same set.
import type { z } from 'zod'

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

export interface ResponseSpec {
  description: string
  /** JSON body; omit for bodies that are not JSON (give contentType) or for no body. */
  schema?: z.ZodType
  /** Defaults to application/json when schema is given. */
  contentType?: string
}

export interface OperationSpec {
  method: HttpMethod
  /** OpenAPI form: /api/chiefs/{id}. */
  path: string
  operationId: string
  summary: string
  description?: string
  tags: string[]
  /** Query parameters: each key of the object is one parameter. */
  query?: z.ZodObject
  /** Path parameters: each key must appear in the path as {key}. */
  params?: z.ZodObject
  /** JSON request body. */
  body?: z.ZodType
  /** A request body that is not JSON (e.g. multipart uploads), as an OpenAPI requestBody object. */
  requestBody?: Record<string, unknown>
  /** Keyed by status code; error statuses get the common error body when no schema is given. */
  responses: Record<number, ResponseSpec>
  /** Bearer-token protected operations. */
  security?: 'bearer'
}

const operations = new Map<string, OperationSpec>()
/** Keys whose operation was declared on a route's behalf, to be replaced by the route's own. */
const fallbacks = new Set<string>()

const keyOf = (operation: OperationSpec) => `${operation.method.toUpperCase()} ${operation.path}`

/** Idempotent per method+path, so building the app twice (tests) does not duplicate anything. */
export function registerOperation(operation: OperationSpec): OperationSpec {
  operations.set(keyOf(operation), operation)
  fallbacks.delete(keyOf(operation))
  return operation
}

/**
 * Declares an operation on behalf of a route file that does not (yet) declare its own; the
 * route's own registerOperation, whenever it runs, wins.
 */
export function registerFallbackOperation(operation: OperationSpec): void {
  const key = keyOf(operation)
  if (operations.has(key) && !fallbacks.has(key)) return
  operations.set(key, operation)
  fallbacks.add(key)
}

export function listOperations(): OperationSpec[] {
  return [...operations.values()].sort((a, b) =>
    a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path),
  )
}

/** Express path (/api/chiefs/:id) to OpenAPI path (/api/chiefs/{id}). */
export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}')
