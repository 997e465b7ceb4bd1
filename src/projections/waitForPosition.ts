import { sql } from 'kysely';
import type { AppServices } from '../http/AppServices.js';
import { ApiError } from '../errors/ApiError.js';

const POLL_MS = 25;

/** The lowest checkpoint among the active builds of these projections (0 for one not built yet). */
export async function activePosition(services: Pick<AppServices, 'database'>, names: readonly string[]): Promise<bigint> {
  const rows = await sql<{ name: string; position: string | bigint }>`
    SELECT name, position FROM projection_state WHERE status = 'active' AND name = ANY (${[...names]}::text[])`.execute(services.database.db);
  const byName = new Map(rows.rows.map((r) => [r.name, BigInt(r.position)]));
  const positions = names.map((name) => byName.get(name) ?? 0n);
  return positions.reduce((low, p) => (p < low ? p : low), positions[0] ?? 0n);
}

/**
 * Read-your-writes: a command answers with its position, and a query given `minPosition=` waits
 * until the read models it reads have applied that far, so the caller sees its own change. The
 * wait is bounded; past it the answer is 503 PROJECTION_LAGGING with the lag, never stale rows
 * presented as current.
 */
export async function waitForPosition(
  services: Pick<AppServices, 'database'>,
  minPosition: bigint | undefined,
  projectionNames: readonly string[],
  timeoutMs = 5000,
): Promise<void> {
  if (minPosition === undefined || minPosition <= 0n) return;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reached = await activePosition(services, projectionNames);
    if (reached >= minPosition) return;
    if (Date.now() >= deadline) {
      throw new ApiError(
        'PROJECTION_LAGGING',
        `read models ${projectionNames.join(', ')} are at position ${reached}, ${minPosition - reached} behind the requested ${minPosition}; retry shortly`,
        'minPosition',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
  }
}
