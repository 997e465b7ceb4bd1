import type { PolicyEvent } from '#events/registry.js';
import { definedOnly } from '../data.js';
import { fail, requireActiveUnit, requireNotFuture, requireOrdered } from '../rules.js';
import { todayInVietnam } from '../time.js';
import type { AmendQuotaPolicy, IssueQuotaPolicy, PolicyCommand, PolicyContexts, RepealQuotaPolicy } from './commands.js';
import type { IssuedPolicy, PolicyState } from './state.js';

/** A policy is recorded once it has been issued; it may take effect later. */
export function decide<C extends PolicyCommand>(command: C, state: PolicyState, context: PolicyContexts[C['type']]): PolicyEvent[] {
  const cmd: PolicyCommand = command;
  // The signature ties `context` to the command's type; each cast restates that for the branch.
  switch (cmd.type) {
    case 'IssueQuotaPolicy': return issue(cmd, state, context as PolicyContexts['IssueQuotaPolicy']);
    case 'AmendQuotaPolicy': return amend(cmd, state);
    case 'RepealQuotaPolicy': return repeal(cmd, state);
    default: {
      const _: never = cmd;
      return _;
    }
  }
}

function issue({ data, metadata }: IssueQuotaPolicy, state: PolicyState, { issuingUnit }: PolicyContexts['IssueQuotaPolicy']): PolicyEvent[] {
  if (state.status === 'issued') fail('POLICY_ALREADY_ISSUED', 'policyId');
  requireNotFuture(data.issuedOn, todayInVietnam(metadata.now), 'issuedOn');
  requireOrdered(data.effectiveFrom, data.effectiveUntil, 'effectiveUntil');
  requireActiveUnit(issuingUnit, data.issuedOn, 'issuingUnitCode');
  return [{ type: 'QuotaPolicyIssued', data: definedOnly({ ...data }) }];
}

function amend({ data }: AmendQuotaPolicy, state: PolicyState): PolicyEvent[] {
  const policy = requireInForce(state);
  if (Object.keys(definedOnly(data.changes)).length === 0) fail('AMENDMENT_EMPTY', 'changes');
  requireOrdered(policy.issued.effectiveFrom, data.effectiveFrom, 'effectiveFrom');
  return [{ type: 'QuotaPolicyAmended', data: { ...data, changes: definedOnly(data.changes) } }];
}

function repeal({ data }: RepealQuotaPolicy, state: PolicyState): PolicyEvent[] {
  const policy = requireInForce(state);
  requireOrdered(policy.issued.effectiveFrom, data.effectiveDate, 'effectiveDate');
  return [{ type: 'QuotaPolicyRepealed', data: definedOnly({ ...data }) }];
}

function requireInForce(state: PolicyState): IssuedPolicy {
  if (state.status === 'none') return fail('POLICY_NOT_FOUND', 'policyId');
  if (state.repealed !== null) fail('POLICY_REPEALED', 'policyId');
  return state;
}
