// Two Ajv instances: bodies are validated strictly (no type coercion, unknown fields rejected);
// query strings and path params arrive as text, so there numbers and booleans are coerced.
import { Ajv, type Options } from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifySchemaCompiler } from 'fastify'
import { validationFailed } from '../kernel/app-error.ts'

function makeAjv(options: Options) {
  const ajv = new Ajv({ allErrors: false, removeAdditional: false, useDefaults: true, strict: false, ...options })
  addFormats.default(ajv)
  return ajv
}

export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = makeAjv({ coerceTypes: false })
  const coercing = makeAjv({ coerceTypes: 'array' })
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing
    return ajv.compile(schema as object)
  }
}

const isPlainObject = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A preValidation hook for routes that take no body: none, or an empty JSON object; anything else is a 400. */
export async function requireEmptyBody(request: { body: unknown }) {
  const body = request.body
  if (body !== undefined && !(isPlainObject(body) && Object.keys(body).length === 0))
    throw validationFailed([{ path: 'body', message: 'must be empty' }])
}
