import { z } from 'zod';
import type { ActorRole } from '../domain/actor.js';

/** The roles a token may carry: every ActorRole but `system`, which only processes act as. */
export const TokenRole = z.enum(['admin', 'organizer', 'cadre', 'unit-committee', 'agency', 'inspector', 'viewer']);
export type TokenRole = z.infer<typeof TokenRole> & ActorRole;

export const tokenRoles: readonly TokenRole[] = TokenRole.options;

export function isTokenRole(role: string): role is TokenRole {
  return TokenRole.safeParse(role).success;
}
