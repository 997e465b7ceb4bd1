import type { Migration } from './Migration.js';

/**
 * Authentication and request replay (README "Authentication and roles"):
 * - api_tokens: bearer tokens, stored only as the hex SHA-256 of the token (a database leak reveals
 *   no usable token). A role's scope column must be set for the roles that need one. Revocation is
 *   an UPDATE of revoked_at, the only change the app may make.
 * - idempotency_keys: the first successful answer to a request carrying an Idempotency-Key, per
 *   principal (token id), so a retry replays it and writes nothing.
 */
export const authMigration: Migration = {
  id: '0003_auth',
  up: ({ schema: s, appRole }) => `
CREATE TABLE ${s}.api_tokens (
  id            uuid PRIMARY KEY,
  token_hash    text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  role          text NOT NULL CHECK (role IN ('admin', 'organizer', 'cadre', 'unit-committee', 'agency', 'inspector', 'viewer')),
  cadre_id      uuid,
  unit_code     text CHECK (unit_code ~ '^([0-9]{2}|[0-9]{3}|[0-9]{5}|[0-9]{8}|[0-9]{11})$'),
  agency_id     uuid,
  province_code text CHECK (province_code ~ '^[0-9]{2}$'),
  label         text CHECK (length(label) <= 200),
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz,
  CONSTRAINT api_tokens_scope_check CHECK (
    (role <> 'cadre' OR cadre_id IS NOT NULL) AND
    (role <> 'unit-committee' OR unit_code IS NOT NULL) AND
    (role <> 'agency' OR agency_id IS NOT NULL) AND
    (role <> 'organizer' OR province_code IS NOT NULL)
  )
);

CREATE TABLE ${s}.idempotency_keys (
  principal       text NOT NULL,
  key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  route           text NOT NULL,
  request_hash    text NOT NULL,
  response_status integer NOT NULL,
  response_body   text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);

GRANT SELECT, INSERT, UPDATE ON ${s}.api_tokens TO ${appRole};
GRANT SELECT, INSERT ON ${s}.idempotency_keys TO ${appRole};
`,
};
