import { sql } from 'kysely';
import type { Executor, ProjectedEvent, Projection, TableNames } from '#src/projections/Projection.js';
import { foldName } from './fold.js';
import { unitTables, type UnitTables } from './tables.js';

type T = TableNames<UnitTables>;

/**
 * Administrative units through time: `units` is each unit as it stands now (name, parent, when it
 * was established and dissolved), `unit_names` and `unit_parents` hold every name and parent with
 * its valid time [valid_from, valid_to), `unit_merges` says which units went into which (a new
 * commune's predecessors), and `unit_changes` is the history a unit page lists, one row per change
 * (a merge appears in the history of every unit it names).
 */
export const unitLineage: Projection<UnitTables> = {
  name: 'unit-lineage',
  version: 1,
  eventTypes: ['UnitEstablished', 'UnitRenamed', 'UnitReparented', 'UnitsMerged', 'UnitDissolved'],
  tables: unitTables,
  async apply(trx: Executor, events: readonly ProjectedEvent[], t: T) {
    for (const e of events) await applyOne(trx, e, t);
  },
};

async function applyOne(trx: Executor, e: ProjectedEvent, t: T): Promise<void> {
  const position = e.position.toString();
  switch (e.type) {
    case 'UnitEstablished': {
      const d = e.data;
      await trx.insertInto(t.units).values({
        code: d.code, level: d.level, name: d.name, folded_name: foldName(d.name), type: d.type, parent_code: d.parentCode, established_on: d.effectiveDate,
      }).execute();
      await trx.insertInto(t.unit_names).values({ code: d.code, name: d.name, folded_name: foldName(d.name), type: d.type, valid_from: d.effectiveDate, position }).execute();
      if (d.parentCode !== null) await trx.insertInto(t.unit_parents).values({ code: d.code, parent_code: d.parentCode, valid_from: d.effectiveDate, position }).execute();
      await change(trx, t, d.code, position, 'established', d.effectiveDate, d.decisionRef, { name: d.name, type: d.type, level: d.level, parentCode: d.parentCode });
      return;
    }
    case 'UnitRenamed': {
      const d = e.data;
      const previous = await closeOpen(trx, t.unit_names, d.code, d.effectiveDate);
      const type = d.type ?? previous?.type ?? '';
      await trx.insertInto(t.unit_names).values({ code: d.code, name: d.name, folded_name: foldName(d.name), type, valid_from: d.effectiveDate, position }).execute();
      await sql`UPDATE ${sql.table(t.units)} SET name = ${d.name}, folded_name = ${foldName(d.name)}, type = ${type} WHERE code = ${d.code}`.execute(trx);
      await change(trx, t, d.code, position, 'renamed', d.effectiveDate, d.decisionRef, { name: d.name, type, previousName: previous?.name ?? null });
      return;
    }
    case 'UnitReparented': {
      const d = e.data;
      await closeOpen(trx, t.unit_parents, d.code, d.effectiveDate);
      await trx.insertInto(t.unit_parents).values({ code: d.code, parent_code: d.parentCode, valid_from: d.effectiveDate, position }).execute();
      await sql`UPDATE ${sql.table(t.units)} SET parent_code = ${d.parentCode} WHERE code = ${d.code}`.execute(trx);
      await change(trx, t, d.code, position, 'reparented', d.effectiveDate, d.decisionRef, { parentCode: d.parentCode, previousParentCode: d.previousParentCode });
      return;
    }
    case 'UnitsMerged': {
      const d = e.data;
      for (const from of d.fromCodes) {
        await trx.insertInto(t.unit_merges).values({ from_code: from, into_code: d.intoCode, merge_type: d.mergeType, effective_date: d.effectiveDate, decision_ref: d.decisionRef, position }).execute();
        if (from !== d.intoCode) await change(trx, t, from, position, 'merged-out', d.effectiveDate, d.decisionRef, { intoCode: d.intoCode, mergeType: d.mergeType });
      }
      await change(trx, t, d.intoCode, position, 'merged-in', d.effectiveDate, d.decisionRef, { fromCodes: d.fromCodes, mergeType: d.mergeType });
      return;
    }
    case 'UnitDissolved': {
      const d = e.data;
      await sql`UPDATE ${sql.table(t.units)} SET dissolved_on = ${d.effectiveDate}, dissolution_reason = ${d.reason}, successor_codes = ${[...d.successorCodes]}::text[]
                WHERE code = ${d.code}`.execute(trx);
      await change(trx, t, d.code, position, 'dissolved', d.effectiveDate, d.decisionRef, { reason: d.reason, successorCodes: d.successorCodes });
      return;
    }
    default:
      return;
  }
}

/** Ends the open row (name or parent) the day the new one starts; returns what it was. */
async function closeOpen(trx: Executor, table: string, code: string, from: string): Promise<{ name?: string; type?: string } | undefined> {
  const rows = await sql<{ name?: string; type?: string }>`
    UPDATE ${sql.table(table)} SET valid_to = ${from}::date WHERE code = ${code} AND valid_to IS NULL RETURNING *`.execute(trx);
  return rows.rows[0];
}

async function change(trx: Executor, t: T, code: string, position: string, kind: string, date: string, decisionRef: string | undefined, detail: object): Promise<void> {
  await trx.insertInto(t.unit_changes).values({ code, position, kind, effective_date: date, decision_ref: decisionRef ?? null, detail: JSON.stringify(detail) }).execute();
}
