import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors/ApiError.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Replaces fastify's body parsers in the scope it is registered in: bytes that are not UTF-8 are
 * refused (400 BODY_INVALID_JSON) instead of silently becoming U+FFFD in a record meant to last.
 * The body limit still applies before parsing (413).
 */
export function useStrictJsonParser(app: FastifyInstance): void {
  // JSON only: fastify's default text/plain parser would let a string reach the schema (400)
  // where the honest answer is 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(new ApiError('BODY_INVALID_JSON', 'the body is not valid UTF-8'), undefined);
      return;
    }
    if (text.trim() === '') {
      done(new ApiError('BODY_INVALID_JSON', 'the body is empty'), undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (err) {
      done(new ApiError('BODY_INVALID_JSON', `the body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`), undefined);
    }
  });
}
