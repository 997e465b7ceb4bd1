import type { Migration } from './Migration.js';

/**
 * Witnesses whose cosignatures the log accepts (README "Ledger: witnesses"), registered by an admin
 * with `diaban witness add NAME VKEY`. key_id is the hex key id of the witness's cosignature/v1 key
 * (c2sp.org/tlog-cosignature: key id over 0x04 || public key), the id on its signature lines.
 * The app may only read and add; retiring a witness is an owner's decision, made in SQL.
 */
export const witnessesMigration: Migration = {
  id: '0004_witnesses',
  up: ({ schema: s, appRole }) => `
CREATE TABLE ${s}.ledger_witnesses (
  name     text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  key_id   text NOT NULL CHECK (key_id ~ '^[0-9a-f]{8}$'),
  vkey     text NOT NULL UNIQUE,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, key_id)
);

GRANT SELECT, INSERT ON ${s}.ledger_witnesses TO ${appRole};
`,
};
