import { z } from 'zod';
import type { CommandOutcome } from '../../../commands/CommandOutcome.js';

/** What every command route answers with 201. Versions and positions are decimal strings (64-bit). */
export const CommandAnswer = z.object({
  id: z.string(),
  streamId: z.string(),
  version: z.string().regex(/^\d+$/),
  position: z.string().regex(/^\d+$/),
  events: z.array(z.object({ id: z.uuid(), type: z.string() })),
});
export type CommandAnswer = z.infer<typeof CommandAnswer>;

export function commandAnswer({ id, result }: CommandOutcome): CommandAnswer {
  return {
    id,
    streamId: result.streamId,
    version: result.version.toString(),
    position: result.position.toString(),
    events: result.events.map((event) => ({ id: event.id, type: event.type })),
  };
}

/** Headers a command route reads; others pass through untouched. */
export const CommandHeaders = z.looseObject({
  'idempotency-key': z.string().min(1).max(200).optional(),
  /** RFC 9110 §13.1.1 wants an entity tag; a bare version number is accepted too. */
  'if-match': z.string().regex(/^(?:"\d{1,18}"|\d{1,18})$/, 'expected a stream version such as "3"').optional(),
  'x-correlation-id': z.string().min(1).max(200).optional(),
});

export function parseIfMatch(value: string | undefined): bigint | undefined {
  return value === undefined ? undefined : BigInt(value.replaceAll('"', ''));
}
