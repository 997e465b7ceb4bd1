/**
 * Errors of the pure ledger code, one registry of stable codes. Callers branch on `.code`, never on
 * the message. Verification functions (`verify*`) answer `false` instead of throwing; parse, format,
 * sign and proof-building functions throw these.
 *
 * | code                            | thrown when                                                  |
 * | ------------------------------- | ------------------------------------------------------------ |
 * | `LEDGER_UNREPRESENTABLE_VALUE`  | JCS cannot encode a value faithfully (RFC 8785 §3.2)         |
 * | `LEDGER_INVALID_TREE_ARGUMENT`  | a tree size or leaf index is out of range for the request    |
 * | `LEDGER_MISSING_NODE`           | a perfect-subtree hash a plan needs was not supplied         |
 * | `LEDGER_INVALID_HASH`           | a hash is not 32 bytes                                       |
 * | `LEDGER_MALFORMED_NOTE`         | a signed note does not follow c2sp.org/signed-note           |
 * | `LEDGER_MALFORMED_KEY`          | a vkey / signer key string is malformed or its key id wrong  |
 * | `LEDGER_NOTE_UNVERIFIED`        | no known key signed the note                                 |
 * | `LEDGER_NOTE_BAD_SIGNATURE`     | a known key's signature does not verify                      |
 * | `LEDGER_MALFORMED_CHECKPOINT`   | a body does not follow c2sp.org/tlog-checkpoint              |
 * | `LEDGER_INVALID_SALT`           | a personal-data commitment salt is not 32 bytes              |
 * | `LEDGER_MALFORMED_LEAF`         | leaf bytes are not the canonical JCS of a valid envelope     |
 */
export abstract class LedgerError extends Error {
  abstract readonly code: LedgerErrorCode;
}

export type LedgerErrorCode =
  | 'LEDGER_UNREPRESENTABLE_VALUE'
  | 'LEDGER_INVALID_TREE_ARGUMENT'
  | 'LEDGER_MISSING_NODE'
  | 'LEDGER_INVALID_HASH'
  | 'LEDGER_MALFORMED_NOTE'
  | 'LEDGER_MALFORMED_KEY'
  | 'LEDGER_NOTE_UNVERIFIED'
  | 'LEDGER_NOTE_BAD_SIGNATURE'
  | 'LEDGER_MALFORMED_CHECKPOINT'
  | 'LEDGER_INVALID_SALT'
  | 'LEDGER_MALFORMED_LEAF';

/** Why JCS refused a value; `path` is a JSONPath-like pointer (`$.data.items[2]`). */
export type UnrepresentableReason =
  | 'undefined'
  | 'function'
  | 'symbol'
  | 'bigint'
  | 'non-finite-number'
  | 'unsafe-integer'
  | 'number-round-trip'
  | 'lone-surrogate'
  | 'non-plain-object'
  | 'symbol-key'
  | 'cycle';

export class LedgerEncodingError extends LedgerError {
  readonly code = 'LEDGER_UNREPRESENTABLE_VALUE';
  constructor(
    readonly reason: UnrepresentableReason,
    readonly path: string,
  ) {
    super(`cannot canonicalize value at ${path}: ${reason}`);
    this.name = 'LedgerEncodingError';
  }
}

/** Defines a LedgerError subclass with a fixed code; keeps the registry above terse. */
function coded<C extends LedgerErrorCode>(code: C, name: string) {
  return class extends LedgerError {
    readonly code: C = code;
    constructor(message: string) {
      super(message);
      this.name = name;
    }
  };
}

export class InvalidTreeArgument extends coded('LEDGER_INVALID_TREE_ARGUMENT', 'InvalidTreeArgument') {}
export class InvalidHash extends coded('LEDGER_INVALID_HASH', 'InvalidHash') {}
export class MalformedNote extends coded('LEDGER_MALFORMED_NOTE', 'MalformedNote') {}
export class MalformedKey extends coded('LEDGER_MALFORMED_KEY', 'MalformedKey') {}
export class NoteUnverified extends coded('LEDGER_NOTE_UNVERIFIED', 'NoteUnverified') {}
export class NoteBadSignature extends coded('LEDGER_NOTE_BAD_SIGNATURE', 'NoteBadSignature') {}
export class MalformedCheckpoint extends coded('LEDGER_MALFORMED_CHECKPOINT', 'MalformedCheckpoint') {}
export class InvalidSalt extends coded('LEDGER_INVALID_SALT', 'InvalidSalt') {}
export class MalformedLeaf extends coded('LEDGER_MALFORMED_LEAF', 'MalformedLeaf') {}

/** A plan asked for a perfect subtree the caller's source did not have (storage bug or race). */
export class MissingNode extends LedgerError {
  readonly code = 'LEDGER_MISSING_NODE';
  constructor(
    readonly level: number,
    readonly index: bigint,
  ) {
    super(`perfect subtree (level ${level}, index ${index}) was not supplied`);
    this.name = 'MissingNode';
  }
}
