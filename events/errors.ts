/**
 * Why event data could not be encoded or read back. Commands are validated before they reach the
 * domain, so these mean a bug or a corrupted store, never bad input.
 */
export type EventSchemaErrorCode = 'EVENT_TYPE_UNKNOWN' | 'EVENT_VERSION_UNSUPPORTED' | 'EVENT_DATA_INVALID';

export class EventSchemaError extends Error {
  override readonly name = 'EventSchemaError';

  constructor(
    readonly code: EventSchemaErrorCode,
    readonly eventType: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
