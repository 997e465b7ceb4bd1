import type { Migration } from './Migration.js';

/**
 * The sealer finds a stream's previous leaf through the events' (stream_id, stream_version) key and
 * the leaves' position key (src/ledger/postgres/Sealer.ts), and only for streams it does not
 * remember; nothing else reads leaves by stream. The index by (stream_id, leaf_index) cost every
 * sealed leaf an insert at a random place (one page write and its WAL per stream touched) for
 * those few lookups.
 */
export const ledgerLeavesNoStreamIndexMigration: Migration = {
  id: '0009_ledger_leaves_no_stream_index',
  up: ({ schema: s }) => `
DROP INDEX ${s}.ledger_leaves_stream_idx;
`,
};
