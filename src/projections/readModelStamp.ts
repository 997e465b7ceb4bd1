import { sql } from 'kysely';
import type { Executor } from './Projection.js';

/**
 * What the views of these read models show, named: each one's active build (version, generation)
 * and the checkpoint of the last batch that brought it events of its types (changed_position,
 * migration 0010). Their rows change only in such batches and at a switch of build, so an answer
 * read from them after this stamp holds until the stamp moves. A build's checkpoint itself moves
 * with every event in the log and would not do: the visits logged all day would move the stamp of
 * coverage, which reads assignments and units only.
 */
export async function readModelStamp(db: Executor, names: readonly string[]): Promise<{ stamp: string; complete: boolean }> {
  const rows = await sql<{ stamp: string | null; builds: number }>`
    SELECT string_agg(name || ':' || version || 'g' || generation || '@' || changed_position, ' ' ORDER BY name) AS stamp, count(*)::int AS builds
    FROM projection_state WHERE status = 'active' AND name = ANY (${[...names]}::text[])`.execute(db);
  const row = rows.rows[0];
  // Incomplete: a name with no active build (none yet, or no such read model).
  return { stamp: row?.stamp ?? '', complete: (row?.builds ?? 0) === new Set(names).size };
}
