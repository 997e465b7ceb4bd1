// Type only: registry.ts imports this module's values, so no value may flow back.
import type { ErrorCodeInfo } from './registry.js';

/** Codes of the read-model (query) routes. */
export const queryErrorCodeInfos: Record<QueryErrorCode, ErrorCodeInfo> = {
  PROJECTION_LAGGING: {
    status: 503,
    meaning: 'A read model did not reach the `minPosition` asked for within the wait; the message gives its lag. Retry shortly.',
  },
};

export type QueryErrorCode = 'PROJECTION_LAGGING';
