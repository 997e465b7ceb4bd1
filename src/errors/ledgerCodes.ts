import type { LedgerErrorCode } from '../ledger/errors.js';
// Type only: registry.ts imports this module's values, so no value may flow back.
import type { ErrorCodeInfo } from './registry.js';

/**
 * HTTP statuses of the ledger's codes: the pure ledger's (src/ledger/errors.ts), its storage side's
 * (src/ledger/postgres/errors.ts) and the witness endpoint's. Malformed input from a client is 400;
 * stored data a parser refuses is our own corruption, so 500.
 */
export const ledgerErrorCodeInfos: Record<LedgerErrorCode | LedgerHttpCode, ErrorCodeInfo> = {
  LEDGER_UNREPRESENTABLE_VALUE: { status: 400, meaning: 'A value RFC 8785 (JCS) cannot represent faithfully (a float that does not round-trip, a lone surrogate).' },
  LEDGER_INVALID_TREE_ARGUMENT: { status: 400, meaning: 'Tree sizes or positions that cannot go together (consistency needs 1 ≤ from ≤ to).' },
  LEDGER_MISSING_NODE: { status: 500, meaning: 'A stored Merkle subtree the proof needs is missing.' },
  LEDGER_INVALID_HASH: { status: 400, meaning: 'A hash is not 32 bytes.' },
  LEDGER_MALFORMED_NOTE: { status: 400, meaning: 'The text is not a C2SP signed note.' },
  LEDGER_MALFORMED_KEY: { status: 400, meaning: 'A verifier key is malformed or its key id does not match.' },
  LEDGER_NOTE_UNVERIFIED: { status: 400, meaning: 'The note is not signed by the key it must be signed by (the log’s, or a registered witness’s).' },
  LEDGER_NOTE_BAD_SIGNATURE: { status: 400, meaning: 'A signature line of a known key does not verify.' },
  LEDGER_MALFORMED_CHECKPOINT: { status: 400, meaning: 'The note body is not a C2SP tlog-checkpoint.' },
  LEDGER_INVALID_SALT: { status: 500, meaning: 'A personal-data commitment salt is not 32 bytes.' },
  LEDGER_MALFORMED_LEAF: { status: 500, meaning: 'Stored leaf bytes are not the canonical encoding of a leaf envelope.' },
  LEDGER_OUT_OF_RANGE: { status: 404, meaning: 'The position or tree size is not sealed (yet); `field` names it.' },
  LEDGER_INCONSISTENT: { status: 500, meaning: 'The stored tree no longer extends a signed checkpoint; the log refuses to sign.' },
  LEDGER_KEY_MISMATCH: { status: 500, meaning: 'The ledger key file is not the key this log was started with.' },
  LEDGER_UNKNOWN_WITNESS: { status: 403, meaning: 'No cosignature line is from a registered witness (`diaban witness add`).' },
  LEDGER_CHECKPOINT_NOT_FOUND: { status: 404, meaning: 'The log signed no checkpoint of this tree size.' },
  LEDGER_CHECKPOINT_MISMATCH: { status: 409, meaning: 'The cosigned checkpoint is not the one the log signed at that size.' },
};

export type LedgerHttpCode =
  | 'LEDGER_OUT_OF_RANGE'
  | 'LEDGER_INCONSISTENT'
  | 'LEDGER_KEY_MISMATCH'
  | 'LEDGER_UNKNOWN_WITNESS'
  | 'LEDGER_CHECKPOINT_NOT_FOUND'
  | 'LEDGER_CHECKPOINT_MISMATCH';
