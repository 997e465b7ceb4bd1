import type { Executor, ProjectedEvent, Projection, TableNames } from '#src/projections/Projection.js';
import { applyContextEvents, contextEventTypes, contextTableDdl } from '../attendance/context.js';
import { applyCadreRatings, applyUnitRatings } from './ratings.js';

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
    const ratings = await applyContextEvents(trx, tables.evaluations_context, events);
    await applyCadreRatings(trx, tables.evaluations_cadres, ratings);
    await applyUnitRatings(trx, tables.evaluations_units, ratings);
  },
};
