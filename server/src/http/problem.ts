// Every error leaves as RFC 9457 problem+json; 5xx text never reaches the client.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, type FieldError } from '../kernel/app-error.ts'

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  code: string
  errors?: FieldError[]
  instance?: string
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

// Fastify's own client errors, given stable codes of ours.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid_content_length',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.empty_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.invalid_json',
  FST_ERR_CTP_INVALID_TYPE: 'request.invalid_content_type',
  FST_ERR_BAD_URL: 'request.bad_url',
  FST_ERR_MAX_PARAM_LENGTH: 'request.uri_too_long',
  FST_ERR_ASYNC_CONSTRAINT: 'request.bad_constraint',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'request.not_multipart',
  FST_REQ_FILE_TOO_LARGE: 'media.too_large',
  FST_FILES_LIMIT: 'media.too_many_files',
  FST_PARTS_LIMIT: 'media.too_many_parts',
  FST_FIELDS_LIMIT: 'media.too_many_fields',
}

export function problemOf(error: unknown, request: FastifyRequest): Problem {
  if (error instanceof AppError) {
    return build(error.status, error.code, error.message, request, error.extra.errors)
  }
  const e = error as FastifyError & { validation?: { instancePath: string; message?: string; params?: unknown }[] }
  if (e.validation) {
    const errors = e.validation.map((v) => ({
      path: fieldPath(e.validationContext, v),
      message: v.message ?? 'invalid',
    }))
    return build(400, 'validation.failed', 'The request is not valid', request, errors)
  }
  const status = e.statusCode ?? 500
  if (status >= 400 && status < 500) {
    const code = FASTIFY_CODES[e.code] ?? (e.code === 'FST_ERR_NOT_FOUND' ? 'not_found' : `request.${status}`)
    // SyntaxError text from the JSON parser is safe and helpful; other messages come from Fastify itself.
    return build(status, code, e.message || TITLES[status] || 'Bad request', request)
  }
  return build(500, 'internal', 'Something went wrong on our side; it has been logged', request)
}

function fieldPath(part: string | undefined, v: { instancePath: string; params?: unknown }): string {
  const params = (v.params ?? {}) as Record<string, unknown>
  const extra =
    typeof params.additionalProperty === 'string'
      ? `/${params.additionalProperty}`
      : typeof params.missingProperty === 'string'
        ? `/${params.missingProperty}`
        : ''
  return `${part ?? 'body'}${v.instancePath}${extra}`
}

function build(status: number, code: string, detail: string, request: FastifyRequest, errors?: FieldError[]): Problem {
  return {
    type: `/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
    instance: request.id,
  }
}

export function sendProblem(reply: FastifyReply, problem: Problem, retryAfterSeconds?: number) {
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterSeconds))))
  return reply.status(problem.status).type('application/problem+json').send(problem)
}
