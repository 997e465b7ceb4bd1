import type { FastifyRequest } from 'fastify';
import type { Actor } from '../domain/actor.js';
import { ApiError } from '../errors/ApiError.js';
import type { TokenStore } from './TokenStore.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authenticate hook of routes that require a token. */
    actor?: Actor;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * An onRequest hook: runs before the body is read, so an anonymous caller learns nothing about
 * the route's schema and never makes the server parse a large body. 401 UNAUTHENTICATED for a
 * missing, malformed, unknown or revoked token.
 */
export function authenticate(tokens: TokenStore) {
  return async (request: FastifyRequest): Promise<void> => {
    const match = BEARER.exec(request.headers.authorization ?? '');
    const token = match?.[1];
    if (token === undefined) throw new ApiError('UNAUTHENTICATED', 'a bearer token is required (Authorization: Bearer dbn_…)');
    const actor = await tokens.actorFor(token);
    if (actor === null) throw new ApiError('UNAUTHENTICATED', 'the bearer token is unknown or revoked');
    request.actor = actor;
  };
}

/** The actor of an authenticated route; a route without the hook asking for it is a bug. */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === undefined) throw new Error(`route ${request.routeOptions.url ?? ''} has no authenticate hook`);
  return request.actor;
}
