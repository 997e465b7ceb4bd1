import type { EventSchemaErrorCode } from '#events/errors.js';
import { domainErrorCodeList, domainErrorCodes, type DomainErrorCode } from '../domain/errors.js';
// Type only: registry.ts imports this module's values, so no value may flow back.
import type { ErrorCodeInfo } from './registry.js';

/**
 * HTTP statuses of the domain's codes (the domain itself knows none). By default a rule violated is
 * 409; the exceptions are listed here, so a new domain code is a conflict until someone says otherwise.
 */
const statusOf: Partial<Record<DomainErrorCode, number>> = {
  DATE_IN_FUTURE: 400,
  DATE_RANGE_INVALID: 400,
  AMENDMENT_EMPTY: 400,
  UNIT_NOT_FOUND: 404,
  AGENCY_NOT_FOUND: 404,
  CADRE_NOT_FOUND: 404,
  POLICY_NOT_FOUND: 404,
  ASSIGNMENT_NOT_FOUND: 404,
  PLAN_NOT_FOUND: 404,
  VISIT_NOT_FOUND: 404,
  REPORT_NOT_FOUND: 404,
  RECOMMENDATION_NOT_FOUND: 404,
  EVALUATION_NOT_FOUND: 404,
  // Identity: the caller is not the one the rule lets act (checked by the domain on state).
  NOT_OWN_VISIT: 403,
  NOT_UNIT_COMMITTEE: 403,
  NOT_FORWARDED_AGENCY: 403,
  // A commune committee has standing to evaluate only the cadres who followed it that year.
  NOT_FOLLOWER_THAT_YEAR: 403,
};

export const domainErrorCodeInfos: Record<string, ErrorCodeInfo> = Object.fromEntries(
  domainErrorCodeList.map((code) => [code, { status: statusOf[code] ?? 409, meaning: domainErrorCodes[code] }]),
);

/**
 * Event schemas are checked again when events are encoded. Routes validate with the same schemas,
 * so invalid data here is input the route schema let through: 400, not a crash. The other two mean
 * a corrupted store or a missing upcaster.
 */
export const eventSchemaErrorCodeInfos: Record<EventSchemaErrorCode, ErrorCodeInfo> = {
  EVENT_DATA_INVALID: { status: 400, meaning: 'The event the command produced does not match its schema.' },
  EVENT_TYPE_UNKNOWN: { status: 500, meaning: 'A stored event has a type the registry does not know.' },
  EVENT_VERSION_UNSUPPORTED: { status: 500, meaning: 'A stored event has a schema version no upcaster lifts.' },
};
