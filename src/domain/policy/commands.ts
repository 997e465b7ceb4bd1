import type { QuotaPolicyAmended, QuotaPolicyIssued, QuotaPolicyRepealed } from '#events/policies.js';
import type { Command } from '../command.js';
import type { NoContext } from '../decider.js';
import type { UnitFact } from '../facts.js';

export type IssueQuotaPolicy = Command<'IssueQuotaPolicy', QuotaPolicyIssued>;
export type AmendQuotaPolicy = Command<'AmendQuotaPolicy', QuotaPolicyAmended>;
export type RepealQuotaPolicy = Command<'RepealQuotaPolicy', QuotaPolicyRepealed>;

export type PolicyCommand = IssueQuotaPolicy | AmendQuotaPolicy | RepealQuotaPolicy;

export interface PolicyContexts {
  /** The issuing unit as of `issuedOn`. */
  readonly IssueQuotaPolicy: { readonly issuingUnit: UnitFact | null };
  readonly AmendQuotaPolicy: NoContext;
  readonly RepealQuotaPolicy: NoContext;
}
