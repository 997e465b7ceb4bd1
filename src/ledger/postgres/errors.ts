/** Errors of the ledger's storage side (the pure side's are in ../errors.ts). */
export abstract class LedgerStorageError extends Error {
  abstract readonly code: string;
}

/** The stored tree no longer extends what the log signed: refuse to sign anything more. */
export class LedgerInconsistent extends LedgerStorageError {
  readonly code = 'LEDGER_INCONSISTENT';
  constructor(message: string) {
    super(message);
    this.name = 'LedgerInconsistent';
  }
}

/** The key file does not belong to the log recorded in this database. */
export class LedgerKeyMismatch extends LedgerStorageError {
  readonly code = 'LEDGER_KEY_MISMATCH';
  constructor(message: string) {
    super(message);
    this.name = 'LedgerKeyMismatch';
  }
}

/** A proof or leaf was asked for beyond what is sealed. */
export class LedgerRangeError extends LedgerStorageError {
  readonly code = 'LEDGER_OUT_OF_RANGE';
  constructor(message: string, readonly field: string) {
    super(message);
    this.name = 'LedgerRangeError';
  }
}
