import type { Migration } from './Migration.js';

/**
 * Projection bookkeeping. Each (name, version, generation) is one build of a read model into its own
 * physical tables; `position` is its checkpoint, written in the same transaction as its rows. The
 * active build's tables are what the read model's views point at (blue/green: a new version or a
 * rebuild fills new tables while queries read the old, then the views switch in one transaction).
 * Read-model tables are disposable, so the app role may create and drop them (CREATE on the schema);
 * the event and ledger tables stay append-only whatever it creates.
 */
export const projectionsMigration: Migration = {
  id: '0005_projections',
  up: ({ schema: s, appRole }) => `
CREATE TABLE ${s}.projection_state (
  name        text    NOT NULL,
  version     integer NOT NULL CHECK (version >= 1),
  generation  integer NOT NULL CHECK (generation >= 1),
  position    bigint  NOT NULL DEFAULT 0,
  status      text    NOT NULL CHECK (status IN ('building', 'active', 'retired')),
  started_at  timestamptz NOT NULL DEFAULT now(),
  promoted_at timestamptz,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, version, generation)
);
CREATE UNIQUE INDEX projection_state_one_active ON ${s}.projection_state (name) WHERE status = 'active';

GRANT SELECT, INSERT, UPDATE ON ${s}.projection_state TO ${appRole};
GRANT CREATE ON SCHEMA ${s} TO ${appRole};
`,
};
