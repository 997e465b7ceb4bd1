import type { Migration } from './Migration.js';

/**
 * `changed_position`: the checkpoint of the last batch that brought a build events of the types it
 * handles. `position` moves with every batch, empty ones too (a build's checkpoint passes the
 * events it does not handle), so it cannot tell whether a build's rows changed; this can, and an
 * answer read from a build holds while its active generation and this stay the same
 * (src/projections/readModelStamp.ts). Existing builds start from their checkpoint.
 */
export const projectionChangedPositionMigration: Migration = {
  id: '0010_projection_changed_position',
  up: ({ schema: s }) => `
ALTER TABLE ${s}.projection_state ADD COLUMN changed_position bigint NOT NULL DEFAULT 0;
UPDATE ${s}.projection_state SET changed_position = position;
`,
};
