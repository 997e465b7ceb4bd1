import type { Migration } from './Migration.js';
import { eventsMigration } from './0001_events.js';
import { ledgerMigration } from './0002_ledger.js';
import { authMigration } from './0003_auth.js';
import { witnessesMigration } from './0004_witnesses.js';
import { projectionsMigration } from './0005_projections.js';
import { signingKeysMigration } from './0006_signing_keys.js';
import { ledgerProofRowsMigration } from './0007_ledger_proof_rows.js';
import { personalDataHexMigration } from './0008_personal_data_hex.js';
import { ledgerLeavesNoStreamIndexMigration } from './0009_ledger_leaves_no_stream_index.js';
import { projectionChangedPositionMigration } from './0010_projection_changed_position.js';

/** Every migration in the order it runs. Later features append theirs here. */
export const migrations: readonly Migration[] = [eventsMigration, ledgerMigration, authMigration, witnessesMigration, projectionsMigration, signingKeysMigration, ledgerProofRowsMigration, personalDataHexMigration, ledgerLeavesNoStreamIndexMigration, projectionChangedPositionMigration];
