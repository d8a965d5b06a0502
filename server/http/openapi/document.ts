// The OpenAPI 3.1 document, generated from the route files' operations: the zod schemas that validate
// requests and type the answers are the schemas published, so the two cannot drift apart.
import { z } from 'zod'
import { ErrorBody } from './common.ts'
import type { OperationSpec, ResponseSpec } from './operation.ts'

type Json = Record<string, unknown>

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  503: 'Unavailable',
}

class SchemaConverter {
  readonly components: Record<string, Json> = {}

  convert(schema: z.ZodType, io: 'input' | 'output'): Json {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json
    const defs = (json.$defs ?? {}) as Record<string, Json>
    delete json.$defs
    delete json.$schema
    for (const [name, def] of Object.entries(defs)) this.components[name] = this.rewrite(def)
    // A schema with an id comes back with its id as a key; publish it as a component and refer to it.
    if (typeof json.id === 'string') {
      const { id, ...rest } = json
      this.components[id as string] = this.rewrite(rest)
      return { $ref: `#/components/schemas/${id}` }
    }
    return this.rewrite(json)
  }

  private rewrite(json: Json): Json {
    return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/'))
  }
}

function parameters(converter: SchemaConverter, schema: z.ZodObject | undefined, where: 'query' | 'path') {
  if (!schema) return []
  const json = converter.convert(schema, 'input')
  const properties = (json.properties ?? {}) as Record<string, Json>
  const required = new Set((json.required ?? []) as string[])
  return Object.entries(properties).map(([name, { description, ...propertySchema }]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(description ? { description } : {}),
    schema: propertySchema,
  }))
}

function response(converter: SchemaConverter, status: number, spec: ResponseSpec): Json {
  const schema = spec.schema ?? (status >= 400 ? ErrorBody : undefined)
  if (!schema) {
    return spec.contentType
      ? { description: spec.description, content: { [spec.contentType]: {} } }
      : { description: spec.description }
  }
  return {
    description: spec.description,
    content: { [spec.contentType ?? 'application/json']: { schema: converter.convert(schema, 'output') } },
  }
}

/**
 * The OpenAPI 3.1 document of `operations` (any order; paths come out sorted, methods sorted
 * within a path). Throws if zod cannot convert a schema. Pure: the same list gives the same
 * document.
 */
export function buildOpenApiDocument(
  operations: readonly OperationSpec[],
  info: { title: string; version: string },
): Json {
  const converter = new SchemaConverter()
  const paths: Record<string, Record<string, Json>> = {}
  const sorted = [...operations].sort((a, b) =>
    a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path),
  )
  for (const op of sorted) {
    if (paths[op.path]?.[op.method])
      throw new Error(`${op.method.toUpperCase()} ${op.path} is declared twice`)
    const operation: Json = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: op.tags,
      parameters: [...parameters(converter, op.params, 'path'), ...parameters(converter, op.query, 'query')],
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, spec]) => [
          status,
          response(converter, Number(status), {
            ...spec,
            description: spec.description || STATUS_TEXT[Number(status)],
          }),
        ]),
      ),
    }
    if (op.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: converter.convert(op.body, 'input') } },
      }
    } else if (op.requestBody) {
      operation.requestBody = op.requestBody
    }
    if (op.security === 'bearer') operation.security = [{ bearer: [] }]
    paths[op.path] ??= {}
    paths[op.path][op.method] = operation
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'Spatial query API of the Kunming river chief system (河长制). Coordinates are stored in EPSG:4490 (CGCS2000); metres are geodesic. Errors are {error: {code, message}}.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: converter.components,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  }
}
