import { sql } from 'kysely';
import type { EventType } from '#events/registry.js';
import type { Executor, ProjectedEvent } from '#src/projections/Projection.js';

/**
 * The context a dashboard needs around its own rows: units (for province and district), agencies,
 * cadres (posting on a date), boards (assignment periods) and quota policies. Kept as the events
 * themselves and folded with the domain's `evolve` when queried, so every dated rule (a backdated
 * transfer, an amendment recorded after a later one, a reparenting) is the domain's, not a copy.
 * Each read model keeps its own copy, so it rebuilds on its own.
 */
export const contextEventTypes = [
  'UnitEstablished', 'UnitRenamed', 'UnitReparented', 'UnitsMerged', 'UnitDissolved',
  'AgencyRegistered', 'AgencyRenamed',
  'CadreRegistered', 'CadreTransferred', 'CadrePositionChanged', 'CadreRetired',
  'QuotaPolicyIssued', 'QuotaPolicyAmended', 'QuotaPolicyRepealed',
  'CadreAssigned', 'AgencyAssignedToSupportUnit', 'AssignmentEnded', 'CadreRotated',
] as const satisfies readonly EventType[];

const contextTypes: ReadonlySet<string> = new Set(contextEventTypes);

export function contextTableDdl(t: string): string {
  return `
    CREATE TABLE ${t} (
      position  bigint PRIMARY KEY,
      stream_id text   NOT NULL,
      type      text   NOT NULL,
      data      jsonb  NOT NULL
    );
    CREATE INDEX ${t}_stream ON ${t} (stream_id, position);
  `;
}

/** Stores the context events of a batch; true when `e` was one (the caller skips it then). */
export async function applyContext(trx: Executor, table: string, e: ProjectedEvent): Promise<boolean> {
  if (!contextTypes.has(e.type)) return false;
  await sql`INSERT INTO ${sql.table(table)} (position, stream_id, type, data)
            VALUES (${e.position.toString()}, ${e.streamId}, ${e.type}, ${JSON.stringify(e.data)}::jsonb)
            ON CONFLICT (position) DO NOTHING`.execute(trx);
  return true;
}
