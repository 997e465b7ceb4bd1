import type { Migration } from './Migration.js';

/**
 * The verifiable ledger beside the events (README "Ledger"):
 * - ledger_leaves: one leaf per event in position order; leaf_index is the RFC 9162 leaf number
 *   (dense from 0), leaf_bytes exactly what was hashed.
 * - ledger_nodes: every perfect subtree of level ≥ 1, so roots and proofs read O(log n) rows.
 * - ledger_checkpoints: every signed checkpoint, kept forever; ledger_cosignatures: witnesses'.
 * - ledger_meta: the log's origin and verifier key, fixed at the first seal.
 * - personal_data: values and salts behind personal-field commitments: the one erasable table.
 * All but personal_data refuse UPDATE/DELETE/TRUNCATE.
 */
export const ledgerMigration: Migration = {
  id: '0002_ledger',
  up: ({ schema: s, appRole }) => `
CREATE TABLE ${s}.ledger_meta (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  origin     text NOT NULL,
  vkey       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ${s}.ledger_leaves (
  leaf_index      bigint PRIMARY KEY CHECK (leaf_index >= 0),
  global_position bigint NOT NULL UNIQUE,
  stream_id       text   NOT NULL,
  leaf_bytes      bytea  NOT NULL,
  leaf_hash       bytea  NOT NULL CHECK (length(leaf_hash) = 32)
);
CREATE INDEX ledger_leaves_stream_idx ON ${s}.ledger_leaves (stream_id, leaf_index);

CREATE TABLE ${s}.ledger_nodes (
  level smallint NOT NULL CHECK (level >= 1 AND level < 64),
  idx   bigint   NOT NULL CHECK (idx >= 0),
  hash  bytea    NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (level, idx)
);

CREATE TABLE ${s}.ledger_checkpoints (
  tree_size  bigint PRIMARY KEY CHECK (tree_size >= 0),
  root_hash  bytea  NOT NULL CHECK (length(root_hash) = 32),
  note       text   NOT NULL,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
);

CREATE TABLE ${s}.ledger_cosignatures (
  tree_size   bigint NOT NULL REFERENCES ${s}.ledger_checkpoints (tree_size),
  witness     text   NOT NULL,
  key_id      text   NOT NULL,
  line        text   NOT NULL,
  signed_at   bigint NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tree_size, key_id)
);

CREATE TABLE ${s}.personal_data (
  commitment text PRIMARY KEY,
  salt       bytea NOT NULL CHECK (length(salt) = 32),
  value      text  NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER ledger_meta_immutable BEFORE UPDATE OR DELETE ON ${s}.ledger_meta
  FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_change();
CREATE TRIGGER ledger_leaves_immutable BEFORE UPDATE OR DELETE ON ${s}.ledger_leaves
  FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_change();
CREATE TRIGGER ledger_nodes_immutable BEFORE UPDATE OR DELETE ON ${s}.ledger_nodes
  FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_change();
CREATE TRIGGER ledger_checkpoints_immutable BEFORE UPDATE OR DELETE ON ${s}.ledger_checkpoints
  FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_change();
CREATE TRIGGER ledger_cosignatures_immutable BEFORE UPDATE OR DELETE ON ${s}.ledger_cosignatures
  FOR EACH ROW EXECUTE FUNCTION ${s}.refuse_change();
${['ledger_meta', 'ledger_leaves', 'ledger_nodes', 'ledger_checkpoints', 'ledger_cosignatures']
  .map((t) => `CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON ${s}.${t} FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_change();`)
  .join('\n')}

GRANT SELECT, INSERT ON ${s}.ledger_meta, ${s}.ledger_leaves, ${s}.ledger_nodes,
  ${s}.ledger_checkpoints, ${s}.ledger_cosignatures TO ${appRole};
GRANT SELECT, INSERT, DELETE ON ${s}.personal_data TO ${appRole};
`,
};
