import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorCodeInfo } from '../errors/registry.js';

interface CodedError {
  code: string;
  message: string;
  field?: string;
}

/** Fastify's own codes for body problems, mapped to ours. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BODY_INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BODY_INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BODY_INVALID_JSON',
};

/**
 * Every error leaves as `{ code, message, field? }` with the registry's status. Anything without a
 * registered code is a bug: logged with its stack, answered 500 INTERNAL without internals.
 */
export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const coded = toCoded(err);
  const info = coded ? errorCodeInfo(coded.code) : undefined;
  if (!coded || !info) {
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ code: 'INTERNAL', message: `internal error (request ${request.id})` });
  }
  if (info.status >= 500) request.log.error({ err }, coded.message);
  const body: CodedError = { code: coded.code, message: coded.message };
  if (coded.field !== undefined) body.field = coded.field;
  return reply.code(info.status).send(body);
}

function toCoded(err: FastifyError): CodedError | undefined {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issue = err.validation[0];
    const path = issue?.instancePath?.replace(/^\//, '').replaceAll('/', '.') ?? '';
    const part = err.validationContext ?? 'body';
    const field = path ? `${part}.${path}` : part;
    return { code: 'VALIDATION_FAILED', message: `${field}: ${issue?.message ?? 'invalid'}`, field };
  }
  if (err.validation) {
    return { code: 'VALIDATION_FAILED', message: err.message, field: err.validationContext ?? 'body' };
  }
  const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (mapped) return { code: mapped, message: err.message };
  if (err.code && typeof err.code === 'string' && errorCodeInfo(err.code)) {
    const field = (err as { field?: unknown }).field;
    return { code: err.code, message: err.message, ...(typeof field === 'string' ? { field } : {}) };
  }
  if (err.statusCode === 400) return { code: 'BODY_INVALID_JSON', message: err.message };
  return undefined;
}
