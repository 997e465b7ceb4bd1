import { errorCodeInfo } from './registry.js';

/** An error the HTTP layer answers as `{ code, message, field? }` with the registry's status. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
    if (!errorCodeInfo(code)) throw new Error(`unregistered error code ${code}`);
  }
}
