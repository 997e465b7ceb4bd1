import { LedgerStorageError } from '../postgres/errors.js';

/** Errors of the server side of witness cosigning (POST /v1/ledger/cosignatures). */
function coded(code: string, name: string) {
  return class extends LedgerStorageError {
    readonly code = code;
    constructor(message: string) {
      super(message);
      this.name = name;
    }
  };
}

/** No signature line is from a registered witness: we do not store strangers' cosignatures. */
export class UnknownWitness extends coded('LEDGER_UNKNOWN_WITNESS', 'UnknownWitness') {}
/** The log signed no checkpoint of that size. */
export class CheckpointNotFound extends coded('LEDGER_CHECKPOINT_NOT_FOUND', 'CheckpointNotFound') {}
/** A checkpoint body the log did not sign at that size (a split view shown to the witness?). */
export class CheckpointMismatch extends coded('LEDGER_CHECKPOINT_MISMATCH', 'CheckpointMismatch') {}
