/** DDL of the unit-lineage tables (see projection.ts for what each holds). */
export type UnitTables = 'units' | 'unit_names' | 'unit_parents' | 'unit_merges' | 'unit_changes';

export const unitTables: Record<UnitTables, (t: string) => string> = {
  units: (t) => `
    CREATE TABLE ${t} (
      code               text PRIMARY KEY,
      level              text NOT NULL,
      name               text NOT NULL,
      folded_name        text NOT NULL,
      type               text NOT NULL,
      parent_code        text,
      established_on     date NOT NULL,
      dissolved_on       date,
      dissolution_reason text,
      successor_codes    text[] NOT NULL DEFAULT '{}'
    );
    CREATE INDEX ${t}_parent ON ${t} (parent_code);
    CREATE INDEX ${t}_level ON ${t} (level);
  `,
  unit_names: (t) => `
    CREATE TABLE ${t} (
      code        text NOT NULL,
      name        text NOT NULL,
      folded_name text NOT NULL,
      type        text NOT NULL,
      valid_from  date NOT NULL,
      valid_to    date,
      position    bigint NOT NULL,
      PRIMARY KEY (code, position)
    );
  `,
  unit_parents: (t) => `
    CREATE TABLE ${t} (
      code        text NOT NULL,
      parent_code text NOT NULL,
      valid_from  date NOT NULL,
      valid_to    date,
      position    bigint NOT NULL,
      PRIMARY KEY (code, position)
    );
    CREATE INDEX ${t}_parent ON ${t} (parent_code);
  `,
  unit_merges: (t) => `
    CREATE TABLE ${t} (
      from_code      text NOT NULL,
      into_code      text NOT NULL,
      merge_type     text NOT NULL,
      effective_date date NOT NULL,
      decision_ref   text NOT NULL,
      position       bigint NOT NULL,
      PRIMARY KEY (from_code, into_code, position)
    );
    CREATE INDEX ${t}_into ON ${t} (into_code);
  `,
  unit_changes: (t) => `
    CREATE TABLE ${t} (
      code           text NOT NULL,
      position       bigint NOT NULL,
      kind           text NOT NULL,
      effective_date date NOT NULL,
      decision_ref   text,
      detail         jsonb NOT NULL,
      PRIMARY KEY (code, position, kind)
    );
  `,
};
