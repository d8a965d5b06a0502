// The shape of one documented operation. Each route file exports its operations beside its
// handlers, with the zod schemas it validates against; createApp collects them, GET
// /api/openapi.json is generated from that list, and a test checks that the app's routes and the
// list are the same set. There is no global registry: the list is whatever createApp was given.
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

/** Express path (/api/chiefs/:id) to OpenAPI path (/api/chiefs/{id}). */
export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}')
