import type { Migration } from './Migration.js';

/**
 * The vault used to key its rows by the base64 spelling of a commitment while events hold the hex
 * one, and code converted between them. It now writes hex (src/ledger/commitment.ts); this rewrites
 * the keys written before. personal_data is the one table rows may change in: it is not the log.
 */
export const personalDataHexMigration: Migration = {
  id: '0008_personal_data_hex',
  up: ({ schema: s }) => `
UPDATE ${s}.personal_data
   SET commitment = encode(decode(commitment, 'base64'), 'hex')
 WHERE commitment !~ '^[0-9a-f]{64}$';
ALTER TABLE ${s}.personal_data
  ADD CONSTRAINT personal_data_commitment_hex CHECK (commitment ~ '^[0-9a-f]{64}$');
`,
};
