import { sql } from 'kysely';
import type { Executor, ProjectedEvent, Projection, TableNames } from '#src/projections/Projection.js';

type Tables = 'directory_units' | 'directory_agencies' | 'directory_cadres';

/**
 * The names other read models show: units, agencies and cadres as they stand now. A cadre's name
 * is kept only as its commitment: the plain value lives in the erasable personal-data vault and is
 * revealed at query time, so erasing it never leaves a copy in a read model.
 */
export const directory: Projection<Tables> = {
  name: 'directory',
  version: 1,
  eventTypes: ['UnitEstablished', 'UnitRenamed', 'AgencyRegistered', 'AgencyRenamed', 'CadreRegistered', 'CadrePositionChanged', 'CadreTransferred', 'CadreRetired'],
  tables: {
    directory_units: (t) => `CREATE TABLE ${t} (code text PRIMARY KEY, name text NOT NULL, type text NOT NULL, level text NOT NULL)`,
    directory_agencies: (t) => `
      CREATE TABLE ${t} (agency_id uuid PRIMARY KEY, name text NOT NULL, kind text NOT NULL, unit_code text NOT NULL)`,
    directory_cadres: (t) => `
      CREATE TABLE ${t} (
        cadre_id              uuid PRIMARY KEY,
        full_name_commitment  text NOT NULL,
        agency_id             uuid NOT NULL,
        position              text NOT NULL,
        level                 text NOT NULL,
        in_succession_plan    boolean NOT NULL,
        retired_on            date
      );
      CREATE INDEX ${t}_agency ON ${t} (agency_id)`,
  },
  async apply(trx: Executor, events: readonly ProjectedEvent[], t: TableNames<Tables>) {
    for (const e of events) await applyOne(trx, e, t);
  },
};

async function applyOne(trx: Executor, e: ProjectedEvent, t: TableNames<Tables>): Promise<void> {
  switch (e.type) {
    case 'UnitEstablished':
      await trx.insertInto(t.directory_units).values({ code: e.data.code, name: e.data.name, type: e.data.type, level: e.data.level }).execute();
      return;
    case 'UnitRenamed':
      await sql`UPDATE ${sql.table(t.directory_units)} SET name = ${e.data.name}, type = coalesce(${e.data.type ?? null}, type) WHERE code = ${e.data.code}`.execute(trx);
      return;
    case 'AgencyRegistered':
      await trx.insertInto(t.directory_agencies).values({ agency_id: e.data.agencyId, name: e.data.name, kind: e.data.kind, unit_code: e.data.unitCode }).execute();
      return;
    case 'AgencyRenamed':
      await sql`UPDATE ${sql.table(t.directory_agencies)} SET name = ${e.data.name} WHERE agency_id = ${e.data.agencyId}`.execute(trx);
      return;
    case 'CadreRegistered':
      await trx.insertInto(t.directory_cadres).values({
        cadre_id: e.data.cadreId, full_name_commitment: e.data.fullName.commitment, agency_id: e.data.agencyId, position: e.data.position,
        level: e.data.level, in_succession_plan: e.data.inSuccessionPlan,
      }).execute();
      return;
    case 'CadrePositionChanged':
      await sql`UPDATE ${sql.table(t.directory_cadres)} SET position = ${e.data.position}, in_succession_plan = ${e.data.inSuccessionPlan}
                WHERE cadre_id = ${e.data.cadreId}`.execute(trx);
      return;
    case 'CadreTransferred':
      await sql`UPDATE ${sql.table(t.directory_cadres)} SET agency_id = ${e.data.toAgencyId}, position = ${e.data.position}, level = ${e.data.level}
                WHERE cadre_id = ${e.data.cadreId}`.execute(trx);
      return;
    case 'CadreRetired':
      await sql`UPDATE ${sql.table(t.directory_cadres)} SET retired_on = ${e.data.effectiveDate} WHERE cadre_id = ${e.data.cadreId}`.execute(trx);
      return;
    default:
      return;
  }
}
