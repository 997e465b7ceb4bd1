/**
 * Every stable error code diaban answers with, its HTTP status and meaning, in one place (as
 * fastify's FST_ERR_* table). Domain and store errors carry only a code; the HTTP layer looks the
 * status up here. The README's error table is generated from this list (`diaban errors`).
 */
import { domainErrorCodeInfos, eventSchemaErrorCodeInfos } from './domainCodes.js';
import { ledgerErrorCodeInfos } from './ledgerCodes.js';
import { queryErrorCodeInfos } from './queryCodes.js';

export interface ErrorCodeInfo {
  status: number;
  meaning: string;
}

const registry = new Map<string, ErrorCodeInfo>();

export function registerErrorCodes(codes: Record<string, ErrorCodeInfo>): void {
  for (const [code, info] of Object.entries(codes)) {
    const existing = registry.get(code);
    if (existing && (existing.status !== info.status || existing.meaning !== info.meaning)) {
      throw new Error(`error code ${code} registered twice with different meanings`);
    }
    registry.set(code, info);
  }
}

export function errorCodeInfo(code: string): ErrorCodeInfo | undefined {
  return registry.get(code);
}

export function allErrorCodes(): [string, ErrorCodeInfo][] {
  return [...registry.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Codes of the HTTP layer itself and of the store port. */
registerErrorCodes({
  VALIDATION_FAILED: { status: 400, meaning: 'The request does not match the schema; `field` names the first bad field.' },
  BODY_INVALID_JSON: { status: 400, meaning: 'The body is not valid JSON or not valid UTF-8.' },
  BODY_TOO_LARGE: { status: 413, meaning: 'The body is larger than the limit.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'The body is not application/json.' },
  UNAUTHENTICATED: { status: 401, meaning: 'No bearer token, or the token is unknown or revoked.' },
  FORBIDDEN: { status: 403, meaning: 'The token’s role or scope does not allow this.' },
  NOT_FOUND: { status: 404, meaning: 'No such resource or route.' },
  METHOD_NOT_ALLOWED: { status: 405, meaning: 'The route exists but not with this method.' },
  PRECONDITION_FAILED: { status: 412, meaning: 'If-Match names another version than the stream’s current one.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, meaning: 'The Idempotency-Key was used before with another request body.' },
  SERVICE_UNAVAILABLE: { status: 503, meaning: 'The database is not reachable or not migrated yet.' },
  INTERNAL: { status: 500, meaning: 'An unexpected error; the log has the details under the request id.' },
  STORE_EXPECTED_VERSION_CONFLICT: { status: 409, meaning: 'The stream changed concurrently and retries ran out; retry the request.' },
  STORE_EVENT_ID_CONFLICT: { status: 409, meaning: 'An event id was reused with other content.' },
  STORE_STREAM_KEY_CONFLICT: { status: 409, meaning: 'The id is already taken by another record.' },
  STORE_INVALID_ARGUMENT: { status: 400, meaning: 'The store refused the events as malformed.' },
  STORE_EVENT_IMMUTABLE: { status: 500, meaning: 'Something tried to change a stored event; the database refused.' },
  STORE_UNAVAILABLE: { status: 503, meaning: 'The event store could not be reached.' },
});

/** The domain's rule codes and the event-schema codes, with their statuses (domainCodes.ts). */
registerErrorCodes(domainErrorCodeInfos);
registerErrorCodes(eventSchemaErrorCodeInfos);
/** The ledger's codes (ledgerCodes.ts). */
registerErrorCodes(ledgerErrorCodeInfos);
/** The read-model routes' codes (queryCodes.ts). */
registerErrorCodes(queryErrorCodeInfos);
