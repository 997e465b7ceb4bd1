/**
 * Stable codes for every rule the domain enforces, each with its meaning. The HTTP layer maps them
 * to statuses in its own registry; the domain knows nothing of HTTP.
 */
export const domainErrorCodes = {
  // general
  AMENDMENT_EMPTY: 'An amendment changes nothing.',
  // dates
  DATE_IN_FUTURE: 'A date lies after today (Vietnam time) where only past or present dates are allowed.',
  DATE_RANGE_INVALID: 'An end date lies before its start date.',
  // units
  UNIT_NOT_FOUND: 'No such administrative unit.',
  UNIT_NOT_ACTIVE: 'The unit has not been established yet or has ceased on the date concerned.',
  UNIT_ALREADY_EXISTS: 'A unit with this code was already established with other data.',
  UNIT_LEVEL_INVALID: 'The code, level or parent do not fit together (e.g. a hamlet under a province).',
  UNIT_OUTSIDE_COMMITTEE: 'The unit does not lie under the unit of the committee acting on it.',
  UNIT_CHANGE_BEFORE_ESTABLISHMENT: 'A unit change takes effect before the unit was established.',
  UNIT_SUCCESSORS_INVALID: 'A dissolution names no successor for a merge, fewer than two for a split, or the unit itself.',
  // agencies
  AGENCY_NOT_FOUND: 'No such agency.',
  AGENCY_ALREADY_REGISTERED: 'An agency with this id is already registered.',
  // cadres
  CADRE_NOT_FOUND: 'No such cadre.',
  CADRE_NOT_ACTIVE: 'The cadre has retired on the date concerned.',
  CADRE_ALREADY_REGISTERED: 'A cadre with this id is already registered.',
  CADRE_ALREADY_IN_AGENCY: 'The cadre already works in that agency.',
  CADRE_ALREADY_RETIRED: 'The cadre has already retired.',
  CADRE_NOT_IN_AGENCY: 'The cadre does not work in the agency whose plan names them.',
  PERSONAL_DATA_ALREADY_ERASED: 'A personal field was already erased or was never recorded.',
  // policies
  POLICY_ALREADY_ISSUED: 'A policy with this id was already issued.',
  POLICY_NOT_FOUND: 'No such quota policy.',
  POLICY_REPEALED: 'The policy has been repealed.',
  // assignment boards
  ASSIGNMENT_ALREADY_EXISTS: 'An assignment with this id already exists.',
  ASSIGNMENT_NOT_FOUND: 'No such assignment on this board.',
  ASSIGNMENT_ALREADY_ENDED: 'The assignment has already ended.',
  ASSIGNMENT_DUPLICATE: 'The same cadre or agency already has an overlapping assignment of this kind to this unit.',
  ASSIGNMENT_ONE_TO_ONE_VIOLATED: 'The policy in force allows one follower per commune and one commune per cadre; an override reason is required.',
  ROTATION_NOT_A_CADRE_ASSIGNMENT: 'Only a cadre\'s own assignment can be rotated, and only to that cadre.',
  // plans
  PLAN_NOT_FOUND: 'No plan has been drafted for this agency and month.',
  PLAN_NOT_EDITABLE: 'The plan is submitted or approved and can no longer be redrafted.',
  PLAN_ALREADY_SUBMITTED: 'The plan is already submitted or approved.',
  PLAN_NOT_SUBMITTED: 'Only a submitted plan can be approved or rejected.',
  PLAN_ENTRY_OUTSIDE_MONTH: 'A plan entry\'s dates fall outside the plan\'s month.',
  PLAN_NOT_APPROVED: 'A visit refers to a plan that is not approved.',
  PLAN_ENTRY_NOT_FOUND: 'A visit refers to a plan with no entry for this cadre and unit.',
  // fieldwork
  VISIT_ALREADY_EXISTS: 'A visit with this id already exists.',
  VISIT_NOT_FOUND: 'No such visit in this cadre\'s fieldwork.',
  VISIT_OVERLAPS: 'The visit\'s dates overlap another visit of the same cadre.',
  ACTIVITY_OUTSIDE_VISIT: 'An activity is dated outside the visit\'s dates.',
  VISIT_ALREADY_CONFIRMED: 'The visit is already confirmed.',
  VISIT_ALREADY_DISPUTED: 'The visit is already disputed.',
  VISIT_DISPUTED: 'The visit is disputed; it can be confirmed only by resolving the dispute with a reason.',
  VISIT_NOT_DISPUTED: 'Only a disputed visit can have its dispute resolved.',
  VISIT_CANCELLED: 'The visit was cancelled.',
  VISIT_HAS_REPORT: 'A visit with a filed report cannot be cancelled.',
  NOT_OWN_VISIT: 'Only the cadre who made the visit may log, cancel or report on it.',
  NOT_UNIT_COMMITTEE: 'Only the committee of the unit concerned may do this.',
  REPORT_ALREADY_FILED: 'A report has already been filed for this visit.',
  REPORT_ALREADY_EXISTS: 'A report with this id already exists.',
  REPORT_NOT_FOUND: 'No such report in this cadre\'s fieldwork.',
  RECOMMENDATION_ID_REPEATED: 'The same recommendation id appears twice.',
  // recommendations
  RECOMMENDATION_ALREADY_RAISED: 'This recommendation was already raised.',
  RECOMMENDATION_NOT_FOUND: 'No such recommendation.',
  RECOMMENDATION_NOT_IN_REPORT: 'The report does not raise this recommendation.',
  RECOMMENDATION_NOT_FORWARDED: 'The recommendation has not been forwarded to an agency.',
  RECOMMENDATION_ALREADY_ANSWERED: 'The agency has already answered.',
  RECOMMENDATION_CLOSED: 'The recommendation is closed.',
  RECOMMENDATION_ALREADY_CLOSED: 'The recommendation is already closed.',
  RECOMMENDATION_NOT_CLOSED: 'Only a closed recommendation can be reopened.',
  NOT_FORWARDED_AGENCY: 'Only the agency the recommendation was forwarded to may answer it.',
  DUE_DATE_IN_PAST: 'The due date lies before today.',
  // evaluations
  NOT_FOLLOWER_THAT_YEAR: 'The cadre did not follow this commune during that year.',
  EVALUATION_ALREADY_EXISTS: 'This committee already evaluated this cadre for that year.',
  EVALUATION_NOT_FOUND: 'No such evaluation.',
  UNIT_ALREADY_RATED: 'This unit was already rated for that year.',
} as const;

export type DomainErrorCode = keyof typeof domainErrorCodes;

export const domainErrorCodeList = Object.keys(domainErrorCodes) as DomainErrorCode[];

export class DomainError extends Error {
  override readonly name = 'DomainError';

  /**
   * @param field the command field at fault, as a dotted path (`activities.2.date`), when there is one.
   */
  constructor(
    readonly code: DomainErrorCode,
    message: string = domainErrorCodes[code],
    readonly field?: string,
  ) {
    super(message);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
