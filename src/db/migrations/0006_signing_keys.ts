import type { Migration } from './Migration.js';

/**
 * Submitter signatures for the inspection (README "Inspection: signatures"): public keys a cadre
 * registers (an Ed25519 SPKI key, or an X.509 certificate chain with RSA or ECDSA as officials'
 * digital-signature tokens issue), and detached signatures over a report's canonical bytes. Both
 * append-only by privileges: the app may read and add, never change or remove (as Message DB does).
 */
export const signingKeysMigration: Migration = {
  id: '0006_signing_keys',
  up: ({ schema: s, appRole }) => `
CREATE TABLE ${s}.cadre_signing_keys (
  key_id        uuid        PRIMARY KEY,
  cadre_id      uuid        NOT NULL,
  kind          text        NOT NULL CHECK (kind IN ('ed25519', 'x509')),
  pem           text        NOT NULL CHECK (length(pem) BETWEEN 1 AND 65536),
  registered_by text        NOT NULL,
  registered_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cadre_signing_keys_cadre ON ${s}.cadre_signing_keys (cadre_id);

CREATE TABLE ${s}.report_signatures (
  id           uuid        PRIMARY KEY,
  report_id    uuid        NOT NULL,
  key_id       uuid        NOT NULL REFERENCES ${s}.cadre_signing_keys (key_id),
  signature    bytea       NOT NULL CHECK (length(signature) BETWEEN 1 AND 16384),
  submitted_by text        NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_signatures_report ON ${s}.report_signatures (report_id);

GRANT SELECT, INSERT ON ${s}.cadre_signing_keys, ${s}.report_signatures TO ${appRole};
`,
};
