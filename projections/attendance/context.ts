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

/**
 * Stores a batch's context events in one statement (a rebuild hands over thousands per batch;
 * one INSERT each was most of its time) and returns the batch's other events, in order.
 */
export async function applyContextEvents(trx: Executor, table: string, events: readonly ProjectedEvent[]): Promise<ProjectedEvent[]> {
  const context = events.filter((e) => contextTypes.has(e.type));
  if (context.length > 0) {
    const rows = context.map((e) => ({ position: e.position.toString(), stream_id: e.streamId, type: e.type, data: e.data }));
    await sql`INSERT INTO ${sql.table(table)} (position, stream_id, type, data)
              SELECT position, stream_id, type, data
              FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(position bigint, stream_id text, type text, data jsonb)
              ON CONFLICT (position) DO NOTHING`.execute(trx);
  }
  return context.length === 0 ? [...events] : events.filter((e) => !contextTypes.has(e.type));
}
