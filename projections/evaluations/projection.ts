import { sql } from 'kysely';
import type { Executor, ProjectedEvent, Projection, TableNames } from '#src/projections/Projection.js';
import { applyContextEvents, contextEventTypes, contextTableDdl } from '../attendance/context.js';

type Tables = 'evaluations_cadres' | 'evaluations_units' | 'evaluations_context';

/**
 * Yearly ratings on the four levels of 124-QĐ/TW / 366-QĐ/TW (domain-notes §5b, confirmed): a
 * commune committee's evaluation of the cadres who followed it, and a superior committee's rating
 * of its communes. An amendment replaces the rating and is counted, as in evaluation/state.ts.
 */
export const evaluations: Projection<Tables> = {
  name: 'evaluations',
  version: 1,
  eventTypes: ['CadreEvaluated', 'CadreEvaluationAmended', 'UnitRated', ...contextEventTypes],
  tables: {
    evaluations_cadres: (t) => `
      CREATE TABLE ${t} (
        evaluation_id       uuid    PRIMARY KEY,
        committee_unit_code text    NOT NULL,
        cadre_id            uuid    NOT NULL,
        year                integer NOT NULL,
        rating              text    NOT NULL,
        amendments          integer NOT NULL DEFAULT 0,
        position            bigint  NOT NULL
      );
      CREATE INDEX ${t}_year ON ${t} (year, committee_unit_code);
    `,
    evaluations_units: (t) => `
      CREATE TABLE ${t} (
        committee_unit_code text    NOT NULL,
        unit_code           text    NOT NULL,
        year                integer NOT NULL,
        rating              text    NOT NULL,
        position            bigint  NOT NULL,
        PRIMARY KEY (committee_unit_code, unit_code, year)
      );
    `,
    evaluations_context: contextTableDdl,
  },
  async apply(trx: Executor, events: readonly ProjectedEvent[], tables: TableNames<Tables>) {
    for (const e of await applyContextEvents(trx, tables.evaluations_context, events)) await applyRating(trx, tables, e);
  },
};

async function applyRating(trx: Executor, tables: TableNames<Tables>, e: ProjectedEvent): Promise<void> {
  const position = e.position.toString();
  switch (e.type) {
    case 'CadreEvaluated': {
      const { evaluationId, committeeUnitCode, cadreId, year, rating } = e.data;
      await sql`INSERT INTO ${sql.table(tables.evaluations_cadres)} (evaluation_id, committee_unit_code, cadre_id, year, rating, position)
                VALUES (${evaluationId}, ${committeeUnitCode}, ${cadreId}, ${year}, ${rating}, ${position})
                ON CONFLICT (evaluation_id) DO NOTHING`.execute(trx);
      return;
    }
    case 'CadreEvaluationAmended':
      await sql`UPDATE ${sql.table(tables.evaluations_cadres)}
                SET rating = coalesce(${e.data.rating ?? null}, rating), amendments = amendments + 1, position = ${position}
                WHERE evaluation_id = ${e.data.evaluationId}`.execute(trx);
      return;
    case 'UnitRated': {
      const { committeeUnitCode, unitCode, year, rating } = e.data;
      // The domain keeps the first rating of a unit in a year (evaluation/state.ts): so does this.
      await sql`INSERT INTO ${sql.table(tables.evaluations_units)} (committee_unit_code, unit_code, year, rating, position)
                VALUES (${committeeUnitCode}, ${unitCode}, ${year}, ${rating}, ${position})
                ON CONFLICT DO NOTHING`.execute(trx);
      return;
    }
    default:
      return;
  }
}
